import { useTranslation } from 'react-i18next';
import type { LabelledPart, FrameView } from '../../frames/frame-model.ts';
import { printableText } from '../../format/bytes.ts';

const HEX_SHOWN = 12;

function hexOf(bytes: Uint8Array): string {
  const shown = [...bytes.subarray(0, HEX_SHOWN)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > HEX_SHOWN ? `${shown} …` : shown;
}

/** Each part with its byte range, its first bytes in hex, and what it says. */
export function FrameParts({ model, upTo }: { model: FrameView; upTo: number }) {
  const { t } = useTranslation();
  const parts = model.parts.filter((p) => p.start < upTo || (p.start === 0 && upTo === 0));
  return (
    <ol className="frame-parts" data-testid="frame-parts">
      {parts.map((part) => (
        <li key={`${part.message}-${part.kind}-${part.start}`} className={`frame-part frame-part-${part.kind}`} data-part={part.kind}>
          <div className="frame-part-head">
            <span className={`frame-swatch frame-seg-${part.kind}`} aria-hidden="true" />
            <strong>{t(`proto.frames.parts.${part.kind}`)}</strong>
            {part.refused && <span className="app-pill-bad">{t('proto.frames.refused')}</span>}
            <span className="mono frame-range">{t('proto.frames.partBytes', { from: part.start, to: Math.max(part.start, Math.min(part.end, upTo) - 1) })}</span>
            <span className="mono frame-hex">{hexOf(part.bytes.subarray(0, Math.max(0, upTo - part.start)))}</span>
          </div>
          <div className="frame-value">
            <PartValueView part={part} cut={upTo < part.end} />
          </div>
        </li>
      ))}
    </ol>
  );
}

function PartValueView({ part, cut }: { part: LabelledPart; cut: boolean }) {
  const { t } = useTranslation();
  const { value } = part;
  if (cut) return <span className="muted">…</span>;
  if (value.kind === 'partial') return <span className="muted">{t('proto.frames.waiting', { have: value.have, need: value.need })}</span>;
  switch (value.kind) {
    case 'length':
      return <span>{t('proto.frames.announces', { n: value.announced })}</span>;
    case 'header':
      return value.fields ? (
        <dl className="frame-fields">
          {value.fields.map(([k, v]) => (
            <div key={k}>
              <dt className="mono">{k}</dt>
              <dd className="mono">{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <code className="frame-text">{value.text}</code>
      );
    case 'json':
      return <code className="frame-text">{value.text}</code>;
    case 'binary':
      return <code className="frame-text">{printableText(part.bytes)}</code>;
    case 'unparsed':
      return <span className="muted">{t('proto.frames.parts.unparsed')}</span>;
  }
}
