import { useTranslation } from 'react-i18next';
import { explain } from '../bridge/page-errors.ts';
import { NOTICE_SOURCE_ZH } from '../bridge/page-errors-zh.ts';
import { currentLang } from '../i18n/i18n.ts';
import { errorCodeLine } from '../format/event-text.ts';
import { formatClock } from '../format/time.ts';
import { useConnection, useStore } from './hooks.ts';

/** The last five errors, newest first, each explained in plain words. */
export function ErrorNotices() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const connection = useConnection();
  const notices = useStore(connection.notices.store);
  return (
    <section className="card" aria-labelledby="errors-title">
      <div className="card-head">
        <h2 id="errors-title">{t('errors.title')}</h2>
        {notices.length > 1 && (
          <button type="button" className="link-button" onClick={() => connection.notices.clear()}>
            {t('errors.dismissAll')}
          </button>
        )}
      </div>
      {notices.length === 0 ? (
        <p className="empty">{t('errors.empty')}</p>
      ) : (
        <ul className="notices" aria-live="polite">
          {notices.map((n) => {
            const { title, why } = explain(n.error, lang);
            return (
            <li key={n.id} className="notice" data-testid="error-notice">
              <div className="notice-head">
                <strong className="notice-title">{title}</strong>
                <button type="button" className="dismiss" aria-label={t('errors.dismiss')} title={t('errors.dismiss')} onClick={() => connection.notices.dismiss(n.id)}>
                  ×
                </button>
              </div>
              <p className="notice-why">{why}</p>
              <div className="notice-meta">
                <span className="notice-code mono">{errorCodeLine(n.code, n.syscall)}</span>
                <span>
                  {(lang === 'zh' ? NOTICE_SOURCE_ZH[n.source] : undefined) ?? n.source} · {formatClock(n.at)}
                </span>
              </div>
            </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
