import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { lastIndexAtOrBefore, sessionFileName, sessionToJson } from '../../replay/session-file.ts';
import { demoView, type DemoFocus } from '../../timeline/demo-focus.ts';
import { blockBySeq, countBlocks, filterConnections, filterDirs, listBlocks, type StreamFilter } from '../../timeline/filters.ts';
import { matchSeqs } from '../../timeline/matching.ts';
import { BlockSearch, parseSearch } from '../../timeline/search.ts';
import { GEOMETRY, layoutRows } from '../../timeline/timeline-layout.ts';
import { fitView, followNewest, reveal, zoomAt, type TimeView } from '../../timeline/time-view.ts';
import type { StreamConnection } from '../../timeline/stream-types.ts';
import { useConnection, useEventSource, useStore, useStoreSelect, useView } from '../hooks.ts';
import { BlockList } from './BlockList.tsx';
import { bytesSessionOf, focusOfDemo } from './bytes-state.ts';
import { BytesInspector } from './BytesInspector.tsx';
import { BytesToolbar } from './BytesToolbar.tsx';
import { ConnectionList } from './ConnectionList.tsx';
import { DemoFocusNote } from './DemoFocusNote.tsx';
import { DroppedNote } from './DroppedNote.tsx';
import { ReplayCursorNote } from './ReplayCursorNote.tsx';
import { downloadBlob } from './save-file.ts';
import { TimelineCanvas } from './TimelineCanvas.tsx';
import '../../styles/bytes.css';
import '../../styles/bytes-lists.css';
import '../../styles/bytes-inspector.css';
import { groupDigits } from '../../format/number.ts';

/**
 * The "Bytes" tab: every connection's two byte streams on a timeline (a canvas: only what is in
 * view is drawn), the same blocks as a list, and an inspector for one block or the whole
 * conversation. Built incrementally from the event log; the tab's state outlives the tab.
 */
export function BytesPane() {
  const { t } = useTranslation();
  const connection = useConnection();
  // Under a flood of events React may skip to the newest batch instead of drawing every one.
  const source = useDeferredValue(useEventSource());
  const session = bytesSessionOf(connection);
  const ui = useStore(session.ui);
  const builder = source.live ? session.live : session.loaded;
  const model = useMemo(() => builder.update(source.entries), [builder, source.entries]);
  const { version } = model;
  useEffect(() => {
    if (source.live) session.fetchedForGeneration(model.generation);
  }, [source.live, model.generation, session]);
  const origin = source.originTs ?? model.firstT ?? 0;

  // The Call flow tab's replay standing at a past call: the timeline veils what came after it.
  const viewStore = useView();
  const cursor = useStore(viewStore.state).cursor;
  const cursorEntry = cursor === null ? undefined : source.entries[lastIndexAtOrBefore(source.entries, cursor)];
  const atSeq = cursorEntry?.seq ?? null;
  // The header's counts: the session's, or those up to the replay's position.
  const shown = useMemo(() => {
    if (!cursorEntry) return { conns: model.connections.length, blocks: model.blocks.length };
    const seq = cursorEntry.seq;
    return { conns: model.connections.filter((c) => c.firstSeq <= seq).length, blocks: lastIndexAtOrBefore(model.blocks, seq) + 1 };
  }, [model, version, cursorEntry]);
  // A demonstration shown on its own: its connections, found again as the model grows or trims.
  const bridgeId = useStoreSelect(connection.session, (s) => s.bridgeId);
  const demo = source.live ? ui.demo : null;
  const focusDemo: DemoFocus | null = useMemo(
    () => (demo ? focusOfDemo(demo, model, bridgeId) : null),
    [demo, model, bridgeId],
  );
  const filter = useDemoFilter(ui.filter, focusDemo);
  const connections = useMemo(() => filterConnections(model, filter), [model, filter]);
  const listed = useMemo(() => filterConnections(model, { ...filter, conn: null }), [model, filter]);
  const dirs = useMemo(() => filterDirs(filter), [filter]);
  const layout = useMemo(() => layoutRows(connections, dirs), [connections, dirs, version]);
  const blockCount = countBlocks(connections, dirs);
  const blocks = useMemo(() => listBlocks(model, filter), [model, filter]);

  const selected = blockBySeq(model, ui.selectedSeq);
  const focus: StreamConnection | null = selected?.conn ?? connections.find((c) => c.id === filter.conn) ?? (connections.length === 1 ? connections[0]! : null);
  const matches = useMemo(() => matchSeqs(selected), [selected, version]);

  const query = useDebounced(ui.query, 180);
  const parsed = useMemo(() => parseSearch(query), [query]);
  const search = useRef<{ gen: number; search: BlockSearch } | null>(null);
  const hits = useMemo(() => {
    if (!parsed) return null;
    if (!search.current || search.current.search.query !== parsed || search.current.gen !== model.generation) {
      search.current = { gen: model.generation, search: new BlockSearch(parsed) };
    }
    return new Set(search.current.search.scan(model.blocks));
  }, [parsed, model]);

  const bounds = useMemo(() => timeBounds(connections), [connections, version]);
  // While following, the rows scroll to the connection that moved bytes last.
  const newest = bounds.newest;
  // Fitted, a demonstration's window is its span (whichever of its connections is picked).
  const base = ui.view ?? (focusDemo ? demoView(focusDemo) : null) ?? fitView(bounds.first, bounds.last);
  const view: TimeView = ui.follow && ui.view ? followNewest(ui.view, bounds.last) : base;

  const select = (seq: number) => {
    session.select(seq);
    const block = blockBySeq(model, seq);
    if (!block) return;
    // Looking at an older block (out of view, or on another connection) stops following.
    const away = reveal(view, block.t) !== view || (ui.follow && block.conn !== newest);
    if (away) session.setView(reveal(view, block.t), true);
  };
  const selectConn = (id: string | null) => {
    session.setFilter({ conn: id });
    if (id !== null && selected && selected.conn.id !== id) session.select(null);
  };
  const exportJson = () => {
    const now = new Date();
    downloadBlob(new Blob([sessionToJson(source.entries, now)], { type: 'application/json' }), sessionFileName(now));
  };

  return (
    <section className="bytes-pane" data-testid="bytes-pane" aria-labelledby="bytes-title">
      <div className="bytes-head">
        <div className="events-title">
          <h2 id="bytes-title">{t('tabs.bytes')}</h2>
          <span className="muted">
            {t('bytes.connections', { count: shown.conns, n: num(shown.conns) })} · {t('bytes.blocks', { count: shown.blocks, n: num(shown.blocks) })}
          </span>
        </div>
        <div className="bytes-head-right">
          <DroppedNote live={source.live} />
          <button type="button" className="button button-small" data-testid="bytes-export-json" disabled={source.entries.length === 0} onClick={exportJson} title={t('bytes.exportTitle')}>
            {t('bytes.exportJson')}
          </button>
        </div>
      </div>
      {cursorEntry && <ReplayCursorNote seq={cursorEntry.seq} ts={cursorEntry.event.ts} originTs={source.originTs} onShowAll={() => viewStore.setCursor(null)} />}
      {demo && focusDemo && <DemoFocusNote demo={demo.summary.demo} focus={focusDemo} onLeave={() => session.leaveDemo()} />}
      <BytesToolbar
        hosts={model.hosts}
        filter={filter}
        query={ui.query}
        parsed={parsed}
        hitCount={hits?.size ?? 0}
        follow={ui.follow}
        fitted={ui.view === null}
        onFilter={(patch) => session.setFilter(patch)}
        onQuery={(q) => session.patch({ query: q })}
        onZoom={(factor) => session.setView(zoomAt(view, factor, ui.follow ? 0.94 : 0.5), false)}
        onFit={() => session.setView(null, false)}
        onFollow={(follow) => session.patch({ follow })}
      />
      <div className="bytes-timeline-wrap" style={{ flexBasis: GEOMETRY.axis + layout.height + 14 }}>
        <TimelineCanvas
          model={model}
          layout={layout}
          view={view}
          origin={origin}
          blockCount={blockCount}
          selected={selected}
          matches={matches}
          hits={hits}
          focusConn={focus?.id ?? null}
          cursorT={cursorEntry?.event.ts ?? null}
          cursorSeq={atSeq}
          revealConn={(ui.follow ? newest?.id : focus?.id) ?? null}
          following={ui.follow}
          onView={(v, stop) => session.setView(v, stop)}
          onSelect={select}
          onSelectConn={(id) => selectConn(id)}
        />
        {model.connections.length === 0 && (
          <div className="bytes-empty">
            <p>
              <Trans i18nKey="bytes.empty" components={{ code: <code /> }} />
            </p>
          </div>
        )}
      </div>
      <p className="bytes-why" title={t('bytes.whyTitle')}>
        <strong>{t('bytes.whyLead')}</strong> {t('bytes.whyText')}
      </p>
      <div className="bytes-bottom">
        <div className="bytes-left">
          <ConnectionList
            connections={listed}
            selected={filter.conn}
            onSelect={selectConn}
            allLabel={filter.conns && focusDemo ? t('demos.focus.allOf', { id: focusDemo.demoId }) : undefined}
            atSeq={atSeq}
          />
          <BlockList blocks={blocks} version={version} origin={origin} selectedSeq={selected?.seq ?? null} matches={matches} hits={hits} follow={ui.follow} afterSeq={atSeq} onSelect={select} />
        </div>
        <BytesInspector
          conn={focus}
          block={selected}
          version={version}
          panel={ui.panel}
          fetcher={session.fetcher}
          live={source.live}
          origin={origin}
          onPanel={(panel) => session.patch({ panel })}
          onSelect={select}
          atSeq={atSeq}
        />
      </div>
    </section>
  );
}

/** The time the shown connections span, and the one with the newest event. */
function timeBounds(connections: readonly StreamConnection[]): { first: number | null; last: number | null; newest: StreamConnection | null } {
  let first: number | null = null;
  let last: number | null = null;
  let newest: StreamConnection | null = null;
  for (const c of connections) {
    first = first === null ? c.firstT : Math.min(first, c.firstT);
    last = last === null ? c.lastT : Math.max(last, c.lastT);
    if (!newest || c.lastSeq > newest.lastSeq) newest = c;
  }
  return { first, last, newest };
}

const num = (n: number): string => groupDigits(n);

/** The learner's filter, narrowed to the shown demonstration's connections (the same set object while they are the same). */
function useDemoFilter(filter: StreamFilter, focus: DemoFocus | null): StreamFilter {
  const key = focus && focus.conns.length > 0 ? focus.conns.join(' ') : '';
  const conns = useMemo(() => (key === '' ? null : new Set(key.split(' '))), [key]);
  return useMemo(() => (conns ? { ...filter, conns } : filter), [filter, conns]);
}

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return current;
}
