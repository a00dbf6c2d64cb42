import type { DirIndex } from '../../timeline/stream-types.ts';
import type { SearchQuery } from '../../timeline/search.ts';
import type { StreamFilter } from '../../timeline/filters.ts';
import { DIR_LABEL } from '../../timeline/stream-text.ts';

interface BytesToolbarProps {
  hosts: readonly string[];
  filter: StreamFilter;
  query: string;
  parsed: SearchQuery | null;
  hitCount: number;
  follow: boolean;
  fitted: boolean;
  onFilter: (patch: Partial<StreamFilter>) => void;
  onQuery: (query: string) => void;
  onZoom: (factor: number) => void;
  onFit: () => void;
  onFollow: (follow: boolean) => void;
}

/** Filters, the byte search, zoom and "follow live", above the timeline. */
export function BytesToolbar(p: BytesToolbarProps) {
  const hexToo = p.parsed?.patterns.some((x) => x.kind === 'hex') ?? false;
  return (
    <div className="bytes-toolbar" role="toolbar" aria-label="Timeline controls">
      <label>
        <span className="sr-only">Host</span>
        <select value={p.filter.host ?? ''} onChange={(e) => p.onFilter({ host: e.target.value === '' ? null : e.target.value })} data-testid="bytes-filter-host">
          <option value="">all hosts</option>
          {p.hosts.map((h) => (
            <option key={h} value={h}>
              {h === 'local' ? 'this computer' : h}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">Direction</span>
        <select
          value={p.filter.dir ?? ''}
          onChange={(e) => p.onFilter({ dir: e.target.value === '' ? null : (Number(e.target.value) as DirIndex) })}
          data-testid="bytes-filter-direction"
        >
          <option value="">both directions</option>
          <option value="0">{DIR_LABEL[0]}</option>
          <option value="1">{DIR_LABEL[1]}</option>
        </select>
      </label>
      <label className="bytes-search">
        <span className="bytes-search-label">Find</span>
        <input
          type="search"
          value={p.query}
          placeholder="bytes as text, or hex: 48 65 6c"
          spellCheck={false}
          onChange={(e) => p.onQuery(e.target.value)}
          data-testid="bytes-search"
          aria-label="Find bytes in the calls' first bytes, as text or as hex"
          aria-describedby="bytes-search-result"
        />
        <span id="bytes-search-result" className="bytes-search-result" aria-live="polite" title={hexToo ? 'Looked for as text and as hex bytes' : undefined}>
          {p.parsed ? `${p.hitCount.toLocaleString('en-US')} ${p.hitCount === 1 ? 'block' : 'blocks'}` : ''}
        </span>
      </label>
      <div className="bytes-zoom" role="group" aria-label="Zoom">
        <button type="button" className="button button-small" data-testid="bytes-zoom-out" title="Zoom out (Ctrl+wheel, or −)" aria-label="Zoom out" onClick={() => p.onZoom(1.6)}>
          −
        </button>
        <button type="button" className="button button-small" data-testid="bytes-zoom-in" title="Zoom in (Ctrl+wheel, or +)" aria-label="Zoom in" onClick={() => p.onZoom(1 / 1.6)}>
          +
        </button>
        <button type="button" className="button button-small" disabled={p.fitted} title="Show the whole session" onClick={p.onFit}>
          Fit
        </button>
      </div>
      <button
        type="button"
        className={p.follow ? 'button button-small bytes-follow bytes-follow-on' : 'button button-small bytes-follow'}
        aria-pressed={p.follow}
        data-testid="bytes-follow"
        title="Keep the newest bytes in view"
        onClick={() => p.onFollow(!p.follow)}
      >
        <span className="bytes-follow-dot" aria-hidden="true" /> Follow live
      </button>
    </div>
  );
}
