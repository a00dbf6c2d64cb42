import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { useMemo } from 'react';
import { drawnListeners } from '../../netlab/drawn-listeners.ts';
import { bindChoice, clientHosts, DEFAULT_PORT, sameBind, serverHostOf } from '../../netlab/lab-topology.ts';
import { linksSince, listenersSince } from '../../netlab/live-links.ts';
import { modelBind } from '../../netlab/model.ts';
import { useConnection, useStore } from '../hooks.ts';
import { AddressInspector } from './AddressInspector.tsx';
import { BindPicker } from './BindPicker.tsx';
import { RealCardsConsent } from './RealCardsConsent.tsx';
import { useLab } from './lab-context.ts';
import { LabControls } from './LabControls.tsx';
import { MatrixPanel } from './MatrixPanel.tsx';
import { NotesClaims } from './NotesClaims.tsx';
import { TopologyDiagram } from './TopologyDiagram.tsx';

/**
 * The "Who can connect" tab: a server on pc1 bound one way, every host trying every address,
 * for real in network namespaces (or modelled where the machine cannot), beside the notes'
 * claims, a drawing of the lab and an address inspector.
 */
export function LabPane() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const lab = useLab();
  const connection = useConnection();
  const state = useStore(lab.state);
  useStore(connection.session); // the bridge's netlab state lives there
  const log = useStore(connection.events);
  const netlab = lab.netlab();
  const topology = lab.topology();
  const serverHost = serverHostOf(topology);
  const order = useMemo(() => clientHosts(topology), [topology]);
  const option = lab.option();
  const port = lab.port() ?? state.result?.bind.port ?? DEFAULT_PORT;
  const bind = useMemo(() => bindChoice(option, port), [option, port]);
  const model = useMemo(() => modelBind(topology, serverHost, bind, lang), [topology, serverHost, bind, lang]);
  const result = state.result && sameBind(state.result.bind, bind) ? state.result : null;

  const since = state.runSinceSeq ?? Number.MAX_SAFE_INTEGER;
  const links = useMemo(() => linksSince(log.entries, serverHost, since), [log.entries, serverHost, since]);
  const live = useMemo(() => listenersSince(log.entries, serverHost, since), [log.entries, serverHost, since]);
  const listeners = drawnListeners({ live, result: state.result, resultCurrent: result !== null, plan: bind });
  const openLinks = links.filter((l) => l.open).length;
  const accepted = useMemo(() => links.map((l) => l.remote.address), [links]);

  return (
    <section className="lab-pane" aria-labelledby="lab-title" data-testid="lab-pane">
      <div className="lab-head">
        <div className="events-title">
          <h2 id="lab-title">{t('tabs.lab')}</h2>
          <span className="muted">{t('lab.subtitle', { server: serverHost, clients: order.join(t('lab.and')) })}</span>
        </div>
        <LabControls />
      </div>
      <div className="lab-scroll">
        <BindPicker />
        <RealCardsConsent />
        <div className="lab-main">
          <MatrixPanel topology={topology} model={model} result={result} links={links} />
          <NotesClaims bind={bind} result={result} accepted={accepted} />
          <section className="lab-card topology-card" aria-labelledby="topology-title">
            <div className="lab-card-head">
              <h3 id="topology-title">{t('lab.theLab')}</h3>
              <span className="muted" data-testid="topology-caption">
                {netlab?.status === 'up' ? (netlab.mode === 'namespaces' ? t('lab.captionNamespaces') : t('lab.captionSingle')) : t('lab.captionPlan')}
                {links.length > 0 && ` · ${openLinks > 0 ? t('lab.linksOpen', { n: openLinks }) : ''}${t('lab.linksAccepted', { count: links.length, server: serverHost })}`}
              </span>
            </div>
            <TopologyDiagram topology={topology} serverHost={serverHost} order={order} listeners={listeners} links={links} />
          </section>
        </div>
        <AddressInspector />
      </div>
    </section>
  );
}
