import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en.ts';
import { htmlLang, type Lang } from './prefs.ts';
import { zh } from './zh.ts';

/** Both languages are bundled: together they are a few kilobytes, and switching needs no fetch. */
export const RESOURCES: Readonly<Record<Lang, { translation: Messages }>> = {
  en: { translation: en },
  zh: { translation: zh },
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * One i18next instance for the page (a fresh one per call, so tests stay independent). The
 * resources are inline and `initAsync: false`, so it is ready when this returns: the first render
 * already has its text.
 */
export function createI18n(lang: Lang, react = true): i18n {
  const instance = i18next.createInstance();
  if (react) instance.use(initReactI18next);
  void instance.init({
    resources: RESOURCES,
    lng: lang,
    fallbackLng: 'en',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** The language i18next is on, as one of ours. */
export function currentLang(instance: i18n): Lang {
  return instance.language === 'zh' ? 'zh' : 'en';
}

/** Switch the language and tell the document (screen readers, fonts, hyphenation). */
export async function switchLang(instance: i18n, lang: Lang, doc: { documentElement: { lang: string } } | null): Promise<void> {
  await instance.changeLanguage(lang);
  if (doc) doc.documentElement.lang = htmlLang(lang);
}
