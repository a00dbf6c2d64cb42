/**
 * The learner's page preferences (language, theme), kept in localStorage. Pure: storage and the
 * browser's hints are passed in, so the choices are unit-tested without a browser.
 */
export type Lang = 'en' | 'zh';
export type Theme = 'light' | 'dark';

export const LANG_KEY = 'socket-playground.lang';
export const THEME_KEY = 'socket-playground.theme';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function read(storage: PrefStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: PrefStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Storage may be blocked: the choice holds until the page reloads.
  }
}

/** A stored choice wins; else the browser's language: any Chinese (zh, zh-CN, zh-Hans…) → zh. */
export function pickLang(stored: string | null, navigatorLanguage: string | undefined): Lang {
  if (stored === 'en' || stored === 'zh') return stored;
  return navigatorLanguage?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A stored choice wins; else the system's colour scheme. */
export function pickTheme(stored: string | null, prefersDark: boolean): Theme {
  if (stored === 'light' || stored === 'dark') return stored;
  return prefersDark ? 'dark' : 'light';
}

export function storedLang(storage: PrefStorage | null): string | null {
  return read(storage, LANG_KEY);
}

export function storedTheme(storage: PrefStorage | null): string | null {
  return read(storage, THEME_KEY);
}

export function rememberLang(storage: PrefStorage | null, lang: Lang): void {
  write(storage, LANG_KEY, lang);
}

export function rememberTheme(storage: PrefStorage | null, theme: Theme): void {
  write(storage, THEME_KEY, theme);
}

/** The value `<html lang>` gets. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** localStorage, or null where the browser blocks it. */
export function browserStorage(): PrefStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
