import type { Theme } from '../i18n/prefs.ts';

/** The theme lives on <html data-theme>; the CSS variables follow it (styles/dark.css). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function documentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
