import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { ByteFetcher } from '../../timeline/byte-fetcher.ts';
import { followChunks, sourceBlocks, streamText, type StreamChunk } from '../../timeline/stream-bytes.ts';
import { blockName, bytesWord, dirLabel } from '../../timeline/stream-text.ts';
import type { StreamConnection } from '../../timeline/stream-types.ts';
import { useStore } from '../hooks.ts';
import { groupDigits } from '../../format/number.ts';

/** Calls shown at once; the rest are counted (and reachable by selecting a block there). */
const LIMIT = 300;

interface FollowStreamProps {
  conn: StreamConnection;
  version: number;
  fetcher: ByteFetcher;
  live: boolean;
  selectedSeq: number | null;
  onSelect: (seq: number) => void;
  /** The replay's position, or null: calls after it are hatched, as in the list. */
  atSeq?: number | null;
}

/**
 * The whole connection as one conversation, like Wireshark's "Follow TCP stream": each call's
 * bytes in the colour of its direction, in the order they were sent.
 */
export function FollowStream({ conn, version, fetcher, live, selectedSeq, onSelect, atSeq = null }: FollowStreamProps) {
  const fetched = useStore(fetcher.version);
  const [loading, setLoading] = useState(false);
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const [missingCalls, setMissingCalls] = useState(0);
  const note = missingCalls > 0 ? t('bytes.missing', { count: missingCalls }) : null;
  const { chunks, before, after } = useMemo(
    () => followChunks(conn, live ? fetcher.bytesOf : () => null, LIMIT, selectedSeq),
    [conn, version, fetched, selectedSeq, fetcher, live],
  );
  const partial = chunks.some((c) => c.hidden > 0);
  const isLater = (seq: number) => atSeq !== null && seq > atSeq;
  const anyLater = chunks.some((c) => isLater(c.block.seq));
  const canLoad = live && [0, 1].some((d) => sourceBlocks(conn, d as 0 | 1).some((b) => ByteFetcher.needsFetch(b) && fetcher.get(b) === undefined));

  const loadAll = async () => {
    setLoading(true);
    const blocks = [...sourceBlocks(conn, 0), ...sourceBlocks(conn, 1)];
    const { missing } = await fetcher.fetchAll(blocks);
    setLoading(false);
    setMissingCalls(missing);
  };

  return (
    <div className="bytes-follow-stream" data-testid="bytes-stream">
      <div className="bytes-stream-head">
        <span className="bytes-legend">
          <span className="bytes-swatch bytes-swatch-0" aria-hidden="true" /> {dirLabel(0, lang)}
        </span>
        <span className="bytes-legend">
          <span className="bytes-swatch bytes-swatch-1" aria-hidden="true" /> {dirLabel(1, lang)}
        </span>
        {canLoad && (
          <button type="button" className="button button-small" disabled={loading} onClick={() => void loadAll()}>
            {loading ? t('bytes.loading') : t('bytes.loadAll')}
          </button>
        )}
        {partial && !canLoad && <span className="muted">{t('bytes.someFirst')}</span>}
        {note && <span className="muted">{note}</span>}
        {anyLater && (
          <span className="muted" data-testid="bytes-stream-later-note">
            <span className="bytes-swatch bytes-swatch-later" aria-hidden="true" /> {t('bytes.streamLater', { seq: atSeq })}
          </span>
        )}
      </div>
      {chunks.length === 0 ? (
        <p className="bytes-empty-small">{t('bytes.noBytes')}</p>
      ) : (
        <div className="bytes-conversation mono">
          {before > 0 && <div className="bytes-more">{t('bytes.earlier', { n: groupDigits(before) })}</div>}
          {turns(chunks).map((turn) => (
            <div key={turn[0]!.block.seq} className={`bytes-turn bytes-turn-${turn[0]!.block.dir}`}>
              {turn.map(({ block, bytes, hidden }) => (
                <span
                  key={block.seq}
                  className={`bytes-chunk bytes-chunk-${block.dir}${block.seq === selectedSeq ? ' bytes-chunk-on' : ''}${isLater(block.seq) ? ' bytes-chunk-later' : ''}`}
                  data-testid="bytes-chunk"
                  data-later={isLater(block.seq) || undefined}
                  title={t('bytes.chunkTitle', { name: blockName(block), bytes: bytesWord(block.bytes, lang), offset: groupDigits(block.offset) })}
                  onClick={() => onSelect(block.seq)}
                >
                  {streamText(bytes)}
                  {hidden > 0 && <span className="bytes-hidden"> {t('bytes.hiddenMore', { bytes: bytesWord(hidden, lang) })} </span>}
                </span>
              ))}
            </div>
          ))}
          {after > 0 && <div className="bytes-more">{t('bytes.later', { n: groupDigits(after) })}</div>}
        </div>
      )}
    </div>
  );
}

/** Consecutive calls the same way make one turn of the conversation. */
function turns(chunks: readonly StreamChunk[]): StreamChunk[][] {
  const out: StreamChunk[][] = [];
  for (const c of chunks) {
    const last = out.at(-1);
    if (last && last[0]!.block.dir === c.block.dir) last.push(c);
    else out.push([c]);
  }
  return out;
}
