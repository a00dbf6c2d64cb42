import type { MatrixResult, NetLabState, Reply, Topology } from '@socket-playground/protocol';
import { NOTES_TOPOLOGY } from '@socket-playground/protocol';
import type { CommandInput, EventLog, Session } from '../bridge/connection-types.ts';
import { Store } from '../bridge/store.ts';
import { bindChoice, bindOption, bindOptions, DEFAULT_BIND_KEY, DEFAULT_PORT, parseLabPort, serverHostOf, type BindOption } from './lab-topology.ts';
import { lastSeq } from './live-links.ts';
import { cycleGuess, setGuess, type Guess, type Guesses } from './predict.ts';

/** The part of the bridge connection the lab needs (a fake in tests). */
export interface LabLink {
  command(command: CommandInput, source: string): Promise<Reply>;
  readonly session: Store<Session>;
  readonly events: Store<EventLog>;
}

export interface LabView {
  bindKey: string;
  portText: string;
  /** The lab as the newest netlab reply described it (the session's state wins when it has one). */
  replied: NetLabState | null;
  /** A start or stop is on its way. */
  busy: 'starting' | 'stopping' | null;
  running: boolean;
  result: MatrixResult | null;
  /** Newest event before the shown run started: the drawing's connections are the ones after it. */
  runSinceSeq: number | null;
  /** Why the last run or start did not happen. */
  problem: string | null;
  predicting: boolean;
  guesses: Guesses;
  /** The guesses were made before this result came in: it is scored. */
  scored: boolean;
  /** Single-host mode: the learner agreed to run on this machine's real cards. */
  useRealCards: boolean;
}

const SOURCE = 'Who can connect';


/**
 * The who-can-connect tab's state and actions, outside React so they survive a tab switch:
 * the bind and port being picked, the lab's start/stop, matrix runs (a bind change while the
 * lab is up re-runs; a change during a run queues one more run), and the learner's guesses.
 */
export class LabSession {
  readonly state = new Store<LabView>({
    bindKey: DEFAULT_BIND_KEY,
    portText: String(DEFAULT_PORT),
    replied: null,
    busy: null,
    running: false,
    result: null,
    runSinceSeq: null,
    problem: null,
    predicting: false,
    guesses: {},
    scored: false,
    useRealCards: false,
  });
  private rerun = false;
  private optionsFor: { topology: Topology; options: BindOption[] } | null = null;

  constructor(private readonly link: LabLink) {}

  /** The lab as far as the page knows: the bridge's state, else the last reply. */
  netlab(): NetLabState | null {
    const fromState = this.link.session.get().lab.netlab;
    return fromState !== undefined ? fromState : this.state.get().replied;
  }

  topology(): Topology {
    return this.netlab()?.topology ?? NOTES_TOPOLOGY;
  }

  isUp(): boolean {
    return this.netlab()?.status === 'up';
  }

  /** The picker's choices; the same array while the topology stays the same (for React's memos). */
  options(): BindOption[] {
    const topology = this.topology();
    if (this.optionsFor?.topology !== topology) this.optionsFor = { topology, options: bindOptions(topology) };
    return this.optionsFor.options;
  }

  option(): BindOption {
    return bindOption(this.options(), this.state.get().bindKey);
  }

  port(): number | null {
    return parseLabPort(this.state.get().portText);
  }

  private patch(patch: Partial<LabView>): void {
    this.state.update((s) => ({ ...s, ...patch }));
  }

  async start(): Promise<void> {
    this.patch({ busy: 'starting', problem: null });
    const reply = await this.link.command({ type: 'netlab.start' }, SOURCE);
    const netlab = reply.ok && reply.result.kind === 'netlab' ? reply.result.netlab : null;
    this.patch({ busy: null, replied: netlab, problem: reply.ok ? null : reply.error.message || reply.error.code });
    // The reply may come before the bridge's state update: trust the reply to run at once.
    // Predicting (ticked before or while starting): the learner guesses first and runs when ready.
    if (netlab?.status === 'up' && !this.state.get().predicting) await this.run();
  }

  async stop(): Promise<void> {
    this.patch({ busy: 'stopping', problem: null });
    const reply = await this.link.command({ type: 'netlab.stop' }, SOURCE);
    this.patch({ busy: null, replied: reply.ok && reply.result.kind === 'netlab' ? reply.result.netlab : null });
  }

  setBind(key: string): void {
    if (key === this.state.get().bindKey) return;
    // Predicting: a new bind asks for new guesses, and the learner runs when ready.
    if (this.state.get().predicting) return this.patch({ bindKey: key, guesses: {}, scored: false });
    this.patch({ bindKey: key });
    this.autoRun();
  }

  /** Single-host mode: agree (or stop agreeing) to use this machine's cards; the matrix reruns. */
  setUseRealCards(on: boolean): void {
    if (on === this.state.get().useRealCards) return;
    this.patch({ useRealCards: on });
    if (!this.state.get().predicting) this.autoRun();
  }

  setPortText(text: string): void {
    this.patch({ portText: text });
  }

  /** After editing the port (Enter or leaving the field): re-run like a bind change. */
  commitPort(): void {
    const shown = this.state.get().result;
    if ((shown && shown.bind.port === this.port()) || this.state.get().predicting) return;
    this.autoRun();
  }

  private autoRun(): void {
    if (!this.isUp()) return;
    if (this.state.get().running) this.rerun = true;
    else void this.run();
  }

  /** One matrix run with the picker's bind; resolves when its result (or failure) is in. */
  async run(): Promise<void> {
    const port = this.port();
    if (port === null) {
      this.patch({ problem: 'The port must be a whole number from 0 to 65535 (0: the kernel chooses).' });
      return;
    }
    if (this.state.get().running) {
      this.rerun = true;
      return;
    }
    const topology = this.topology();
    const bind = bindChoice(this.option(), port);
    const since = lastSeq(this.link.events.get().entries);
    // Only a run started after the guesses scores them (not one already going when Predict was ticked).
    const predicting = this.state.get().predicting;
    this.patch({ running: true, problem: null, runSinceSeq: since });
    const serverHost = serverHostOf(topology);
    const useRealCards = this.state.get().useRealCards;
    const reply = await this.link.command({ type: 'netlab.matrix', serverHost, bind, useRealCards }, SOURCE);
    if (reply.ok && reply.result.kind === 'matrix') {
      this.patch({ running: false, result: reply.result.matrix, scored: predicting && this.state.get().predicting });
    } else {
      this.patch({ running: false, problem: reply.ok ? 'The bridge answered with something else than a matrix.' : reply.error.message || reply.error.code });
    }
    if (this.rerun) {
      this.rerun = false;
      await this.run();
    }
  }

  /** Predict first: guesses start blank; the shown result is hidden until the next run. */
  setPredicting(on: boolean): void {
    // A re-run queued by an earlier bind change would score blank guesses: the learner runs when ready.
    if (on) this.rerun = false;
    this.patch({ predicting: on, guesses: {}, scored: false });
  }

  cycle(key: string): void {
    this.state.update((s) => ({ ...s, guesses: setGuess(s.guesses, key, cycleGuess(s.guesses[key])), scored: false }));
  }

  guess(key: string, guess: Guess | undefined): void {
    this.state.update((s) => ({ ...s, guesses: setGuess(s.guesses, key, guess), scored: false }));
  }

  clearGuesses(): void {
    this.patch({ guesses: {}, scored: false });
  }
}
