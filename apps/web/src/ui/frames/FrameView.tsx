import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explain } from '../../bridge/page-errors.ts';
import { frameView, type FrameView as FrameModel } from '../../frames/frame-model.ts';
import { formatByteCount } from '../../format/bytes.ts';
import { currentLang } from '../../i18n/i18n.ts';
import type { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import type { DirIndex, StreamConnection } from '../../timeline/stream-types.ts';
import { useStore } from '../hooks.ts';
import { FrameBar } from './FrameBar.tsx';
import { FrameParts } from './FrameParts.tsx';
import { FrameSteps } from './FrameSteps.tsx';
import '../../styles/app-protocol.css';

/**
 * One direction of a connection as the application protocol: the stream cut into protoheader |
 * JSON header | content, and the receiver's state machine replayed recv by recv. Bytes beyond a
 * call's preview are fetched first, so the view always decodes whole calls.
 */
export function FrameView({ conn, dir, fetcher, version }: { conn: StreamConnection; dir: DirIndex; fetcher: ByteFetcher; version: number }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const fetched = useStore(fetcher.version);
  const model: FrameModel = useMemo(() => frameView(conn, dir, fetcher.bytesOf), [conn, dir, fetcher, fetched, version]);
  // null: show every recv at once; a number: the state after that many recvs.
  const [step, setStep] = useState<number | null>(null);
  useEffect(() => {
    for (const block of model.incomplete) void fetcher.fetch(block);
  }, [model.incomplete, fetcher]);

  const title = dir === 0 ? t('proto.frames.request') : t('proto.frames.response');
  if (model.length === 0) {
    return (
      <section className="frame-view" data-testid="frame-view" data-dir={dir} aria-label={title}>
        <h4>{title}</h4>
        <p className="muted">{t('proto.frames.empty')}</p>
      </section>
    );
  }
  const receiver = conn[conn.dirs[dir].to];
  const sender = conn[conn.dirs[dir].from];
  const who = (model.chunksFrom === 'recv' ? receiver?.owner : sender?.owner) ?? '?';
  const count = model.readings.length;
  const shown = step === null ? count : step;
  const reading = step === null || step === 0 ? null : model.readings[step - 1]!;
  const problem = model.problem ? explain(model.problem, lang) : null;
  return (
    <section className="frame-view" data-testid="frame-view" data-dir={dir} aria-label={title}>
      <div className="frame-head">
        <h4>{title}</h4>
        <span className="muted">
          {formatByteCount(model.length)} · {model.chunksFrom === 'recv' ? t('proto.frames.readBy', { who, count }) : t('proto.frames.sentBy', { who, count })}
        </span>
      </div>
      {model.incomplete.length > 0 && <p className="muted">{t('proto.frames.loading')}</p>}
      <FrameBar model={model} upTo={shown} current={reading} />
      <FrameParts model={model} upTo={reading ? reading.block.offset + reading.block.bytes : model.length} />
      <FrameSteps model={model} step={step} onStep={setStep} />
      <div className={problem ? 'frame-verdict frame-verdict-bad' : 'frame-verdict'} data-testid="frame-verdict" data-code={model.problem?.code ?? ''} role="status">
        <strong>{t('proto.frames.verdict')}:</strong>{' '}
        {problem ? (
          <>
            <span>{problem.title}</span>
            <span className="frame-verdict-why">{problem.why}</span>
          </>
        ) : (
          <span>{t('proto.frames.whole', { count: model.messages })}</span>
        )}
      </div>
    </section>
  );
}
