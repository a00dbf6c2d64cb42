import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en.ts';
import { htmlLang, type Lang } from './prefs.ts';

/**
 * English is bundled (the default language, ready at the first render). Chinese loads as its own
 * chunk when it is first asked for (a stored choice, a zh browser, the switch): a first visit in
 * English does not download it, and the switch waits only for that one small file.
 */
const EN = { translation: en };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

let zhLoading: Promise<Messages> | null = null;

/** The Chinese messages (one fetch, then at once). */
export function loadZh(): Promise<Messages> {
  zhLoading ??= import('./zh.ts').then((m) => m.zh);
  return zhLoading;
}

/** Make sure `lang`'s messages are in the instance. */
async function ensureLang(instance: i18n, lang: Lang): Promise<void> {
  if (lang === 'en' || instance.hasResourceBundle(lang, 'translation')) return;
  instance.addResourceBundle(lang, 'translation', await loadZh(), true, true);
}

/**
 * One i18next instance for the page (a fresh one per call, so tests stay independent). English is
 * inline and `initAsync: false`, so it is ready when this returns: the first render already has
 * its text. Asked for Chinese, it starts in English and turns Chinese as soon as that chunk has
 * loaded (a moment; the chunk is fetched from the page's own server).
 */
export function createI18n(lang: Lang, react = true): i18n {
  const instance = i18next.createInstance();
  if (react) instance.use(initReactI18next);
  void instance.init({
    resources: { en: EN },
    lng: 'en',
    fallbackLng: 'en',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // Chinese is added when it arrives.
    partialBundledLanguages: true,
  });
  if (lang !== 'en') {
    void ensureLang(instance, lang).then(
      () => instance.changeLanguage(lang),
      () => {},
    );
  }
  return instance;
}

/**
 * For the page's start: a Chinese visitor's chunk is fetched before the first render, so the page
 * never flashes English at them; an English visitor waits for nothing.
 */
export async function createI18nForStart(lang: Lang): Promise<i18n> {
  if (lang === 'en') return createI18n('en');
  try {
    const zh = await loadZh();
    const instance = createI18n('en');
    instance.addResourceBundle('zh', 'translation', zh, true, true);
    await instance.changeLanguage('zh');
    return instance;
  } catch {
    // The chunk could not load (the bridge went away mid-load): English rather than nothing.
    return createI18n('en');
  }
}

/** The language i18next is on, as one of ours. */
export function currentLang(instance: i18n): Lang {
  return instance.language === 'zh' ? 'zh' : 'en';
}

/** Switch the language and tell the document (screen readers, fonts, hyphenation). */
export async function switchLang(instance: i18n, lang: Lang, doc: { documentElement: { lang: string } } | null): Promise<void> {
  await ensureLang(instance, lang);
  await instance.changeLanguage(lang);
  if (doc) doc.documentElement.lang = htmlLang(lang);
}
