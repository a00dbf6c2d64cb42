import type { DemoName } from '@socket-playground/protocol';
import { useTranslation } from 'react-i18next';
import { EVENT_RING_CAPACITY } from '../../bridge/event-ring.ts';
import { presetOf } from '../../demos/demo-presets.ts';
import { groupDigits } from '../../format/number.ts';
import { currentLang } from '../../i18n/i18n.ts';
import type { DemoFocus } from '../../timeline/demo-focus.ts';

interface DemoFocusNoteProps {
  demo: DemoName;
  focus: DemoFocus;
  /** Leave the demonstration: every connection again (or, when it is gone, just hide the note). */
  onLeave: () => void;
}

/**
 * Above the timeline while the tab shows one demonstration: which one, what of it is shown, and
 * the way back to every connection. Plain words when the page no longer holds its events.
 */
export function DemoFocusNote({ demo, focus, onLeave }: DemoFocusNoteProps) {
  const { t, i18n } = useTranslation();
  const title = presetOf(demo, currentLang(i18n)).short;
  const capacity = groupDigits(EVENT_RING_CAPACITY);
  const data = {
    'data-testid': 'bytes-demo-focus',
    'data-demo': demo,
    'data-demo-id': focus.demoId,
    'data-held': focus.held,
    'data-conns': focus.conns.length,
    'data-primary': focus.primary ?? '',
    'data-first': focus.span?.first,
    'data-last': focus.span?.last,
  };
  if (focus.held === 'none') {
    return (
      <div className="banner banner-warn" role="status" {...data}>
        <span className="bytes-demo-text">{t('demos.focus.none', { id: focus.demoId, title, capacity })}</span>
        <button type="button" className="dismiss" aria-label={t('demos.focus.dismiss')} title={t('demos.focus.dismiss')} onClick={onLeave}>
          ×
        </button>
      </div>
    );
  }
  const what =
    focus.primary !== null && focus.conns.length === 1
      ? t('demos.focus.one', { id: focus.demoId, title, conn: focus.primary })
      : t('demos.focus.many', { id: focus.demoId, title, count: focus.conns.length, n: groupDigits(focus.conns.length) });
  return (
    <div className={focus.held === 'part' ? 'banner banner-warn' : 'banner banner-info'} role="status" {...data}>
      <span className="bytes-demo-text">
        {what}
        {focus.held === 'part' && <> {t('demos.focus.part', { capacity })}</>}
      </span>
      <button type="button" className="button button-small" data-testid="bytes-demo-leave" onClick={onLeave}>
        {t('demos.focus.showAll')}
      </button>
    </div>
  );
}
