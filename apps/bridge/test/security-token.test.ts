/**
 * The token comparison is constant-time (item 5 of the perimeter brief): whatever its length,
 * a given token is hashed to 32 bytes and compared with timingSafeEqual against the hash of
 * the real one, so a wrong length or a matching prefix takes exactly the same path as a wrong
 * token of the right length. node:crypto is wrapped (not replaced) to watch that path.
 */
import type * as NodeCrypto from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

const crypto = vi.hoisted(() => ({ hashes: [] as string[], compared: [] as [number, number][] }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return {
    ...actual,
    createHash: (algorithm: string) => {
      crypto.hashes.push(algorithm);
      return actual.createHash(algorithm);
    },
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      crypto.compared.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { tokenMatches, TOKEN_DIGEST_BYTES } = await import('../src/guards.ts');
const { loadOrCreateToken } = await import('../src/token.ts');

const token = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';

beforeEach(() => {
  crypto.hashes.length = 0;
  crypto.compared.length = 0;
});

describe('tokenMatches is constant-time', () => {
  it.each([
    ['the right token', token, true],
    ['one character', 'a', false],
    ['a prefix', token.slice(0, 16), false],
    ['same length, last character wrong', `${token.slice(0, -1)}9`, false],
    ['same length, first character wrong', `b${token.slice(1)}`, false],
    ['one character longer', `${token}0`, false],
    ['a thousand characters', 'x'.repeat(1000), false],
    ['non-ASCII', 'ä'.repeat(64), false],
  ])('%s: two SHA-256 hashes, then one timingSafeEqual of two 32-byte digests', (_name, given, expected) => {
    expect(tokenMatches(given, token)).toBe(expected);
    expect(crypto.hashes).toEqual(['sha256', 'sha256']);
    expect(crypto.compared).toEqual([[TOKEN_DIGEST_BYTES, TOKEN_DIGEST_BYTES]]);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
  ])('%s is refused before any comparison (it carries nothing to time)', (_name, given) => {
    expect(tokenMatches(given, token)).toBe(false);
    expect(crypto.compared).toEqual([]);
  });

  it('an empty expected token never matches, not even an empty one', () => {
    expect(tokenMatches('', '')).toBe(false);
    expect(tokenMatches('x', '')).toBe(false);
  });
});

describe('the token file', () => {
  function tempFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'bridge-token-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'sub', 'token');
  }
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('is created readable by this user only, in a private directory, with 256 random bits', () => {
    const file = tempFile();
    const token = loadOrCreateToken(file);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(file, '..'))).toBe(0o700);
    expect(loadOrCreateToken(file)).toBe(token);
  });

  it('a token file readable by others is tightened to 0600 and kept', () => {
    const file = tempFile();
    const token = loadOrCreateToken(file);
    chmodSync(file, 0o644);
    expect(loadOrCreateToken(file)).toBe(token);
    expect(mode(file)).toBe(0o600);
  });

  it.each(['', 'short', 'x'.repeat(31), '-'.repeat(10) + ' spaces ' + 'y'.repeat(30), 'z'.repeat(300)])(
    'a file holding %j is replaced by a fresh token, and its permissions fixed',
    (content) => {
      const file = tempFile();
      loadOrCreateToken(file);
      writeFileSync(file, content);
      chmodSync(file, 0o666);
      const token = loadOrCreateToken(file);
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
      expect(mode(file)).toBe(0o600);
    },
  );
});
