import { describe, expect, it } from 'vitest';
import { formatHexDump, formatOffset, hexDumpLines } from '../src/format/hex-dump.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('hex dump', () => {
  it('formats one short line with padding so the text column lines up', () => {
    expect(formatHexDump(bytes('Hello, world'))).toBe(
      '00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64              |Hello, world|',
    );
  });

  it('puts 16 bytes on a line and counts from the stream offset', () => {
    const lines = hexDumpLines(bytes('0123456789abcdefXYZ'), 32);
    expect(lines.map((l) => l.offset)).toEqual(['00000020', '00000030']);
    expect(lines[0]?.text).toBe('0123456789abcdef');
    expect(lines[1]?.hex.startsWith('58 59 5a')).toBe(true);
    expect(lines[0]?.hex.length).toBe(lines[1]?.hex.length);
  });

  it('shows non-printable bytes as a middle dot', () => {
    const [line] = hexDumpLines(new Uint8Array([0x41, 0x0a, 0x00, 0x7f, 0xff, 0x20]));
    expect(line?.text).toBe('A···· ');
    expect(line?.hex.startsWith('41 0a 00 7f ff 20')).toBe(true);
  });

  it('gives no lines for no bytes', () => {
    expect(hexDumpLines(new Uint8Array(0))).toEqual([]);
    expect(formatHexDump(new Uint8Array(0))).toBe('');
  });

  it('formats offsets as 8 hex digits', () => {
    expect(formatOffset(0)).toBe('00000000');
    expect(formatOffset(65536)).toBe('00010000');
  });
});
