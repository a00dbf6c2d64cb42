import { useTranslation } from 'react-i18next';
import { useConnection, useStore } from '../hooks.ts';
import { useLab } from './lab-context.ts';

/**
 * Single-host mode only: the learner's agreement to run on this computer's real cards. Without
 * it the bridge never listens beyond loopback nor connects to the cards, and those cells stay modelled.
 */
export function RealCardsConsent() {
  const { t } = useTranslation();
  const lab = useLab();
  const view = useStore(lab.state);
  useStore(useConnection().session); // the bridge's netlab state lives there
  const netlab = lab.netlab();
  const own = netlab?.ownAddresses ?? [];
  if (netlab?.status !== 'up' || netlab.mode !== 'single-host' || own.length === 0) return null;
  return (
    <label className="real-cards" data-testid="real-cards">
      <input type="checkbox" checked={view.useRealCards} onChange={(e) => lab.setUseRealCards(e.currentTarget.checked)} data-testid="real-cards-toggle" />
      <span>
        <strong>{t('lab.realCards')}</strong> ({own.join(', ')})
        <p>{t('lab.realCardsWhy')}</p>
      </span>
    </label>
  );
}
