import { appRunsOf } from '../../app-proto/app-runs.ts';
import { LESSONS, type View } from '@socket-playground/lessons';
import type { BindChoice, DemoSummary } from '@socket-playground/protocol';
import { useEffect, useState } from 'react';
import type { DemoLink } from '../../demos/demo-session.ts';
import { Store } from '../../bridge/store.ts';
import { browserStorage } from '../../i18n/prefs.ts';
import { LessonController } from '../../lessons/lesson-controller.ts';
import type { ViewStore } from '../view-store.ts';
import type { LabSession } from '../../netlab/lab-session.ts';
import { useConnection, useView } from '../hooks.ts';
import { useLab } from '../lab/lab-context.ts';
import { LessonContext } from './lesson-context.ts';
import { LessonPanel } from './LessonPanel.tsx';

/** Replace the fragment without a new history entry (and without the token's reload on hashchange). */
function setHash(hash: string): void {
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search + hash);
}

/** A step's setup picks a bind: the picker's option with the same hosts, and the port. */
function preselect(lab: LabSession, bind: BindChoice): void {
  const option = lab.options().find((o) => o.hosts.length === bind.hosts.length && o.hosts.every((h, i) => h === bind.hosts[i]));
  if (!option) return;
  lab.setPortText(String(bind.port));
  lab.setBind(option.key);
}

type DemoCards = Readonly<Record<string, { summary: DemoSummary | null }>>;

/**
 * The demonstrations' cards as the controller sees them. Only the Demos tab runs a demonstration,
 * and it makes the page's one DemoSession; so its code (a chunk of its own) loads when that tab is
 * first shown, not with the lessons on a first visit. Until then there are no results to count.
 */
function lazyDemoCards(link: DemoLink, view: ViewStore): Store<DemoCards> {
  const cards = new Store<DemoCards>({});
  let started = false;
  const start = () => {
    if (started || view.state.get().tab !== 'demos') return;
    started = true;
    stop();
    void import('../../demos/demo-session.ts').then(({ demoSessionFor }) => {
      const session = demoSessionFor(link);
      cards.set(session.state.get());
      session.state.subscribe(() => cards.set(session.state.get()));
    });
  };
  const stop = view.state.subscribe(start);
  start();
  return cards;
}

/**
 * The lessons, loaded as their own chunk (the curriculum is data in two languages and grows):
 * the controller is made once, listens to the page while mounted, and follows `#/lesson/…` links.
 */
export function LessonArea() {
  const connection = useConnection();
  const view = useView();
  const lab = useLab();
  const [controller] = useState(
    () =>
      new LessonController(
        {
          lessons: LESSONS,
          link: connection,
          setTab: (tab: View) => view.setTab(tab),
          lab,
          preselectBind: (bind) => preselect(lab, bind),
          demos: lazyDemoCards(connection, view),
          apps: appRunsOf(connection),
          storage: browserStorage(),
          setHash,
        },
        window.location.hash,
      ),
  );
  useEffect(() => controller.attach(), [controller]);
  useEffect(() => {
    const follow = () => controller.followHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    // A link followed between the controller's creation and now.
    follow();
    return () => window.removeEventListener('hashchange', follow);
  }, [controller]);
  return (
    <LessonContext value={controller}>
      <LessonPanel lessons={LESSONS} />
    </LessonContext>
  );
}
