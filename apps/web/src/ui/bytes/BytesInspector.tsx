import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { looksFramed } from '../../frames/frame-model.ts';
import type { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import type { ByteBlock, StreamConnection } from '../../timeline/stream-types.ts';
import { BlockInspector } from './BlockInspector.tsx';
import type { BytesUi } from './bytes-state.ts';
import { ConnectionSummary } from './ConnectionSummary.tsx';
import { FollowStream } from './FollowStream.tsx';

// The frame view (and its CSS) loads when a framed connection is first inspected.
const FrameView = lazy(() => import('../frames/FrameView.tsx').then((m) => ({ default: m.FrameView })));

interface BytesInspectorProps {
  conn: StreamConnection | null;
  block: ByteBlock | null;
  version: number;
  panel: BytesUi['panel'];
  fetcher: ByteFetcher;
  live: boolean;
  origin: number;
  onPanel: (panel: BytesUi['panel']) => void;
  onSelect: (seq: number) => void;
  /** The replay's position (the counters show that moment), or null. */
  atSeq?: number | null;
}

/** Right of the list: the connection's counters and files, then the selected block or the whole conversation. */
export function BytesInspector({ conn, block, version, panel, fetcher, live, origin, onPanel, onSelect, atSeq = null }: BytesInspectorProps) {
  const { t } = useTranslation();
  if (!conn) {
    return (
      <section className="bytes-inspector bytes-inspector-empty" data-testid="bytes-inspector" aria-label={t('bytes.inspector')}>
        <p>{t('bytes.pick')}</p>
      </section>
    );
  }
  // The application protocol's frames, when the connection's first bytes announce a JSON header.
  const framed = looksFramed(conn, fetcher.bytesOf);
  return (
    <section className="bytes-inspector" data-testid="bytes-inspector" aria-label={t('bytes.inspectorOf', { id: conn.id })}>
      <ConnectionSummary conn={conn} fetcher={fetcher} live={live} atSeq={atSeq} />
      <div className="bytes-panel-tabs" role="tablist" aria-label={t('bytes.whatToInspect')}>
        <button
          type="button"
          role="tab"
          aria-selected={panel === 'block'}
          className={panel === 'block' ? 'bytes-ptab bytes-ptab-on' : 'bytes-ptab'}
          onClick={() => onPanel('block')}
        >
          {t('bytes.selectedCall')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={panel === 'stream'}
          className={panel === 'stream' ? 'bytes-ptab bytes-ptab-on' : 'bytes-ptab'}
          data-testid="bytes-follow-stream"
          onClick={() => onPanel('stream')}
        >
          {t('bytes.followStream')}
        </button>
        {framed && (
          <button
            type="button"
            role="tab"
            aria-selected={panel === 'frames'}
            className={panel === 'frames' ? 'bytes-ptab bytes-ptab-on' : 'bytes-ptab'}
            data-testid="bytes-frames"
            onClick={() => onPanel('frames')}
          >
            {t('proto.frames.title')}
          </button>
        )}
      </div>
      <div className="bytes-panel" role="tabpanel">
        {panel === 'frames' && framed ? (
          <Suspense fallback={null}>
            <FrameView conn={conn} dir={0} fetcher={fetcher} version={version} />
            <FrameView conn={conn} dir={1} fetcher={fetcher} version={version} />
          </Suspense>
        ) : panel === 'stream' ? (
          <FollowStream conn={conn} version={version} fetcher={fetcher} live={live} selectedSeq={block?.seq ?? null} onSelect={onSelect} atSeq={atSeq} />
        ) : block ? (
          <BlockInspector key={block.seq} block={block} fetcher={fetcher} live={live} origin={origin} onSelect={onSelect} atSeq={atSeq} />
        ) : (
          <p className="bytes-empty-small">{t('bytes.clickBlock')}</p>
        )}
      </div>
    </section>
  );
}
