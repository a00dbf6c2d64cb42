import type { SequencedLabEvent } from '@socket-playground/protocol';
import { Store } from '../bridge/store.ts';
import type { CodeLang } from '../code/programs.ts';

/**
 * What the learner is looking at, shared by the event list, the diagram, the code and the
 * step panel: the tab, the selected event or lane, the replay cursor, a loaded session.
 * Plain TypeScript like the bridge connection; React reads it with useSyncExternalStore.
 */
export type MainTab = 'list' | 'flow' | 'lab' | 'bytes' | 'demos' | 'app';

export interface LoadedSession {
  name: string;
  savedAt: string;
  events: readonly SequencedLabEvent[];
}

export interface ViewState {
  tab: MainTab;
  selectedSeq: number | null;
  /** A lane whose newest call the code highlights (click on a lane header). */
  selectedLane: string | null;
  /** The stepped program the learner last stepped: the code follows it. */
  focusStepper: string | null;
  /** Seq of the last event the diagram shows while scrubbing; null follows the newest. */
  cursor: number | null;
  /** A session loaded from a file, replayed instead of the live one. */
  loaded: LoadedSession | null;
  lang: CodeLang;
  /** The messages of stepped clients (the bridge's state does not carry them), by stepperId. */
  stepMessages: Readonly<Record<string, string>>;
}

const INITIAL: ViewState = {
  tab: 'list',
  selectedSeq: null,
  selectedLane: null,
  focusStepper: null,
  cursor: null,
  loaded: null,
  lang: 'python',
  stepMessages: {},
};

export class ViewStore {
  readonly state = new Store<ViewState>(INITIAL);

  private patch(patch: Partial<ViewState>): void {
    this.state.update((s) => ({ ...s, ...patch }));
  }

  setTab(tab: MainTab): void {
    this.patch({ tab });
  }

  /** Select an event (null: none); selecting the selected one again deselects it. */
  select(seq: number | null, toggle = false): void {
    this.state.update((s) => ({ ...s, selectedSeq: toggle && s.selectedSeq === seq ? null : seq }));
  }

  selectLane(lane: string | null): void {
    this.state.update((s) => ({ ...s, selectedLane: s.selectedLane === lane ? null : lane, selectedSeq: null }));
  }

  focusStepper(stepperId: string): void {
    this.patch({ focusStepper: stepperId, selectedLane: null, selectedSeq: null });
  }

  /** Move the replay; the details of a selected event close, the diagram marks the replay's event. */
  setCursor(cursor: number | null): void {
    this.patch({ cursor, selectedSeq: null });
  }

  setLang(lang: CodeLang): void {
    this.patch({ lang });
  }

  rememberMessage(stepperId: string, message: string): void {
    this.state.update((s) => ({ ...s, stepMessages: { ...s.stepMessages, [stepperId]: message } }));
  }

  /** Replay a saved session: the diagram shows it, the bridge's live events wait. */
  load(session: LoadedSession): void {
    this.patch({ loaded: session, cursor: null, selectedSeq: null, selectedLane: null, tab: 'flow' });
  }

  backToLive(): void {
    this.patch({ loaded: null, cursor: null, selectedSeq: null, selectedLane: null });
  }
}
