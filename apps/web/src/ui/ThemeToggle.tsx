import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserStorage, rememberTheme, type Theme } from '../i18n/prefs.ts';
import { applyTheme, documentTheme } from './theme.ts';

/** Light or dark, remembered; the first visit follows the system's colour scheme (main.tsx). */
export function ThemeToggle() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(documentTheme);
  const toggle = () => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    rememberTheme(browserStorage(), next);
    applyTheme(next);
    setTheme(next);
  };
  return (
    <button type="button" className="theme-toggle" data-testid="theme-toggle" data-theme={theme} aria-pressed={theme === 'dark'} onClick={toggle}>
      <span aria-hidden="true">☾</span> {t('app.darkTheme')}
    </button>
  );
}
