import type { BindChoice, DemoSpec, LabCall, PageCommandInput, Topology } from '@socket-playground/protocol';

/**
 * Lessons are data: a teacher writes one file (see LESSONS.md) and adds it to `lessons/index.ts`.
 * Every piece of text exists in both languages; API names (`bind`, `listen`) stay as they are in both.
 */
export type Lang = 'en' | 'zh';
export type Text = Readonly<Record<Lang, string>>;

/** The main views of the page a step can open. */
export type View = 'list' | 'flow' | 'bytes' | 'lab' | 'demos' | 'app';

/** What one event must look like for an `event` goal; every field given must match. */
export interface EventMatch {
  call?: LabCall;
  role?: 'listener' | 'accepted' | 'client';
  labHost?: string;
  /** Exactly this many bytes (send/recv). */
  bytes?: number;
  /** At least this many bytes (send/recv). */
  minBytes?: number;
  /** The recv was made with this bufsize. */
  bufsize?: number;
  /** recv returned 0 (end of stream). */
  eof?: boolean;
  /** error events: the error code (EADDRINUSE, ECONNREFUSED, EACCES…). */
  code?: string;
  /** connect events: the host the program asked for ("localhost", "0.0.0.0"…). */
  targetHost?: string;
  /** The socket's local address (e.g. a listener bound to 0.0.0.0). */
  localAddress?: string;
  /** The socket's local port. */
  localPort?: number;
  /** The peer's address (e.g. "::ffff:127.0.0.1" on a dual-stack listener). */
  remoteAddress?: string;
}

/** Checked against what really happened since the step began (events, lab state, runs). */
export type Goal =
  /** At least `count` (default 1) events like this. */
  | { kind: 'event'; match: EventMatch; count?: number }
  /** A client connected to `targetHost` (from `labHost`, default any) and got its whole echo back. */
  | { kind: 'echo'; labHost?: string; targetHost?: string }
  /** A server of the lab is listening (optionally on this address, optionally of this kind). */
  | { kind: 'listening'; address?: string; serverKind?: 'echo' | 'app' }
  /**
   * An application-protocol request finished during the step: its response was JSON or binary, or
   * there was none ("none"); `problem` is the client's problem code; at least `minWrites` writes.
   */
  | { kind: 'app'; response?: 'json' | 'binary' | 'none'; problem?: string; minWrites?: number }
  /** A who-can-connect run finished for this bind (hosts as typed). */
  | { kind: 'matrix'; bind: readonly string[] }
  /** A demonstration of this kind finished. */
  | { kind: 'demo'; demo: DemoSpec['demo'] }
  /** The step's question was answered correctly. */
  | { kind: 'answered' }
  /** The learner clicked "Done" (reading steps). */
  | { kind: 'read' }
  | { kind: 'all'; goals: readonly Goal[] };

/** What the page can do for the learner ("show me"), in order. */
export type Action =
  /**
   * A command to the bridge, exactly what the page would send. Two placeholders: a `port` of
   * "$port" is the port of the last server started by this show-me; a `stepperId` of "$stepper"
   * the last stepped program it created.
   */
  | { do: 'command'; command: PageCommandInput extends infer C ? (C extends { type: 'hello' } ? never : DistributiveOmit<C, 'reqId'>) : never }
  /** Make `times` real calls in a stepped program (default: the last one this show-me created), each after the previous one finished. */
  | { do: 'step'; stepperId?: string; times: number }
  | { do: 'open'; view: View }
  /** Answer the step's question (its choice ids). */
  | { do: 'answer'; choices: readonly string[] }
  | { do: 'read' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Choice {
  id: string;
  text: Text;
}

/** A question: pick one (or several) choices; `correct` lists the right ones, `explain` says why. */
export interface Question {
  prompt: Text;
  choices: readonly Choice[];
  correct: readonly string[];
  explain: Text;
  /** Predict-then-run: after answering, the show-me runs the real thing so the learner sees who was right. */
  predict?: boolean;
}

export interface Step {
  id: string;
  title: Text;
  /** Markdown. */
  body: Text;
  /** What the page opens and starts before the step (a view; the who-can-connect lab; a bind to preselect). */
  setup?: { view?: View; netlab?: boolean; topology?: Topology; bind?: BindChoice };
  goal: Goal;
  /** Revealed one at a time. */
  hints: readonly Text[];
  question?: Question;
  /** Performs the solution for real. Every lesson's show-me is run against the real bridge in CI. */
  showMe: readonly Action[];
}

export interface Lesson {
  id: string;
  /** Order in the curriculum (1 = first). */
  number: number;
  title: Text;
  summary: Text;
  steps: readonly Step[];
}
