import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { flowOf, flowWindow } from '../../flow/flow-model.ts';
import { stepFacts } from '../../step/step-text.ts';
import { sameJson } from '../../bridge/store.ts';
import { useConnection, useStore, useStoreSelect, useStoreWhile, useView } from '../hooks.ts';
import type { EventLog } from '../../bridge/connection-types.ts';
import { StepClient, StepClientForm } from './StepClient.tsx';
import { StepServer, StepServerForm } from './StepServer.tsx';
import { byProgram } from './step-actions.ts';

const NO_EVENTS: EventLog = { entries: [], discarded: 0, missed: 0, originTs: null };

/**
 * Step mode: the notes' blocking echo server (and clients) run one real call per click.
 * The bridge holds each program's thread between steps, so the kernel really does the waiting.
 */
export function StepPanel() {
  const { t, i18n } = useTranslation();
  // Chinese runs sentences together; English puts a space between them.
  const gap = currentLang(i18n) === 'zh' ? '' : ' ';
  const connection = useConnection();
  // Only the steppers: the rest of the lab state changes with every byte count.
  const steppers = useStoreSelect(connection.session, (s) => s.lab.steppers, sameJson);
  const view = useView();
  const { tab } = useStore(view.state);
  const { servers, clients } = byProgram(steppers);
  const any = servers.length + clients.length > 0;
  // The events matter only while programs are stepped.
  const log = useStoreWhile(connection.events, any, NO_EVENTS);
  // What the events say about each stepper (accepted yet? what came back?), from the live log.
  const model = useMemo(() => (any ? flowOf(flowWindow(log.entries)) : null), [any, log.entries]);
  const facts = (info: (typeof steppers)[number]) => (model ? stepFacts(model, log.entries, info) : { accepted: null, lastRecv: null, sent: 0 });

  return (
    <section className="card step-panel" data-testid="step-panel" aria-labelledby="step-title">
      <div className="card-head">
        <h2 id="step-title">{t('shell.step.title')}</h2>
        {tab !== 'flow' && (
          <button type="button" className="link-button" onClick={() => view.setTab('flow')}>
            {t('shell.step.watchFlow')}
          </button>
        )}
      </div>
      <p className="card-lead">
        <strong>{t('shell.step.leadStrong')}</strong>
        {gap}
        {t('shell.step.lead')}
      </p>
      {servers.length === 0 ? <StepServerForm /> : servers.map((s) => <StepServer key={`${s.labHost}/${s.stepperId}`} info={s} facts={facts(s)} />)}
      <div className="step-clients">
        <h3 className="step-sub">{t('shell.step.clients')}</h3>
        {clients.length > 0 && (
          <ul className="step-client-list">
            {clients.map((c) => (
              <StepClient key={`${c.labHost}/${c.stepperId}`} info={c} facts={facts(c)} />
            ))}
          </ul>
        )}
        <StepClientForm server={servers.at(-1)} />
        <p className="help">{t('shell.step.clientsHelp')}</p>
      </div>
    </section>
  );
}
