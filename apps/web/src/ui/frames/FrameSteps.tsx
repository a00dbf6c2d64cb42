import type { DecoderState, FrameStep } from '@socket-playground/appframe';
import { frameProblem } from '@socket-playground/appframe';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { explain } from '../../bridge/page-errors.ts';
import type { FrameView } from '../../frames/frame-model.ts';
import { formatByteCount } from '../../format/bytes.ts';
import { currentLang } from '../../i18n/i18n.ts';
import type { Lang } from '../../i18n/prefs.ts';

const PHASES = ['protoheader', 'header', 'content'] as const;

function completedText(t: TFunction, step: FrameStep, lang: Lang): string {
  switch (step.type) {
    case 'protoheader':
      return t('proto.frames.completed.protoheader', { n: step.value });
    case 'header':
      return t('proto.frames.completed.header', { n: step.contentLength });
    case 'message':
      return t('proto.frames.completed.message', { n: step.message.end - step.message.start });
    case 'error':
      return t('proto.frames.completed.error', { what: explain(frameProblem(step.error), lang).title });
  }
}

function waitingText(t: TFunction, state: DecoderState): string | null {
  if (state.phase === 'error' || (state.phase === 'protoheader' && state.have === 0)) return null;
  return t('proto.frames.stillWaiting', { phase: t(`proto.frames.phases.${state.phase}`), have: state.have, need: state.need });
}

/**
 * The receiver's state machine, one recv at a time: which part it is reading, what each recv
 * completed, and how much of the current part it still waits for. `step` null shows them all.
 */
export function FrameSteps({ model, step, onStep }: { model: FrameView; step: number | null; onStep: (step: number | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const total = model.readings.length;
  const at = step ?? total;
  const state = at === 0 ? null : model.readings[at - 1]!.after;
  // Between messages the decoder waits for the next protoheader; right after one, say it is complete.
  const complete = state !== null && state.phase === 'protoheader' && state.have === 0 && state.messages > 0;
  const phase = complete ? 'done' : (state?.phase ?? 'protoheader');
  const shown = model.readings.slice(0, at);
  return (
    <div className="frame-steps" data-testid="frame-steps">
      <div className="frame-steps-head">
        <strong>{t('proto.frames.machine')}</strong>
        <div className="frame-step-controls">
          <button type="button" className="button button-small" data-testid="frame-prev" disabled={at <= 1} onClick={() => onStep(Math.max(1, at - 1))} aria-label={t('proto.frames.prev')}>
            ◀
          </button>
          <span className="mono" data-testid="frame-step-of" aria-live="polite">
            {t('proto.frames.stepOf', { n: at, total })}
          </span>
          <button type="button" className="button button-small" data-testid="frame-next" disabled={at >= total} onClick={() => onStep(Math.min(total, at + 1))} aria-label={t('proto.frames.next')}>
            ▶
          </button>
          <button type="button" className="button button-small" data-testid="frame-all" disabled={step === null} onClick={() => onStep(null)}>
            {t('proto.frames.all')}
          </button>
        </div>
      </div>
      <ol className="frame-phases" aria-label={t('proto.frames.machine')}>
        {PHASES.map((p) => (
          <li key={p} className={phase === p ? 'frame-phase frame-phase-on' : phase === 'error' ? 'frame-phase frame-phase-dead' : 'frame-phase'} data-phase={p} aria-current={phase === p ? 'step' : undefined}>
            {t(`proto.frames.phases.${p}`)}
            {phase === p && state && state.have > 0 && <span className="frame-phase-count mono">{`${state.have}/${state.need}`}</span>}
          </li>
        ))}
        {phase === 'error' ? (
          <li className="frame-phase frame-phase-error">{t('proto.frames.phases.error')}</li>
        ) : (
          <li className={complete ? 'frame-phase frame-phase-on frame-phase-done' : 'frame-phase'} data-phase="done" aria-current={complete ? 'step' : undefined}>
            {t('proto.frames.phases.done')}
          </li>
        )}
      </ol>
      <ol className="frame-readings">
        {shown.map((r, i) => (
          <li key={r.block.seq} className={i === at - 1 && step !== null ? 'frame-reading frame-reading-on' : 'frame-reading'} data-testid="frame-reading">
            <span className="mono">#{r.block.seq}</span> {t('proto.frames.got', { bytes: formatByteCount(r.block.bytes), from: r.block.offset, to: r.block.offset + r.block.bytes - 1 })}
            <ul>
              {r.steps.map((s, j) => (
                <li key={j} className={s.type === 'error' ? 'frame-done frame-done-bad' : 'frame-done'}>
                  {completedText(t, s, lang)}
                </li>
              ))}
              {waitingText(t, r.after) && <li className="frame-wait">{waitingText(t, r.after)}</li>}
            </ul>
          </li>
        ))}
        {at === total && model.ended && <li className="frame-reading frame-reading-eof">{t('proto.frames.closed')}</li>}
      </ol>
    </div>
  );
}
