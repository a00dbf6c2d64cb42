import { previewOf } from '../../format/bytes.ts';
import { formatRelativeMs } from '../../format/time.ts';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { blockName, dirLabel, formatB } from '../../timeline/stream-text.ts';
import type { ByteBlock } from '../../timeline/stream-types.ts';
import { groupDigits } from '../../format/number.ts';

/** What a block is, beside the pointer while it hovers over the timeline. */
export function BlockTip({ block, x, y, width, origin }: { block: ByteBlock; x: number; y: number; width: number; origin: number }) {
  const { t, i18n } = useTranslation();
  const preview = previewOf(block.preview, block.bytes);
  const left = Math.min(x + 14, Math.max(0, width - 300));
  return (
    <div className="bytes-tip" style={{ left, top: y + 14 }} role="tooltip">
      <div className="bytes-tip-head">
        <span className={`call-badge call-badge-${block.call}`}>{block.call}</span> <strong>#{block.seq}</strong>{' '}
        <span className="muted">{formatRelativeMs(block.ts, origin)}</span>
      </div>
      <div>
        {t('bytes.tipAt', { bytes: formatB(block.bytes), offset: groupDigits(block.offset), dir: dirLabel(block.dir, currentLang(i18n)) })}
      </div>
      <div className="muted">
        {t('bytes.tipOn', { name: blockName(block), socket: block.socketId, owner: block.owner })}
      </div>
      {preview.text !== '' && <div className="bytes-tip-preview mono">{preview.text}</div>}
    </div>
  );
}
