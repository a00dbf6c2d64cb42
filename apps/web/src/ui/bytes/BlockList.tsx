import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { previewOf } from '../../format/bytes.ts';
import { currentLang } from '../../i18n/i18n.ts';
import { indexOfSeq } from '../../timeline/filters.ts';
import { blockName, dirShort, formatB, shortTime } from '../../timeline/stream-text.ts';
import type { ByteBlock } from '../../timeline/stream-types.ts';
import { groupDigits } from '../../format/number.ts';

const ROW = 28;
const OVERSCAN = 12;

/**
 * Every row is ROW pixels high, so which rows are in view is arithmetic on the scroll position:
 * nothing per block is kept (a million blocks cost no more than ten).
 */
function useFixedRows(scroller: RefObject<HTMLDivElement | null>, count: number) {
  const [box, setBox] = useState({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const read = () => setBox((b) => (b.top === el.scrollTop && b.height === el.clientHeight ? b : { top: el.scrollTop, height: el.clientHeight }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      observer?.disconnect();
    };
  }, [scroller]);
  const first = Math.max(0, Math.floor(box.top / ROW) - OVERSCAN);
  const last = Math.min(count, Math.ceil((box.top + box.height) / ROW) + OVERSCAN);
  /** Scroll so row `index` shows: only as far as needed ("auto"), or with it at the bottom ("end"). */
  const scrollToIndex = (index: number, align: 'auto' | 'end') => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW;
    const bottom = top + ROW - el.clientHeight;
    if (align === 'end') el.scrollTop = Math.max(0, bottom);
    else if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop) el.scrollTop = bottom;
  };
  return { first, last, total: count * ROW, scrollToIndex };
}

interface BlockListProps {
  blocks: readonly ByteBlock[];
  /** Changes when `blocks` grew in place. */
  version: number;
  origin: number;
  selectedSeq: number | null;
  matches: ReadonlySet<number>;
  hits: ReadonlySet<number> | null;
  follow: boolean;
  /** The replay's position: blocks after this seq came later than the moment shown (dimmed, as on the timeline). */
  afterSeq?: number | null;
  onSelect: (seq: number) => void;
}

/**
 * The same blocks as the timeline, as a list a keyboard (and a test) can use: ↑/↓ move the
 * selection, Home/End jump. Only the rows in view are in the page, however many blocks.
 */
export function BlockList({ blocks, version, origin, selectedSeq, matches, hits, follow, afterSeq = null, onSelect }: BlockListProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useFixedRows(scroller, blocks.length);
  const selectedIndex = selectedSeq === null ? -1 : indexOfSeq(blocks, selectedSeq);

  useLayoutEffect(() => {
    if (selectedIndex >= 0) rows.scrollToIndex(selectedIndex, 'auto');
  }, [selectedIndex]);
  useLayoutEffect(() => {
    if (follow && selectedIndex < 0 && blocks.length > 0) rows.scrollToIndex(blocks.length - 1, 'end');
  }, [follow, version, blocks.length]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    const move = moves[e.key];
    if (move === undefined || blocks.length === 0) return;
    e.preventDefault();
    const from = selectedIndex < 0 ? (move > 0 ? -1 : blocks.length) : selectedIndex;
    const to = Math.max(0, Math.min(blocks.length - 1, from + (Number.isFinite(move) ? move : move > 0 ? blocks.length : -blocks.length)));
    onSelect(blocks[to]!.seq);
  };

  return (
    <div className="bytes-list">
      <div className="bytes-row bytes-row-head" aria-hidden="true">
        <span className="br-seq">#</span>
        <span className="br-dir">{t('bytes.colWay')}</span>
        <span className="br-call">{t('bytes.colCall')}</span>
        <span className="br-bytes">{t('bytes.colBytes')}</span>
        <span className="br-offset">{t('bytes.colOffset')}</span>
        <span className="br-preview">{t('bytes.colPreview')}</span>
      </div>
      <div
        className="bytes-list-scroll"
        ref={scroller}
        role="listbox"
        tabIndex={0}
        aria-label={t('bytes.listLabel')}
        aria-activedescendant={selectedIndex >= 0 ? `bytes-block-${blocks[selectedIndex]!.seq}` : undefined}
        onKeyDown={onKeyDown}
      >
        {blocks.length === 0 && <p className="bytes-empty-small">{t('bytes.noBlocks')}</p>}
        <div style={{ height: rows.total, position: 'relative' }}>
          {blocks.slice(rows.first, rows.last).map((block, i) => {
            const index = rows.first + i;
            const selected = block.seq === selectedSeq;
            const cls = ['bytes-row', selected ? 'bytes-row-on' : '', matches.has(block.seq) ? 'bytes-row-match' : '', hits?.has(block.seq) ? 'bytes-row-hit' : '', afterSeq !== null && block.seq > afterSeq ? 'bytes-row-later' : ''].filter(Boolean).join(' ');
            return (
              <div
                key={block.seq}
                id={`bytes-block-${block.seq}`}
                role="option"
                aria-selected={selected}
                className={cls}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${index * ROW}px)` }}
                data-testid="bytes-block"
                data-call={block.call}
                data-bytes={block.bytes}
                data-offset={block.offset}
                data-seq={block.seq}
                data-conn={block.conn.id}
                title={t('bytes.rowTitle', { name: blockName(block), time: shortTime(block.ts, origin), bytes: formatB(block.bytes), offset: groupDigits(block.offset) })}
                onClick={() => onSelect(block.seq)}
              >
                <span className="br-seq mono">{block.seq}</span>
                <span className={`br-dir bytes-way bytes-way-${block.dir}`}>
                  {block.conn.id} {dirShort(block.dir, lang)}
                </span>
                <span className="br-call">
                  <span className={`call-badge call-badge-${block.call}`}>{block.call}</span>
                </span>
                <span className="br-bytes mono">{formatB(block.bytes)}</span>
                <span className="br-offset mono">{groupDigits(block.offset)}</span>
                <span className="br-preview mono">{previewOf(block.preview, block.bytes).text}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
