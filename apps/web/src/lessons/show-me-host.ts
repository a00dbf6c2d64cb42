import type { ShowMeHost, View } from '@socket-playground/lessons';
import type { LabState, Reply, StepperInfo } from '@socket-playground/protocol';
import type { CommandInput } from '../bridge/connection-types.ts';

/** The lab state as it changes (the session store's `lab`, read through). */
export interface LabStateSource {
  get(): LabState;
  subscribe(listener: () => void): () => void;
}

/** What "Show me" needs from the page: the bridge connection, the tabs, the lesson's answers. */
export interface ShowMeDeps {
  command(command: CommandInput, source: string): Promise<Reply>;
  /** The session's lab state (servers, steppers), as the bridge last described it. */
  lab: LabStateSource;
  open(view: View): void;
  answer(choices: readonly string[]): void;
  read(): void;
  /** The step this show-me was started in is no longer open. */
  stale?(): boolean;
  /** How long to wait for a stepped program before going on anyway. */
  readyTimeoutMs?: number;
}

export const SHOW_ME_SOURCE = 'Show me';

/** Ready for its next step: finished, waiting for a click, or blocked in a call (the kernel waits). */
export function stepperIsReady(s: StepperInfo | undefined): boolean {
  return s !== undefined && (s.finished || s.blockedIn !== null || s.next !== null);
}

function whenReady(lab: LabStateSource, stepperId: string, timeoutMs: number): Promise<void> {
  const ready = () => stepperIsReady(lab.get().steppers.find((s) => s.stepperId === stepperId));
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = lab.subscribe(() => {
      if (ready()) done();
    });
    // The bridge refuses a step that is too early (STEP_BUSY) and runShowMe asks again: never hang.
    const timer = setTimeout(done, timeoutMs);
  });
}

/** A server or stepped server of this session holds (or is about to hold) this port. */
export function portTaken(lab: LabState, port: number): boolean {
  return lab.servers.some((s) => s.listening.port === port) || lab.steppers.some((s) => !s.finished && s.program === 'blocking-echo-server' && (s.listening?.port ?? s.target.port) === port);
}

/** The page's ShowMeHost: commands go through the one BridgeConnection, like the cards' own. */
export function pageShowMeHost(deps: ShowMeDeps): ShowMeHost {
  return {
    command: (command) => deps.command(command as CommandInput, SHOW_ME_SOURCE),
    open: (view) => deps.open(view),
    answer: (choices) => deps.answer(choices),
    read: () => deps.read(),
    stepperReady: (stepperId) => whenReady(deps.lab, stepperId, deps.readyTimeoutMs ?? 10_000),
    stepperPort: (stepperId) => deps.lab.get().steppers.find((s) => s.stepperId === stepperId)?.listening?.port,
    portTaken: (port) => portTaken(deps.lab.get(), port),
    ...(deps.stale ? { stale: deps.stale } : {}),
  };
}
