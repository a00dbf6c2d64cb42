import { useTranslation } from 'react-i18next';
import { currentLang, switchLang } from '../i18n/i18n.ts';
import { browserStorage, LANGS, rememberLang, type Lang } from '../i18n/prefs.ts';

const NAMES: Readonly<Record<Lang, string>> = { en: 'English', zh: '简体中文' };

/** The header's language buttons: switch at any time, remembered for the next visit. */
export function LangSwitch() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const choose = (next: Lang) => {
    rememberLang(browserStorage(), next);
    void switchLang(i18n, next, document);
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('app.langLabel')} data-testid="lang-switch">
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l === 'zh' ? 'zh-CN' : 'en'} className={l === lang ? 'lang-button lang-on' : 'lang-button'} aria-pressed={l === lang} data-lang={l} onClick={() => choose(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
