import type { DirIndex } from '../../timeline/stream-types.ts';
import type { SearchQuery } from '../../timeline/search.ts';
import type { StreamFilter } from '../../timeline/filters.ts';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { dirLabel } from '../../timeline/stream-text.ts';
import { groupDigits } from '../../format/number.ts';

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
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const hexToo = p.parsed?.patterns.some((x) => x.kind === 'hex') ?? false;
  return (
    <div className="bytes-toolbar" role="toolbar" aria-label={t('bytes.toolbar')}>
      <label>
        <span className="sr-only">{t('bytes.host')}</span>
        <select value={p.filter.host ?? ''} onChange={(e) => p.onFilter({ host: e.target.value === '' ? null : e.target.value })} data-testid="bytes-filter-host">
          <option value="">{t('bytes.allHosts')}</option>
          {p.hosts.map((h) => (
            <option key={h} value={h}>
              {h === 'local' ? t('bytes.thisComputer') : h}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="sr-only">{t('bytes.direction')}</span>
        <select
          value={p.filter.dir ?? ''}
          onChange={(e) => p.onFilter({ dir: e.target.value === '' ? null : (Number(e.target.value) as DirIndex) })}
          data-testid="bytes-filter-direction"
        >
          <option value="">{t('bytes.bothDirections')}</option>
          <option value="0">{dirLabel(0, lang)}</option>
          <option value="1">{dirLabel(1, lang)}</option>
        </select>
      </label>
      <label className="bytes-search">
        <span className="bytes-search-label">{t('bytes.find')}</span>
        <input
          type="search"
          value={p.query}
          placeholder={t('bytes.findPlaceholder')}
          spellCheck={false}
          onChange={(e) => p.onQuery(e.target.value)}
          data-testid="bytes-search"
          aria-label={t('bytes.findLabel')}
          aria-describedby="bytes-search-result"
        />
        <span id="bytes-search-result" className="bytes-search-result" aria-live="polite" title={hexToo ? t('bytes.hexToo') : undefined}>
          {p.parsed ? t('bytes.hits', { count: p.hitCount, n: groupDigits(p.hitCount) }) : ''}
        </span>
      </label>
      <div className="bytes-zoom" role="group" aria-label={t('bytes.zoom')}>
        <button type="button" className="button button-small" data-testid="bytes-zoom-out" title={t('bytes.zoomOutTitle')} aria-label={t('bytes.zoomOut')} onClick={() => p.onZoom(1.6)}>
          −
        </button>
        <button type="button" className="button button-small" data-testid="bytes-zoom-in" title={t('bytes.zoomInTitle')} aria-label={t('bytes.zoomIn')} onClick={() => p.onZoom(1 / 1.6)}>
          +
        </button>
        <button type="button" className="button button-small" disabled={p.fitted} title={t('bytes.fitTitle')} onClick={p.onFit}>
          {t('bytes.fit')}
        </button>
      </div>
      <button
        type="button"
        className={p.follow ? 'button button-small bytes-follow bytes-follow-on' : 'button button-small bytes-follow'}
        aria-pressed={p.follow}
        data-testid="bytes-follow"
        title={t('bytes.followTitle')}
        onClick={() => p.onFollow(!p.follow)}
      >
        <span className="bytes-follow-dot" aria-hidden="true" /> {t('bytes.follow')}
      </button>
    </div>
  );
}
