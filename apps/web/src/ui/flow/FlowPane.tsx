import type { LabEvent, StepperInfo } from '@socket-playground/protocol';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { codeHighlight, codeParams, focusEvent } from '../../code/code-focus.ts';
import { FLOW_MAX_EVENTS, flowOf, flowWindow } from '../../flow/flow-model.ts';
import { currentLang } from '../../i18n/i18n.ts';
import { replayPosition } from '../../replay/session-file.ts';
import { CodePanel } from '../CodePanel.tsx';
import { EventDetails } from '../EventDetails.tsx';
import { useConnection, useEventSource, useNow, useStore, useView } from '../hooks.ts';
import { ReplayBar } from '../ReplayBar.tsx';
import { FlowDiagram } from './FlowDiagram.tsx';

const NO_STEPPERS: readonly StepperInfo[] = [];

/** The "Call flow" tab: replay bar, the diagram, the code beside it, the selected call's details. */
export function FlowPane() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const connection = useConnection();
  const session = useStore(connection.session);
  const view = useView();
  const state = useStore(view.state);
  const source = useEventSource();

  const position = useMemo(() => replayPosition(source.entries, state.cursor), [source.entries, state.cursor]);
  const drawn = flowWindow(position.visible);
  const hidden = position.visible.length - drawn.length;
  const model = useMemo(() => flowOf(drawn, lang), [drawn, lang]);
  const events = useMemo(() => new Map<number, LabEvent>(drawn.map((e) => [e.seq, e.event])), [drawn]);
  const open = model.blocks.some((b) => b.endRow === null) || model.arrows.some((a) => a.toRow === null);
  // Waits still going on grow with the clock; a recording or a scrubbed past stands still.
  const ticking = source.live && position.following && open;
  const now = useNow(ticking, 100);
  // The clock in the events' own time: the newest event's ts plus what has passed since it came
  // (the page's and the lab's clocks need not agree).
  const last = position.visible.at(-1);
  const arrivedAt = useMemo(() => (last ? Date.now() : 0), [last]);
  const clock = ticking && last ? last.event.ts + Math.max(0, now - arrivedAt) : null;

  const steppers = source.live ? session.lab.steppers : NO_STEPPERS;
  const focused = steppers.find((s) => s.stepperId === state.focusStepper);
  const focus = focusEvent({
    visible: position.visible,
    model,
    selectedSeq: state.selectedSeq,
    selectedLane: state.selectedLane,
    cursor: position.following ? null : state.cursor,
    focusStepper: focused ? { labHost: focused.labHost, stepperId: focused.stepperId } : null,
  });
  const params = useMemo(() => codeParams(steppers, position.visible, state.stepMessages, state.focusStepper), [steppers, position.visible, state.stepMessages, state.focusStepper]);
  const highlight = codeHighlight(focus, state.lang, params);
  const waiting = focus?.event.call === 'block' && model.blocks.some((b) => b.seq === focus.seq && b.endRow === null);
  const selected = state.selectedSeq === null ? undefined : source.entries.find((e) => e.seq === state.selectedSeq);
  const cursorSeq = position.following ? null : (position.visible.at(-1)?.seq ?? null);

  return (
    <section className="flow-pane" aria-labelledby="flow-title">
      <div className="flow-head">
        <div className="events-title">
          <h2 id="flow-title">{t('calls.flow.title')}</h2>
          <span className="muted" data-testid="flow-counts">
            {t('calls.flow.lanes', { count: model.lanes.length })} · {t('calls.flow.connections', { count: model.connections.length })}
          </span>
          {hidden > 0 && (
            <span className="flow-window-note" data-testid="flow-window-note">
              {t('calls.flow.windowNote', { max: FLOW_MAX_EVENTS.toLocaleString('en'), total: position.visible.length.toLocaleString('en') })}
            </span>
          )}
        </div>
        <Legend />
      </div>
      <ReplayBar entries={source.entries} position={position} live={source.live} />
      <div className="flow-body">
        <FlowDiagram
          model={model}
          events={events}
          originTs={source.originTs}
          nowTs={clock}
          selectedSeq={state.selectedSeq}
          cursorSeq={cursorSeq}
          selectedLane={state.selectedLane}
          onSelect={(seq) => view.select(seq, true)}
          onSelectLane={(lane) => view.selectLane(lane)}
          emptyText={t('calls.flow.empty')}
        />
        <CodePanel lang={state.lang} params={params} highlight={highlight} waiting={waiting} onLang={(l) => view.setLang(l)} />
      </div>
      {selected && <EventDetails key={selected.seq} entry={selected} offline={!source.live} onClose={() => view.select(null)} />}
    </section>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="flow-legend" aria-label={t('calls.flow.legend')} data-testid="flow-legend">
      <li>
        <span className="lg lg-handshake" /> {t('calls.flow.legendHandshake')}
      </li>
      <li>
        <span className="lg lg-data" /> {t('calls.flow.legendBytes')}
      </li>
      <li>
        <span className="lg lg-fin" /> {t('calls.flow.legendFin')}
      </li>
      <li>
        <span className="lg lg-block" /> {t('calls.flow.legendBlocked')}
      </li>
    </ul>
  );
}
