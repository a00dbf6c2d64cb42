/**
 * A hex dump in the style of `hexdump -C`: offset, 16 bytes in hex (a gap after 8), then the
 * same bytes as text. The offset is the byte's position in its direction of the TCP stream,
 * so consecutive send()s line up: TCP is a byte stream, not a sequence of messages.
 */
export interface HexLine {
  /** Stream offset of the line's first byte, 8 hex digits. */
  offset: string;
  /** Hex bytes, padded so the text column lines up on a short last line. */
  hex: string;
  /** Printable ASCII as is, anything else as `·`. */
  text: string;
}

export const BYTES_PER_LINE = 16;

function hexByte(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function asciiOrDot(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
}

export function formatOffset(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}

export function hexDumpLines(bytes: Uint8Array, startOffset = 0, perLine = BYTES_PER_LINE): HexLine[] {
  const half = perLine / 2;
  const lines: HexLine[] = [];
  for (let start = 0; start < bytes.length; start += perLine) {
    const chunk = bytes.subarray(start, start + perLine);
    const cells: string[] = [];
    for (let i = 0; i < perLine; i++) {
      const b = chunk[i];
      cells.push(b === undefined ? '  ' : hexByte(b));
    }
    const hex = `${cells.slice(0, half).join(' ')}  ${cells.slice(half).join(' ')}`;
    lines.push({ offset: formatOffset(startOffset + start), hex, text: Array.from(chunk, asciiOrDot).join('') });
  }
  return lines;
}

/** The whole dump as text, one line per 16 bytes (for copying, and for tests). */
export function formatHexDump(bytes: Uint8Array, startOffset = 0): string {
  return hexDumpLines(bytes, startOffset)
    .map((l) => `${l.offset}  ${l.hex}  |${l.text}|`)
    .join('\n');
}
