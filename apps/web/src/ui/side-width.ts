import type { PrefStorage } from '../i18n/prefs.ts';

/** The left column (lesson and tools): its width in px, dragged by the learner and remembered. */
export const SIDE_WIDTH_KEY = 'socket-playground.side-width';
export const SIDE_DEFAULT = 400;
export const SIDE_MIN = 300;
export const SIDE_MAX = 760;
/** One arrow key press moves the divider this far. */
export const SIDE_STEP = 24;

export function clampSide(px: number, viewport = Number.POSITIVE_INFINITY): number {
  // The views keep at least half the window.
  const max = Math.min(SIDE_MAX, Math.max(SIDE_MIN, Math.floor(viewport / 2)));
  if (!Number.isFinite(px)) return SIDE_DEFAULT;
  return Math.round(Math.min(max, Math.max(SIDE_MIN, px)));
}

export function storedSide(storage: PrefStorage | null): number {
  let raw = 0;
  try {
    raw = Number(storage?.getItem(SIDE_WIDTH_KEY));
  } catch {
    // Blocked storage: the default width.
  }
  return raw > 0 ? clampSide(raw) : SIDE_DEFAULT;
}

export function rememberSide(storage: PrefStorage | null, px: number): void {
  try {
    storage?.setItem(SIDE_WIDTH_KEY, String(px));
  } catch {
    // Private mode may refuse: the width just is not remembered.
  }
}

/** The divider's keyboard: arrows move it, Home/End go to the narrowest and widest. */
export function sideAfterKey(key: string, px: number, viewport: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return clampSide(px - SIDE_STEP, viewport);
    case 'ArrowRight':
      return clampSide(px + SIDE_STEP, viewport);
    case 'Home':
      return clampSide(SIDE_MIN, viewport);
    case 'End':
      return clampSide(SIDE_MAX, viewport);
    default:
      return null;
  }
}
