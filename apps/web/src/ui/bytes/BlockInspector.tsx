import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { formatHexDump } from '../../format/hex-dump.ts';
import { formatClock, formatRelativeMs } from '../../format/time.ts';
import type { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import { matchSummary } from '../../timeline/matching.ts';
import { blockRef, bytesWord, dirLabel, matchSentence } from '../../timeline/stream-text.ts';
import type { ByteBlock } from '../../timeline/stream-types.ts';
import { HexDumpView } from '../HexDumpView.tsx';
import { copyText } from './save-file.ts';
import { useBlockBytes, type BytesStatus } from './use-block-bytes.ts';
import { groupDigits } from '../../format/number.ts';

interface BlockInspectorProps {
  block: ByteBlock;
  fetcher: ByteFetcher;
  live: boolean;
  origin: number;
  onSelect: (seq: number) => void;
  /** The replay's position, or null: calls after it are marked as later. */
  atSeq?: number | null;
}

/** Most matches listed by name; the rest are counted. */
const MAX_LISTED = 40;
/** The dump shows at most this many bytes (1,024 lines); "Copy" takes them all. */
const MAX_SHOWN = 16 * 1024;
/** Below this width (CSS px) the dump shows 8 bytes a line instead of 16. */
const WIDE_PX = 600;

/** One send or recv: its bytes in hex and text at their stream offsets, and where they went (or came from). */
export function BlockInspector({ block, fetcher, live, origin, onSelect, atSeq = null }: BlockInspectorProps) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { bytes, status } = useBlockBytes(block, fetcher, live);
  // A call after the replay's position has not happened there: its matches are told as they went.
  const after = atSeq !== null && block.seq > atSeq;
  const cursor = after ? null : atSeq;
  const summary = useMemo(() => matchSummary(block, cursor), [block, block.conn.lastSeq, cursor]);
  const listed = [...summary.matches, ...summary.later];
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const id = window.setTimeout(() => setCopied(null), 2500);
    return () => window.clearTimeout(id);
  }, [copied]);

  const hexBox = useRef<HTMLDivElement>(null);
  const wide = useWide(hexBox);
  const copy = async () => setCopied((await copyText(formatHexDump(bytes, block.offset))) ? 'yes' : 'no');
  const whole = bytes.length >= block.bytes;
  const side = block.call === 'send' ? 'recv' : 'send';

  return (
    <div className="bytes-block-view">
      <div className="bytes-block-head">
        <h3>
          <span className={`call-badge call-badge-${block.call}`}>{block.call}</span> #{block.seq}
          <span className="muted">
            {' '}
            {t('bytes.onSocket', { socket: block.socketId, owner: block.owner })} · {formatRelativeMs(block.ts, origin)} · {formatClock(block.ts)}
          </span>
        </h3>
        <div className="bytes-block-facts">
          <span className={`bytes-way bytes-way-${block.dir}`}>{dirLabel(block.dir, lang)}</span>
          <span>
            <strong>{bytesWord(block.bytes, lang)}</strong>
            {t('bytes.atOffset', { from: groupDigits(block.offset), to: groupDigits(Math.max(block.offset, block.offset + block.bytes - 1)) })}
          </span>
          {block.call === 'send' && block.queued !== undefined && block.queued > 0 && (
            <span className="muted" title={t('bytes.queuedTitle')}>
              {t('bytes.queued', { bytes: bytesWord(block.queued, lang) })}
            </span>
          )}
          {block.call === 'recv' && block.bufsize !== undefined && <span className="muted">recv({block.bufsize})</span>}
        </div>
      </div>
      <div className="bytes-hex-head">
        <span className="bytes-hex-title">{whole ? t('bytes.all', { bytes: bytesWord(block.bytes, lang) }) : t('bytes.first', { n: groupDigits(bytes.length), bytes: bytesWord(block.bytes, lang) })}</span>
        <StatusNote status={status} />
        <button type="button" className="button button-small" data-testid="bytes-copy-hex" disabled={block.bytes === 0} onClick={() => void copy()}>
          {t('bytes.copy')}
        </button>
        {copied && (
          <span className={copied === 'yes' ? 'bytes-copied' : 'outcome outcome-bad'} role="status" data-testid="bytes-copied">
            {copied === 'yes' ? t('bytes.copied') : t('bytes.notCopied')}
          </span>
        )}
      </div>
      <div data-testid="bytes-hex" ref={hexBox}>
        <HexDumpView bytes={bytes.length > MAX_SHOWN ? bytes.subarray(0, MAX_SHOWN) : bytes} offset={block.offset} perLine={wide ? 16 : 8} />
        {bytes.length > MAX_SHOWN && <p className="muted">{t('bytes.showing', { shown: bytesWord(MAX_SHOWN, lang), all: bytesWord(bytes.length, lang) })}</p>}
      </div>
      <div className="bytes-matches" data-testid="bytes-matches">
        {after && (
          <p className="muted" data-testid="bytes-block-after-cursor">
            {t('bytes.blockAfterCursor', { seq: atSeq })}
          </p>
        )}
        <p>{matchSentence(block, summary, lang)}</p>
        {listed.length > 0 && (
          <ul>
            {listed.slice(0, MAX_LISTED).map((m) => {
              const later = cursor !== null && m.block.seq > cursor;
              return (
                <li key={m.block.seq}>
                  <button type="button" className="link-button" onClick={() => onSelect(m.block.seq)} data-testid="bytes-match" data-seq={m.block.seq} data-later={later || undefined}>
                    {blockRef(m.block, m.from, m.to, lang)}
                  </button>
                  {later && <span className="muted"> · {t('bytes.laterMark')}</span>}
                </li>
              );
            })}
            {listed.length > MAX_LISTED && <li className="muted">{t('bytes.more', { n: listed.length - MAX_LISTED, side })}</li>}
          </ul>
        )}
      </div>
    </div>
  );
}

const STATUS_KEY = {
  loading: 'bytes.statusLoading',
  gone: 'bytes.statusGone',
  failed: 'bytes.statusFailed',
  offline: 'bytes.statusOffline',
  'no-handle': 'bytes.statusNoHandle',
} as const satisfies Partial<Record<BytesStatus, string>>;

function StatusNote({ status }: { status: BytesStatus }) {
  const { t } = useTranslation();
  const key = status in STATUS_KEY ? STATUS_KEY[status as keyof typeof STATUS_KEY] : null;
  const text = key ? t(key) : null;
  return text ? <span className={status === 'failed' ? 'outcome-bad' : 'muted'}>{text}</span> : null;
}

/** Whether the element is wide enough for 16 bytes a line. */
function useWide(ref: RefObject<HTMLElement | null>): boolean {
  const [wide, setWide] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWide(el.clientWidth >= WIDE_PX);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return wide;
}
