/**
 * The bridge prints a link like http://127.0.0.1:6464/#token=XYZ. The token lives in the
 * fragment (never sent in HTTP requests or logged by servers); the page moves it into
 * sessionStorage, so a reload keeps working, and out of the visible URL, so it is not shared
 * by accident in a screenshot or a copied link.
 */
export const TOKEN_STORAGE_KEY = 'socket-playground.token';

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface TokenLocation {
  hash: string;
  pathname: string;
  search: string;
}

/** The token from `#token=…`, if the fragment carries one. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token !== null && token.trim() !== '' ? token.trim() : null;
}

/**
 * Find the session token: a fresh one in the URL wins (a restarted bridge prints a new link),
 * else the one this tab stored. `replaceUrl` receives the URL without the fragment.
 */
export function takeToken(location: TokenLocation, storage: TokenStorage | null, replaceUrl: (url: string) => void): string | null {
  const fromHash = tokenFromHash(location.hash);
  if (fromHash !== null) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage may be disabled; the token still works until the tab reloads.
    }
    replaceUrl(location.pathname + location.search);
    return fromHash;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The same, wired to the real browser. */
export function takeBrowserToken(): string | null {
  let storage: TokenStorage | null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Reading sessionStorage throws when the browser blocks storage for this site.
    storage = null;
  }
  return takeToken(window.location, storage, (url) => window.history.replaceState(window.history.state, '', url));
}
