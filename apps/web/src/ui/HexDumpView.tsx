import { memo } from 'react';
import { BYTES_PER_LINE, hexDumpLines } from '../format/hex-dump.ts';

/** "00 01 … 07  08 … 0f": the column heads over `perLine` bytes, with the same gap in the middle. */
function headOf(perLine: number): string {
  const cells = Array.from({ length: perLine }, (_, i) => i.toString(16).padStart(2, '0'));
  return `${cells.slice(0, perLine / 2).join(' ')}  ${cells.slice(perLine / 2).join(' ')}`;
}

/** Offset, hex and text columns, 16 bytes a line (8 where the room is narrow). */
export const HexDumpView = memo(function HexDumpView({ bytes, offset, perLine = BYTES_PER_LINE }: { bytes: Uint8Array; offset: number; perLine?: number }) {
  if (bytes.length === 0) return <div className="hexdump-empty">No bytes.</div>;
  const lines = hexDumpLines(bytes, offset, perLine);
  return (
    // Focusable: it scrolls when long, and keyboard users must be able to scroll it too.
    <div className="hexdump mono" role="table" aria-label="Hex dump" tabIndex={0}>
      <div className="hex-line hex-head" role="row">
        <span className="hex-offset" role="columnheader">
          offset
        </span>
        <span className="hex-bytes" role="columnheader">
          {headOf(perLine)}
        </span>
        <span className="hex-text" role="columnheader">
          text
        </span>
      </div>
      {lines.map((l) => (
        <div className="hex-line" role="row" key={l.offset}>
          <span className="hex-offset" role="cell">
            {l.offset}
          </span>
          <span className="hex-bytes" role="cell">
            {l.hex}
          </span>
          <span className="hex-text" role="cell">
            {l.text}
          </span>
        </div>
      ))}
    </div>
  );
});
