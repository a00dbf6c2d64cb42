import { useState } from 'react';
import type { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import { connectionState, countersOf, type DirectionCounters } from '../../timeline/counters.ts';
import { assembleStream, missingText, sourceBlocks, streamFileName } from '../../timeline/stream-bytes.ts';
import { DIR_LABEL, DIR_SHORT, connectionTitle, formatB, sideName } from '../../timeline/stream-text.ts';
import type { DirIndex, StreamConnection } from '../../timeline/stream-types.ts';
import { downloadBlob } from './save-file.ts';

interface StreamExportProps {
  conn: StreamConnection;
  fetcher: ByteFetcher;
  live: boolean;
}

const dash = <span className="muted">—</span>;
const num = (n: number | null, title: string) => (n === null ? <span title={title}>{dash}</span> : formatB(n));

/** One connection: who talks to whom, the counters per direction, and its byte streams as files. */
export function ConnectionSummary({ conn, fetcher, live }: StreamExportProps) {
  const counters = countersOf(conn);
  const state = connectionState(conn);
  return (
    <div className="bytes-summary">
      <div className="bytes-summary-head">
        <h3 title={connectionTitle(conn)}>
          <span className="bytes-conn-name">{conn.id}</span> {sideName(conn, 'a')} ⇄ {sideName(conn, 'b')}
        </h3>
        <span className={`bytes-state bytes-state-${state}`}>{state}</span>
        <StreamExport conn={conn} fetcher={fetcher} live={live} />
      </div>
      <table className="bytes-counters" data-testid="bytes-counters">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">direction</span>
            </th>
            <th scope="col" title="Bytes the sending program handed to send()">sent</th>
            <th scope="col" title="Bytes the receiving program got from recv()">received</th>
            <th scope="col" title="Sent but not yet read by the peer: in Node's queue, in the kernels' buffers or on the wire">in flight</th>
            <th scope="col" title="Bytes Node still held after the latest write, not yet taken by the kernel">app queue</th>
          </tr>
        </thead>
        <tbody>
          {counters.map((c) => (
            <CounterRow key={c.dir} c={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CounterRow({ c }: { c: DirectionCounters }) {
  const outside = 'a program outside the playground: its calls are not seen';
  return (
    <tr data-dir={c.dir}>
      <th scope="row">
        <span className={`bytes-swatch bytes-swatch-${c.dir}`} aria-hidden="true" />
        {DIR_LABEL[c.dir]}
      </th>
      <td>{num(c.sent, outside)}</td>
      <td>
        {c.eof && (
          <span className="bytes-eof" title="The receiver's recv() returned 0: the sender closed this direction">
            EOF
          </span>
        )}
        {num(c.received, outside)}
      </td>
      <td className={c.inFlight ? 'bytes-inflight' : undefined}>
        {num(c.inFlight, 'unknown: one side is outside the playground')}
        {c.unreadAtClose && <span className="bytes-lost" title="The receiver closed its socket before reading them"> never read</span>}
      </td>
      <td>{num(c.queued, 'no send seen')}</td>
    </tr>
  );
}

/** The two byte streams as .bin files, built from all the bytes the bridge still holds. */
function StreamExport({ conn, fetcher, live }: StreamExportProps) {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (dir: DirIndex) => {
    setBusy(true);
    setNote(null);
    if (live) await fetcher.fetchAll(sourceBlocks(conn, dir));
    const stream = assembleStream(conn, dir, live ? fetcher.bytesOf : () => null);
    downloadBlob(new Blob([stream.data.slice().buffer], { type: 'application/octet-stream' }), streamFileName(conn, dir));
    const name = `${streamFileName(conn, dir)}: ${formatB(stream.data.length)}`;
    if (stream.missing.length === 0) setNote(`Saved ${name}, the whole ${DIR_LABEL[dir]} stream.`);
    else {
      const shown = stream.missing.slice(0, 3).map(missingText).join('; ');
      const more = stream.missing.length > 3 ? `; and ${stream.missing.length - 3} more gaps` : '';
      setNote(`Saved ${name} of ${formatB(stream.total)}, what there is. Missing: ${shown}${more}.${live ? '' : ' A saved session keeps only the first bytes of each call.'}`);
    }
    setBusy(false);
  };

  return (
    <div className="bytes-export">
      <span className="bytes-export-label">Save .bin:</span>
      {([0, 1] as const).map((dir) => (
        <button
          key={dir}
          type="button"
          className="button button-small"
          data-testid="bytes-export-stream"
          data-dir={dir}
          disabled={busy}
          title={`Save every byte sent ${DIR_LABEL[dir]} as ${streamFileName(conn, dir)}`}
          onClick={() => void save(dir)}
        >
          <span className={`bytes-swatch bytes-swatch-${dir}`} aria-hidden="true" />
          {DIR_SHORT[dir]}
        </button>
      ))}
      {note && (
        <p className="bytes-export-note" role="status" data-testid="bytes-export-note">
          {note}
        </p>
      )}
    </div>
  );
}
