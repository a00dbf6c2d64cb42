import { useTranslation } from 'react-i18next';

/** Shown when the page has no session token: it cannot talk to the bridge without one. */
export function NoTokenScreen() {
  const { t } = useTranslation();
  return (
    <div className="no-token" data-testid="no-token">
      <div className="no-token-card">
        <h1>Socket Playground</h1>
        <p className="no-token-lead">{t('noToken.lead')}</p>
        <p>{t('noToken.prints')}</p>
        <pre className="mono">Socket Playground is running at http://127.0.0.1:6464/#token=…</pre>
        <p className="muted">{t('noToken.why')}</p>
      </div>
    </div>
  );
}
