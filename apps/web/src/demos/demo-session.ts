import type { DemoName, DemoSummary, Reply, WireError } from '@socket-playground/protocol';
import type { CommandInput } from '../bridge/connection-types.ts';
import { Store } from '../bridge/store.ts';
import type { Lang } from '../i18n/prefs.ts';
import { demoSpecOf, type Problems } from './demo-params.ts';
import { DEMO_PRESETS, initialTexts } from './demo-presets.ts';

/** The part of the bridge connection the demonstrations need (a fake in tests). */
export interface DemoLink {
  command(command: CommandInput, source: string): Promise<Reply>;
  /** Which bridge answers (absent in tests): a result's events live and die with the bridge that ran it. */
  readonly session?: { get(): { bridgeId: string | null } };
}

export type DemoStatus = 'idle' | 'running' | 'done' | 'failed';

export interface DemoCardState {
  /** The fields as typed, by key. */
  texts: Readonly<Record<string, string>>;
  /** What is wrong with which field, after a Run with bad values. */
  problems: Problems;
  status: DemoStatus;
  /** When the running demonstration was sent (epoch ms), for the busy timer. */
  startedAt: number | null;
  summary: DemoSummary | null;
  /** The bridge that ran the summary's demonstration. */
  bridgeId: string | null;
  error: WireError | null;
}

export type DemosView = Readonly<Record<DemoName, DemoCardState>>;

/** Where the event list and the error notices say a command came from. */
export const DEMO_SOURCE = 'Demonstrations';

function initialView(): DemosView {
  const entries = DEMO_PRESETS.map((p): [DemoName, DemoCardState] => [
    p.name,
    { texts: initialTexts(p), problems: {}, status: 'idle', startedAt: null, summary: null, bridgeId: null, error: null },
  ]);
  return Object.fromEntries(entries) as Record<DemoName, DemoCardState>;
}

/**
 * The cards' fields, runs and results, outside React so they survive a tab switch (the result's
 * "See it on the byte timeline" leaves the tab). One demonstration runs at a time: two at once
 * would share the machine and spoil each other's timings.
 */
export class DemoSession {
  readonly state = new Store<DemosView>(initialView());

  constructor(
    private readonly link: DemoLink,
    private readonly now: () => number = Date.now,
  ) {}

  private patch(name: DemoName, patch: Partial<DemoCardState>): void {
    this.state.update((s) => ({ ...s, [name]: { ...s[name], ...patch } }));
  }

  card(name: DemoName): DemoCardState {
    return this.state.get()[name];
  }

  /** The demonstration running now, if any. */
  running(): DemoName | null {
    const view = this.state.get();
    return DEMO_PRESETS.find((p) => view[p.name].status === 'running')?.name ?? null;
  }

  setText(name: DemoName, key: string, text: string): void {
    // Typing in a field takes back its problem; the others stay until the next Run.
    const problems = Object.fromEntries(Object.entries(this.card(name).problems).filter(([k]) => k !== key));
    this.patch(name, { texts: { ...this.card(name).texts, [key]: text }, problems });
  }

  /** Back to the preset's values. */
  reset(name: DemoName): void {
    const preset = DEMO_PRESETS.find((p) => p.name === name);
    if (preset) this.patch(name, { texts: initialTexts(preset), problems: {} });
  }

  /** The problems on show, said again in `lang` (after a language switch). */
  relocalize(name: DemoName, lang: Lang): void {
    const shown = this.card(name).problems;
    if (Object.keys(shown).length === 0) return;
    const checked = demoSpecOf(name, this.card(name).texts, lang);
    if (checked.ok) return;
    const problems = Object.fromEntries(Object.keys(shown).map((k) => [k, checked.problems[k] ?? shown[k] ?? '']));
    this.patch(name, { problems });
  }

  /** Check the fields and run; resolves when the result (or why there is none) is shown. */
  async run(name: DemoName, lang: Lang = 'en'): Promise<void> {
    if (this.running() !== null) return;
    const checked = demoSpecOf(name, this.card(name).texts, lang);
    if (!checked.ok) {
      this.patch(name, { problems: checked.problems });
      return;
    }
    this.patch(name, { problems: {}, status: 'running', startedAt: this.now(), summary: null, error: null });
    const reply = await this.link.command({ type: 'demo.run', spec: checked.spec }, DEMO_SOURCE);
    if (reply.ok && reply.result.kind === 'demo' && reply.result.summary.demo === name) {
      this.patch(name, { status: 'done', startedAt: null, summary: reply.result.summary, bridgeId: this.link.session?.get().bridgeId ?? null });
    } else {
      const error: WireError = reply.ok ? { code: 'BAD_BRIDGE_MESSAGE', message: `the bridge answered with ${reply.result.kind}, not this demonstration's result` } : reply.error;
      this.patch(name, { status: 'failed', startedAt: null, error });
    }
  }
}

// One session per connection, made on first use: the tab's chunk loads lazily, and App stays as it is.
const sessions = new WeakMap<DemoLink, DemoSession>();

export function demoSessionFor(link: DemoLink): DemoSession {
  let session = sessions.get(link);
  if (!session) {
    session = new DemoSession(link);
    sessions.set(link, session);
  }
  return session;
}
