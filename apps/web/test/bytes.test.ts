import { describe, expect, it } from 'vitest';
import { base64ToBytes, formatByteCount, previewOf, printableText, pythonBytesRepr, utf8Length } from '../src/format/bytes.ts';

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe('base64ToBytes', () => {
  it('decodes the protocol base64', () => {
    expect(Array.from(base64ToBytes('SGk='))).toEqual([0x48, 0x69]);
  });

  it('gives no bytes for invalid input rather than throwing', () => {
    expect(base64ToBytes('***').length).toBe(0);
  });
});

describe('previews', () => {
  it('shows text as is', () => {
    expect(previewOf(b64('Hello, world'), 12)).toEqual({ text: 'Hello, world', truncated: false });
  });

  it('marks a truncated preview with an ellipsis', () => {
    expect(previewOf(b64('Hello'), 300)).toEqual({ text: 'Hello…', truncated: true });
  });

  it('replaces control characters and broken UTF-8 with a middle dot', () => {
    expect(printableText(new TextEncoder().encode('a\nb\tc\x00'))).toBe('a·b·c·');
    expect(printableText(new Uint8Array([0x61, 0xff, 0x62]))).toBe('a·b');
  });

  it('keeps readable non-ASCII text', () => {
    expect(printableText(new TextEncoder().encode('héllo ✓'))).toBe('héllo ✓');
  });
});

describe('pythonBytesRepr', () => {
  const repr = (text: string) => pythonBytesRepr(new TextEncoder().encode(text));

  it('prints like echo-client.py', () => {
    expect(repr('Hello, world')).toBe("b'Hello, world'");
  });

  it('escapes like CPython', () => {
    expect(repr('a\nb\tc\\')).toBe("b'a\\nb\\tc\\\\'");
    expect(repr('é')).toBe("b'\\xc3\\xa9'");
    expect(pythonBytesRepr(new Uint8Array([0, 0x7f]))).toBe("b'\\x00\\x7f'");
  });

  it('chooses quotes like CPython', () => {
    expect(repr("it's")).toBe('b"it\'s"');
    expect(repr('say "hi"')).toBe("b'say \"hi\"'");
    expect(repr(`it's "x"`)).toBe("b'it\\'s \"x\"'");
  });
});

describe('sizes', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('Hello, world')).toBe(12);
    expect(utf8Length('é')).toBe(2);
  });

  it('says byte or bytes', () => {
    expect(formatByteCount(1)).toBe('1 byte');
    expect(formatByteCount(0)).toBe('0 bytes');
    expect(formatByteCount(1536)).toBe('1,536 bytes');
  });
});
