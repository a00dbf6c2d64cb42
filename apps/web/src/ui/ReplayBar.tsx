import type { SequencedLabEvent } from '@socket-playground/protocol';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../format/time.ts';
import { MAX_SESSION_FILE_BYTES, readSessionFile, sessionFileName, sessionToJson, stepCursor, type ReplayPosition } from '../replay/session-file.ts';
import { useConnection, useStore, useView } from './hooks.ts';

const SOURCE = 'Load session';

/**
 * The timeline under the diagram's title: scrub through the recorded calls, step one at a
 * time, go back to following live; save the session to a file or load one to replay.
 */
export function ReplayBar({ entries, position, live }: { entries: readonly SequencedLabEvent[]; position: ReplayPosition; live: boolean }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const view = useView();
  const { loaded } = useStore(view.state);
  const [badFile, setBadFile] = useState<string | null>(null);
  // A file being read: its name and how far (a large session takes seconds).
  const [reading, setReading] = useState<{ name: string; percent: number } | null>(null);
  const problem = badFile === null ? null : t('replay.notSession', { name: badFile });
  const fileInput = useRef<HTMLInputElement>(null);
  const n = entries.length;
  const current = entries[position.index];
  const atEnd = position.index >= n - 1;

  const save = () => {
    const now = new Date();
    const blob = new Blob([sessionToJson(entries, now)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = sessionFileName(now);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file can be chosen again
    if (!file) return;
    setBadFile(null);
    setReading({ name: file.name, percent: 0 });
    const parsed =
      file.size > MAX_SESSION_FILE_BYTES
        ? ({ ok: false, error: { code: 'BAD_SESSION_FILE', message: t('shell.replay.tooLarge', { mib: MAX_SESSION_FILE_BYTES / (1024 * 1024) }) } } as const)
        : await readSessionFile(file, { progress: (done, total) => setReading((r) => progressed(r, file.name, total > 0 ? Math.floor((100 * done) / total) : 100)) });
    setReading(null);
    if (!parsed.ok) {
      connection.notices.push(parsed.error, SOURCE);
      setBadFile(file.name);
      return;
    }
    view.load({ name: file.name, savedAt: parsed.session.savedAt, events: parsed.session.events });
  };

  const where = n === 0 ? t('replay.noEvents') : position.following ? (live ? t('replay.live', { n }) : t('replay.end', { n })) : t('replay.at', { seq: current?.seq ?? '?', i: position.index + 1, n });
  return (
    <div className="replay-bar" data-testid="replay-bar">
      <div className="replay-track">
        <button type="button" className="button button-small replay-step" data-testid="replay-prev" aria-label={t('replay.back')} title={t('replay.back')} disabled={n === 0 || position.index <= 0} onClick={() => view.setCursor(stepCursor(entries, position, -1))}>
          ◀
        </button>
        <input
          type="range"
          className="replay-slider"
          data-testid="replay-slider"
          aria-label={t('replay.slider')}
          aria-valuetext={current ? t('replay.sliderValue', { seq: current.seq, call: current.event.call }) : t('replay.noCalls')}
          min={0}
          max={Math.max(0, n - 1)}
          step={1}
          value={Math.max(0, position.index)}
          disabled={n === 0}
          onChange={(e) => view.setCursor(entries[Number(e.target.value)]?.seq ?? null)}
        />
        <button type="button" className="button button-small replay-step" data-testid="replay-next" aria-label={t('replay.forward')} title={t('replay.forward')} disabled={n === 0 || atEnd} onClick={() => view.setCursor(stepCursor(entries, position, +1))}>
          ▶
        </button>
        <span className={position.following && live ? 'replay-where replay-live-now' : 'replay-where'} aria-live="polite">
          {where}
          {current && !position.following && <span className="muted"> · {current.event.call} · {formatClock(current.event.ts)}</span>}
        </span>
        <button
          type="button"
          className="button button-small"
          data-testid="replay-live"
          disabled={!loaded && position.following}
          title={loaded ? t('replay.leaveTitle') : t('replay.followTitle')}
          onClick={() => (loaded ? view.backToLive() : view.setCursor(null))}
        >
          {loaded ? t('replay.backToLive') : t('replay.liveButton')}
        </button>
      </div>
      <div className="replay-files">
        <button type="button" className="button button-small" data-testid="replay-save" disabled={n === 0} onClick={save} title={t('replay.saveTitle')}>
          {t('replay.save')}
        </button>
        <button type="button" className="button button-small" disabled={reading !== null} onClick={() => fileInput.current?.click()} title={t('replay.loadTitle')}>
          {t('replay.load')}
        </button>
        <input ref={fileInput} type="file" accept=".json,application/json" className="sr-only" data-testid="replay-load" aria-label={t('replay.loadLabel')} onChange={(e) => void load(e)} />
        {reading && (
          <span className="muted" role="status" data-testid="replay-reading">
            {t('replay.reading', { name: reading.name, percent: reading.percent })}
          </span>
        )}
        {problem && <span className="outcome outcome-bad" role="status">{problem}</span>}
      </div>
    </div>
  );
}

/** The same state while the whole percent has not changed (a file comes in thousands of pieces). */
function progressed(reading: { name: string; percent: number } | null, name: string, percent: number) {
  return reading && reading.name === name && reading.percent === percent ? reading : { name, percent };
}
