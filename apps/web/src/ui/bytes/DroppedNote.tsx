import { EVENT_RING_CAPACITY } from '../../bridge/event-ring.ts';
import { useTranslation } from 'react-i18next';
import { useConnection, useStore } from '../hooks.ts';
import { groupDigits } from '../../format/number.ts';

/** How many events the page let go of (its memory is bounded) or never got (the bridge no longer had them). */
export function DroppedNote({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const log = useStore(useConnection().events);
  if (!live) {
    return (
      <span className="pill" data-testid="bytes-dropped" title={t('bytes.savedTitle')}>
        {t('bytes.saved')}
      </span>
    );
  }
  const lost = log.discarded + log.missed;
  const capacity = groupDigits(EVENT_RING_CAPACITY);
  const title = t('bytes.droppedTitle', { capacity });
  return (
    <span className={lost > 0 ? 'pill pill-warn' : 'pill'} data-testid="bytes-dropped" data-discarded={log.discarded} data-missed={log.missed} title={title}>
      {t('bytes.dropped', { discarded: groupDigits(log.discarded), missed: groupDigits(log.missed) })}
    </span>
  );
}
