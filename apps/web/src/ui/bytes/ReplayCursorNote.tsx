import { useTranslation } from 'react-i18next';
import { formatRelativeMs } from '../../format/time.ts';

interface ReplayCursorNoteProps {
  seq: number;
  ts: number;
  originTs: number | null;
  /** Drop the replay's position: every call shown again (the Call flow tab follows too). */
  onShowAll: () => void;
}

/**
 * Above the byte timeline while the Call flow tab's replay stands at a past call: the timeline
 * draws a line at that moment and veils what came after, and this says so in words.
 */
export function ReplayCursorNote({ seq, ts, originTs, onShowAll }: ReplayCursorNoteProps) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-info" role="status" data-testid="bytes-replay-cursor" data-seq={seq}>
      <span className="bytes-demo-text">{t('replay.bytesAt', { seq, time: formatRelativeMs(ts, originTs) })}</span>
      <button type="button" className="button button-small" data-testid="bytes-replay-show-all" onClick={onShowAll}>
        {t('replay.bytesShowAll')}
      </button>
    </div>
  );
}
