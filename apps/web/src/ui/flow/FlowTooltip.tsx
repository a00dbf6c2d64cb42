import type { LabEvent } from '@socket-playground/protocol';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTuple } from '../../format/address.ts';
import { eventSummary } from '../../format/event-text.ts';
import type { FlowModel } from '../../flow/flow-types.ts';
import { arrowDescription, arrowLabelIn, blockLabel } from '../../flow/labels.ts';
import { currentLang } from '../../i18n/i18n.ts';
import type { Lang } from '../../i18n/prefs.ts';

/** Where the pointer is, and over what (the `data-tip` of the shape). */
export interface Hover {
  tip: string;
  x: number;
  y: number;
  /** Size of the diagram, to keep the tooltip inside it. */
  width: number;
  height: number;
}

const WIDTH = 320;

/** The page's words, for the tooltip's parts. */
interface Words {
  t: TFunction;
  lang: Lang;
}

function eventLines(seq: number, event: LabEvent | undefined, { t, lang }: Words): ReactNode {
  if (!event) return null;
  const tuple = formatTuple(event.local, event.remote);
  const summary = eventSummary(event, lang);
  return (
    <>
      <div className="tip-title">
        #{seq} <span className={`call-badge call-badge-${event.call}`}>{event.call}</span>{' '}
        <span className="muted">{event.socketId === '-' ? t('calls.details.noSocket') : t('calls.details.onSocket', { id: event.socketId })}</span>
      </div>
      {tuple && <div className="mono tip-tuple">{tuple}</div>}
      {summary && <div>{summary}</div>}
      {event.nodeCall && <div className="muted">{t('calls.flow.inside', { call: event.nodeCall })}</div>}
      <div className="tip-hint">{t('calls.flow.tipClick')}</div>
    </>
  );
}

function content(tip: string, model: FlowModel, events: ReadonlyMap<number, LabEvent>, nowTs: number | null, words: Words): ReactNode {
  const { t, lang } = words;
  const kind = tip[0];
  const rest = tip.slice(1);
  const lane = (key: string) => model.lanes.find((l) => l.key === key);
  switch (kind) {
    case 'i':
      return eventLines(Number(rest), events.get(Number(rest)), words);
    case 'b': {
      const block = model.blocks.find((b) => b.seq === Number(rest));
      if (!block) return null;
      return (
        <>
          <div className="tip-title">{blockLabel(block, block.endTs ?? nowTs ?? block.startTs, lang)}</div>
          <div>
            {t(block.endRow === null ? 'calls.flow.tipBlockNow' : 'calls.flow.tipBlockWas', {
              call: block.call,
              end: block.endedBy === 'error' ? t('calls.flow.tipEndedError') : block.endedBy === 'close' ? t('calls.flow.tipEndedClose') : '',
            })}
          </div>
          {block.endRow === null && <div className="muted">{t('calls.flow.tipStillWaiting')}</div>}
        </>
      );
    }
    case 'a': {
      const arrow = model.arrows.find((a) => a.id === rest);
      if (!arrow) return null;
      return (
        <>
          <div className="tip-title">{arrowLabelIn(arrow, lang)}</div>
          <div>{arrowDescription(arrow, lane(arrow.fromLane), lane(arrow.toLane), lang)}</div>
        </>
      );
    }
    case 'c': {
      const c = model.connections.find((x) => x.id === rest);
      if (!c) return null;
      return (
        <>
          <div className="tip-title">{t('calls.flow.tipConnection', { client: c.clientEnd, server: c.serverEnd })}</div>
          <div>{t('calls.flow.tipHandshake')}</div>
          {c.acceptSeq === null && c.queued && <div className="muted">{t('calls.flow.tipNotAccepted')}</div>}
        </>
      );
    }
    case 'g': {
      const group = model.groups.find((gr) => `${gr.firstRow}:${gr.lane}` === rest);
      if (!group) return null;
      return (
        <>
          <div className="tip-title">{t('calls.flow.tipNodeCall', { call: group.nodeCall })}</div>
          <div>{t('calls.flow.tipNodeCallBody')}</div>
        </>
      );
    }
    default:
      return null;
  }
}

export function FlowTooltip({ hover, model, events, nowTs }: { hover: Hover; model: FlowModel; events: ReadonlyMap<number, LabEvent>; nowTs: number | null }) {
  const { t, i18n } = useTranslation();
  const body = content(hover.tip, model, events, nowTs, { t, lang: currentLang(i18n) });
  if (!body) return null;
  const left = Math.max(8, Math.min(hover.x + 14, hover.width - WIDTH - 8));
  const below = hover.y < hover.height - 180;
  const style = below ? { left, top: hover.y + 16, width: WIDTH } : { left, bottom: hover.height - hover.y + 12, width: WIDTH };
  return (
    <div className="flow-tooltip" role="tooltip" style={style} data-testid="flow-tooltip">
      {body}
    </div>
  );
}
