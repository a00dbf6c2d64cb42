import { useConnection, useStore } from '../hooks.ts';
import { useLab } from './lab-context.ts';

/**
 * Single-host mode only: the learner's agreement to run on this computer's real cards. Without
 * it the bridge never listens beyond loopback nor connects to the cards, and those cells stay modelled.
 */
export function RealCardsConsent() {
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
        <strong>Use my real network cards</strong> ({own.join(', ')})
        <p>
          During a run (well under a second) the test server may listen on these addresses, where other machines on your network could
          reach it, and this computer connects to its own cards. Nothing is sent to any other machine: the neighbour stays modelled.
        </p>
      </span>
    </label>
  );
}
