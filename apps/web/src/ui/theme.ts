import type { Theme } from '../i18n/prefs.ts';

/** The theme lives on <html data-theme>; the CSS variables follow it (styles/dark.css). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function documentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/**
 * Calls `listener` whenever <html data-theme> changes (the toggle, or anything else setting it),
 * for what cannot follow the CSS variables by itself: the byte timeline paints on a canvas.
 * Returns the unsubscribe; fits React's useSyncExternalStore with documentTheme.
 */
export function subscribeTheme(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
