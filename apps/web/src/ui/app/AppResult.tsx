import { useTranslation } from 'react-i18next';
import { explain } from '../../bridge/page-errors.ts';
import { base64ToBytes, formatByteCount, printableText } from '../../format/bytes.ts';
import { currentLang } from '../../i18n/i18n.ts';
import type { AppOutcome } from './AppClientForm.tsx';

/** What came back: the result of a JSON response, binary content as text, or why nothing whole came. */
export function AppResult({ outcome }: { outcome: AppOutcome | null }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  if (!outcome) return <p className="muted app-result-none">{t('proto.result.none')}</p>;
  if (outcome.kind === 'failed') {
    const why = explain(outcome.error, lang);
    return (
      <div className="client-result client-result-bad" data-testid="app-result" data-code={outcome.error.code}>
        <strong>{why.title}</strong>
        <div>{why.why}</div>
      </div>
    );
  }
  const { result } = outcome;
  const response = result.response;
  const problem = result.problem ? explain(result.problem, lang) : null;
  return (
    <div className={response ? 'client-result client-result-ok' : 'client-result client-result-bad'} data-testid="app-result" data-code={result.problem?.code ?? ''}>
      <div className="muted">
        {t('proto.result.sent', { bytes: formatByteCount(result.sent), writes: t('proto.client.writes', { count: result.writes }) })}
      </div>
      {response ? (
        <>
          {response.result !== undefined ? (
            <div data-testid="app-result-text">
              <span className="mono">{t('proto.result.result')}:</span> <strong>{response.result}</strong>
            </div>
          ) : (
            <div data-testid="app-result-text">
              <span className="muted">{t('proto.result.binary')}:</span> <code>{printableText(base64ToBytes(response.content))}</code>
            </div>
          )}
          <div className="app-result-header mono">
            {t('proto.result.header')}: {Object.entries(response.header).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}
          </div>
        </>
      ) : (
        <strong>{t('proto.result.noResponse')}</strong>
      )}
      {problem && (
        <div className="app-problem">
          <strong>{problem.title}</strong>
          <div>{problem.why}</div>
        </div>
      )}
    </div>
  );
}
