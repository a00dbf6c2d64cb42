import { memo } from 'react';
import { hexDumpLines } from '../format/hex-dump.ts';

/** Offset, hex and text columns, 16 bytes a line. */
export const HexDumpView = memo(function HexDumpView({ bytes, offset }: { bytes: Uint8Array; offset: number }) {
  if (bytes.length === 0) return <div className="hexdump-empty">No bytes.</div>;
  const lines = hexDumpLines(bytes, offset);
  return (
    <div className="hexdump mono" role="table" aria-label="Hex dump">
      <div className="hex-line hex-head" role="row">
        <span className="hex-offset">offset</span>
        <span className="hex-bytes">00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f</span>
        <span className="hex-text">text</span>
      </div>
      {lines.map((l) => (
        <div className="hex-line" role="row" key={l.offset}>
          <span className="hex-offset">{l.offset}</span>
          <span className="hex-bytes">{l.hex}</span>
          <span className="hex-text">{l.text}</span>
        </div>
      ))}
    </div>
  );
});
