import { useTranslation } from 'react-i18next';
import { useLessons } from './lesson-context.ts';

/** First visit (nothing stored): one way in, or the tools on their own. Sits above the tools, never over them. */
export function Welcome() {
  const { t } = useTranslation();
  const lessons = useLessons();
  return (
    <section className="card welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p className="welcome-body">{t('welcome.body')}</p>
      <div className="actions">
        <button type="button" className="button button-primary" data-testid="welcome-start" onClick={() => lessons.startFirst()}>
          {t('welcome.start')}
        </button>
        <button type="button" className="button" data-testid="welcome-explore" onClick={() => lessons.setSandbox(true)}>
          {t('welcome.explore')}
        </button>
      </div>
    </section>
  );
}
