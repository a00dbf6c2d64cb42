import type { LabEvent } from '@socket-playground/protocol';
import type { ReactNode } from 'react';
import { formatTuple } from '../../format/address.ts';
import { eventSummary } from '../../format/event-text.ts';
import { HANDSHAKE_LABEL, type FlowModel } from '../../flow/flow-types.ts';
import { arrowDescription, arrowLabel, blockLabel } from '../../flow/labels.ts';

/** Where the pointer is, and over what (the `data-tip` of the shape). */
export interface Hover {
  tip: string;
  x: number;
  y: number;
  /** Size of the diagram, to keep the tooltip inside it. */
  width: number;
  height: number;
}

const WIDTH = 320;

function eventLines(seq: number, event: LabEvent | undefined): ReactNode {
  if (!event) return null;
  const tuple = formatTuple(event.local, event.remote);
  const summary = eventSummary(event);
  return (
    <>
      <div className="tip-title">
        #{seq} <span className={`call-badge call-badge-${event.call}`}>{event.call}</span> <span className="muted">on {event.socketId === '-' ? 'no socket yet' : `socket ${event.socketId}`}</span>
      </div>
      {tuple && <div className="mono tip-tuple">{tuple}</div>}
      {summary && <div>{summary}</div>}
      {event.nodeCall && <div className="muted">inside {event.nodeCall}</div>}
      <div className="tip-hint">Click for the details and the bytes.</div>
    </>
  );
}

function content(tip: string, model: FlowModel, events: ReadonlyMap<number, LabEvent>, nowTs: number | null): ReactNode {
  const kind = tip[0];
  const rest = tip.slice(1);
  const lane = (key: string) => model.lanes.find((l) => l.key === key);
  switch (kind) {
    case 'i':
      return eventLines(Number(rest), events.get(Number(rest)));
    case 'b': {
      const block = model.blocks.find((b) => b.seq === Number(rest));
      if (!block) return null;
      return (
        <>
          <div className="tip-title">{blockLabel(block, block.endTs ?? nowTs ?? block.startTs)}</div>
          <div>
            The program called {block.call}() and its thread is {block.endRow === null ? 'now' : 'was'} asleep in the kernel: it could not
            do anything else until the call returned{block.endedBy === 'error' ? ' (it ended with an error)' : block.endedBy === 'close' ? ' (the socket was closed)' : ''}.
          </div>
          {block.endRow === null && <div className="muted">Still waiting: the bar grows with the clock.</div>}
        </>
      );
    }
    case 'a': {
      const arrow = model.arrows.find((a) => a.id === rest);
      if (!arrow) return null;
      return (
        <>
          <div className="tip-title">{arrowLabel(arrow)}</div>
          <div>{arrowDescription(arrow, lane(arrow.fromLane), lane(arrow.toLane))}</div>
        </>
      );
    }
    case 'c': {
      const c = model.connections.find((x) => x.id === rest);
      if (!c) return null;
      return (
        <>
          <div className="tip-title">Connection {c.clientEnd} → {c.serverEnd}</div>
          <div>
            The {HANDSHAKE_LABEL} (SYN, SYN-ACK, ACK) while connect() waited. The server's kernel completes it on its own and queues the
            connection; accept() only takes it from that queue.
          </div>
          {c.acceptSeq === null && c.queued && <div className="muted">The server has not accepted it yet.</div>}
        </>
      );
    }
    case 'g': {
      const group = model.groups.find((gr) => `${gr.firstRow}:${gr.lane}` === rest);
      if (!group) return null;
      return (
        <>
          <div className="tip-title">One Node call: {group.nodeCall}</div>
          <div>Node makes these Berkeley calls inside that one API call; the playground shows each of them.</div>
        </>
      );
    }
    default:
      return null;
  }
}

export function FlowTooltip({ hover, model, events, nowTs }: { hover: Hover; model: FlowModel; events: ReadonlyMap<number, LabEvent>; nowTs: number | null }) {
  const body = content(hover.tip, model, events, nowTs);
  if (!body) return null;
  const left = Math.max(8, Math.min(hover.x + 14, hover.width - WIDTH - 8));
  const below = hover.y < hover.height - 180;
  const style = below ? { left, top: hover.y + 16, width: WIDTH } : { left, bottom: hover.height - hover.y + 12, width: WIDTH };
  return (
    <div className="flow-tooltip" role="tooltip" style={style}>
      {body}
    </div>
  );
}
