import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { bytesEachWay, connectionState } from '../../timeline/counters.ts';
import { connectionTitle, connectionWho, formatB } from '../../timeline/stream-text.ts';
import type { StreamConnection } from '../../timeline/stream-types.ts';
import { groupDigits } from '../../format/number.ts';

const ROW = 46;

interface ConnectionListProps {
  connections: readonly StreamConnection[];
  selected: string | null;
  onSelect: (conn: string | null) => void;
  /** What the first row says instead of "All connections" (a demonstration's: "All of demo3"). */
  allLabel?: string | undefined;
  /** The replay's position: each connection's state and bytes as they stood right after this event. */
  atSeq?: number | null;
}

/**
 * The connections of the session (only those near the scroll position are in the page), and
 * "all connections". Picking one narrows the timeline and the list to it.
 */
export function ConnectionList({ connections, selected, onSelect, allLabel, atSeq = null }: ConnectionListProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: connections.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 6 });
  return (
    <div className="bytes-conns" role="listbox" aria-label={t('bytes.connectionsLabel')}>
      <button
        type="button"
        role="option"
        aria-selected={selected === null}
        className={selected === null ? 'bytes-conn bytes-conn-all bytes-conn-on' : 'bytes-conn bytes-conn-all'}
        data-testid="bytes-connection-all"
        onClick={() => onSelect(null)}
      >
        <span className="bytes-conn-name">{allLabel ?? t('bytes.allConnections')}</span>
        <span className="muted">{groupDigits(connections.length)}</span>
      </button>
      <div className="bytes-conns-scroll" ref={scroller}>
        {connections.length === 0 && <p className="bytes-empty-small">{t('bytes.noConnections')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const conn = connections[item.index]!;
            const state = connectionState(conn, atSeq);
            const [up, down] = bytesEachWay(conn, atSeq);
            const on = conn.id === selected;
            return (
              <button
                key={conn.id}
                type="button"
                role="option"
                aria-selected={on}
                className={on ? 'bytes-conn bytes-conn-on' : 'bytes-conn'}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}
                data-testid="bytes-connection"
                data-conn={conn.id}
                data-state={state}
                title={connectionTitle(conn)}
                onClick={() => onSelect(on ? null : conn.id)}
              >
                <span className="bytes-conn-line">
                  <span className="bytes-conn-name">{conn.id}</span>
                  <span className="bytes-conn-who">{connectionWho(conn, lang)}</span>
                  <span className={`bytes-state bytes-state-${state}`}>{t(`bytes.state.${state}`)}</span>
                </span>
                <span className="bytes-conn-line bytes-conn-sub">
                  <span className="bytes-dir0">→ {formatB(up)}</span>
                  <span className="bytes-dir1">← {formatB(down)}</span>
                  <span className="bytes-conn-ends mono">{conn.bEnd ?? ''}</span>
                </span>
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
