import { describe, expect, it } from 'vitest';
import { takeToken, tokenFromHash, TOKEN_STORAGE_KEY, type TokenStorage } from '../src/session-token.ts';
import { bridgeSocketUrl } from '../src/bridge/socket.ts';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('session token', () => {
  it('reads #token= from the fragment', () => {
    expect(tokenFromHash('#token=abc')).toBe('abc');
    expect(tokenFromHash('#x=1&token=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('stores a token from the URL and removes it from the visible URL', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = takeToken({ hash: '#token=XYZ', pathname: '/', search: '?a=1' }, storage, (u) => replaced.push(u));
    expect(token).toBe('XYZ');
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe('XYZ');
    expect(replaced).toEqual(['/?a=1']);
  });

  it('falls back to the stored token after a reload, and a new link wins', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'OLD' });
    expect(takeToken({ hash: '', pathname: '/', search: '' }, storage, () => {})).toBe('OLD');
    expect(takeToken({ hash: '#token=NEW', pathname: '/', search: '' }, storage, () => {})).toBe('NEW');
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe('NEW');
  });

  it('gives null without a token, and survives a storage that throws', () => {
    expect(takeToken({ hash: '', pathname: '/', search: '' }, null, () => {})).toBeNull();
    const broken: TokenStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeToken({ hash: '', pathname: '/', search: '' }, broken, () => {})).toBeNull();
    expect(takeToken({ hash: '#token=T', pathname: '/', search: '' }, broken, () => {})).toBe('T');
  });

  it('builds the WebSocket URL with the encoded token', () => {
    expect(bridgeSocketUrl({ protocol: 'http:', host: '127.0.0.1:6464' }, 'a+b/c')).toBe('ws://127.0.0.1:6464/ws?token=a%2Bb%2Fc');
    expect(bridgeSocketUrl({ protocol: 'https:', host: 'x' }, 't')).toBe('wss://x/ws?token=t');
  });
});
