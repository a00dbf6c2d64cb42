import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { browserStorage } from '../i18n/prefs.ts';
import { clampSide, rememberSide, sideAfterKey, SIDE_MAX, SIDE_MIN } from './side-width.ts';

interface Props {
  width: number;
  onWidth: (px: number) => void;
}

/**
 * The divider between the lesson-and-tools column and the views: drag it, or focus it and use
 * the arrow keys (Home/End for the narrowest and widest). The width is remembered.
 */
export function SideDivider({ width, onWidth }: Props) {
  const { t } = useTranslation();
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const latest = useRef(width);
  latest.current = width;

  useEffect(() => {
    // A smaller window may leave the column too wide: fit it again.
    const fit = () => onWidth(clampSide(latest.current, window.innerWidth));
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [onWidth]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { startX: e.clientX, startWidth: width };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onWidth(clampSide(drag.current.startWidth + e.clientX - drag.current.startX, window.innerWidth));
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    rememberSide(browserStorage(), latest.current);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = sideAfterKey(e.key, width, window.innerWidth);
    if (next === null) return;
    e.preventDefault();
    onWidth(next);
    rememberSide(browserStorage(), next);
  };

  return (
    <div
      className="side-divider"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('app.resize')}
      aria-valuemin={SIDE_MIN}
      aria-valuemax={SIDE_MAX}
      aria-valuenow={width}
      tabIndex={0}
      data-testid="side-divider"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
