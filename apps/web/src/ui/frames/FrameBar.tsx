import { useTranslation } from 'react-i18next';
import type { FrameReading, FrameView } from '../../frames/frame-model.ts';
import { formatByteCount } from '../../format/bytes.ts';

/** Percent of a part's width at stream offset `at` (clamped to the part). */
function within(start: number, end: number, at: number): number {
  if (end <= start) return 0;
  return (Math.min(end, Math.max(start, at)) - start) / (end - start) * 100;
}

/**
 * The stream as a bar: one segment per part (sized by its bytes, but never too thin to read),
 * a tick where each recv ended, the current recv highlighted and what it has not read yet dimmed.
 */
export function FrameBar({ model, upTo, current }: { model: FrameView; upTo: number; current: FrameReading | null }) {
  const { t } = useTranslation();
  const readTo = upTo >= model.readings.length ? model.length : upTo === 0 ? 0 : model.readings[upTo - 1]!.block.offset + model.readings[upTo - 1]!.block.bytes;
  const ends = model.readings.map((r) => r.block.offset + r.block.bytes).filter((end) => end < model.length);
  return (
    <div className="frame-bar" data-testid="frame-bar" role="img" aria-label={model.parts.map((p) => `${t(`proto.frames.parts.${p.kind}`)} ${formatByteCount(p.end - p.start)}`).join(', ')}>
      {model.parts.map((part) => {
        const size = part.end - part.start;
        return (
          <div
            key={`${part.message}-${part.kind}-${part.start}`}
            className={`frame-seg frame-seg-${part.kind}${part.refused ? ' frame-seg-refused' : ''}${part.complete ? '' : ' frame-seg-partial'}`}
            style={{ flexGrow: Math.max(size, 1) }}
            data-part={part.kind}
            title={`${t(`proto.frames.parts.${part.kind}`)} · ${t('proto.frames.partBytes', { from: part.start, to: part.end - 1 })}`}
          >
            <span className="frame-seg-label">
              {t(`proto.frames.parts.${part.kind}`)} <span className="frame-seg-size">{formatByteCount(size)}</span>
            </span>
            {current && current.block.offset < part.end && current.block.offset + current.block.bytes > part.start && (
              <span
                className="frame-seg-current"
                style={{ left: `${within(part.start, part.end, current.block.offset)}%`, right: `${100 - within(part.start, part.end, current.block.offset + current.block.bytes)}%` }}
              />
            )}
            {readTo < part.end && <span className="frame-seg-unread" style={{ left: `${within(part.start, part.end, readTo)}%` }} />}
            {ends
              .filter((end) => end > part.start && end <= part.end)
              .map((end) => (
                <span key={end} className="frame-tick" style={{ left: `${within(part.start, part.end, end)}%` }} />
              ))}
          </div>
        );
      })}
    </div>
  );
}
