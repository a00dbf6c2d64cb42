import type { AppDone, DemoSummary, MatrixResult, PageCommandInput, Reply } from '@socket-playground/protocol';
import type { Action, View } from './lesson-types.ts';

type CommandInput = Exclude<PageCommandInput, { type: 'hello' }> extends infer C ? (C extends unknown ? Omit<C, 'reqId'> : never) : never;

/** What running a show-me needs from its surroundings: the page, or a test's bridge client. */
export interface ShowMeHost {
  command(command: CommandInput): Promise<Reply>;
  open(view: View): void;
  answer(choices: readonly string[]): void;
  read(): void;
  /** Wait until the stepped program can take its next step (it finished its last call, or blocked). */
  stepperReady(stepperId: string): Promise<void>;
  /** The port a stepped server listens on, once it does. */
  stepperPort(stepperId: string): number | undefined;
  /** Whether a server or stepped program of this session already listens on this port (the page knows). */
  portTaken?(port: number): boolean;
  /**
   * The learner moved on (another step, another lesson) while this show-me waited for a command:
   * it stops before its next action, so its answer or run never lands on the step that is open now.
   */
  stale?(): boolean;
}

export interface ShowMeResult {
  ok: boolean;
  /** Why it stopped, when a command was refused. */
  problem?: string;
  /**
   * Commands the kernel refused (the reply's error carries an errno: EADDRINUSE, ECONNREFUSED…).
   * Such a failure is what a lesson may want to show, so the show-me goes on; refusals by the
   * playground itself (policy, a busy stepper, a bad request) still stop it.
   */
  kernelErrors: { type: string; code: string }[];
  /** Servers that went to another port because the lesson's one was taken (see `movePortsInUse`). */
  movedPorts: { from: number; to: number }[];
  matrices: MatrixResult[];
  demos: DemoSummary[];
  /** Application-protocol requests it made. */
  apps: AppDone[];
}

/** Timers exist in the browser and in Node; this package's lib (ES2022 only) does not declare them. */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };

/** How often a step is retried while the program is still busy with its last call. */
const STEP_RETRIES = 200;

interface Vars {
  port?: number;
  /** Stepped programs this show-me created, in order; the last one is "$stepper". */
  steppers: string[];
}

/**
 * A stepper placeholder: "$stepper" is the last stepped program this show-me created, "$stepper1",
 * "$stepper2"… the first, second… (so a show-me can step a server after it created a client).
 */
function stepperOf(id: string | undefined, vars: Vars): string | undefined {
  if (id === undefined || id === '$stepper') return vars.steppers.at(-1);
  const nth = /^\$stepper([1-9])$/.exec(id);
  return nth ? vars.steppers[Number(nth[1]) - 1] : id;
}

/** Replace "$port" and "$stepper…" placeholders with what earlier commands of this show-me produced. */
function fill(command: CommandInput, vars: Vars): CommandInput {
  const filled: Record<string, unknown> = { ...command };
  if (filled.port === '$port' && vars.port !== undefined) filled.port = vars.port;
  if (typeof filled.stepperId === 'string') filled.stepperId = stepperOf(filled.stepperId, vars) ?? filled.stepperId;
  return filled as CommandInput;
}

/**
 * The port of a stepped server this show-me created. The host's view of the program may lag a
 * step's reply by a moment (the program is "ready" in the old state): wait up to about 2 s for it.
 */
async function stepperPortSoon(host: ShowMeHost, vars: Vars): Promise<number | undefined> {
  for (let attempt = 0; attempt < 100 && vars.steppers.length > 0; attempt++) {
    for (const id of vars.steppers) {
      const port = host.stepperPort(id);
      if (port !== undefined) return port;
    }
    await new Promise<void>((resolve) => timers.setTimeout(resolve, 20));
  }
  return undefined;
}

/**
 * Perform a step's solution for real, action by action. A command refused by the playground stops
 * it, with the bridge's reason; one refused by the kernel is listed in `kernelErrors` and the show-me
 * goes on. Runs' results are collected so the step's goals can be checked.
 */
export interface ShowMeOptions {
  /** Tests: every server (except a "$port" one) goes to this port (0: a free one). */
  serverPort?: number;
  /**
   * The page: a server the lesson puts on a fixed port (65432) goes to a free port instead when an
   * earlier server still holds it (a learner's own, or an earlier lesson's), and the result says so.
   * A "$port" server is never moved: "the same port again" is how a lesson shows EADDRINUSE.
   */
  movePortsInUse?: boolean;
}

type ServerStart = Extract<CommandInput, { type: 'server.start' | 'stepper.start' }>;
const isServerStart = (command: CommandInput): command is ServerStart =>
  command.type === 'server.start' || (command.type === 'stepper.start' && command.program === 'blocking-echo-server');
/** The same server command on another port. */
const onPort = (command: ServerStart, port: number): CommandInput => ({ ...command, port }) as CommandInput;

export async function runShowMe(actions: readonly Action[], host: ShowMeHost, options: ShowMeOptions = {}): Promise<ShowMeResult> {
  const vars: Vars = { steppers: [] };
  const result: ShowMeResult = { ok: true, matrices: [], demos: [], apps: [], kernelErrors: [], movedPorts: [] };
  for (const action of actions) {
    if (host.stale?.()) return { ...result, ok: false, problem: 'stopped: the learner moved to another step' };
    if (action.do === 'open') host.open(action.view);
    else if (action.do === 'answer') host.answer(action.choices);
    else if (action.do === 'read') host.read();
    else if (action.do === 'step') {
      const stepperId = stepperOf(action.stepperId, vars);
      if (!stepperId) return { ...result, ok: false, problem: 'no stepped program to step' };
      for (let i = 0; i < action.times; i++) {
        let reply: Reply;
        // The state the host sees may lag the program by a moment: a busy program is asked again.
        for (let attempt = 0; ; attempt++) {
          await host.stepperReady(stepperId);
          reply = await host.command({ type: 'stepper.step', stepperId });
          if (reply.ok || reply.error.code !== 'STEP_BUSY' || attempt >= STEP_RETRIES) break;
        }
        if (!reply.ok) return { ...result, ok: false, problem: `${reply.error.code}: ${reply.error.message}` };
      }
      await host.stepperReady(stepperId);
      vars.port = host.stepperPort(stepperId) ?? vars.port;
    } else {
      if ('port' in action.command && action.command.port === '$port' && vars.port === undefined) vars.port = await stepperPortSoon(host, vars);
      let command = fill(action.command, vars);
      // Tests run lessons side by side: they may move the lesson's server to a free port. A server
      // whose port is "$port" keeps the port filled in: it means "the same port as before" (EADDRINUSE).
      const samePort = 'port' in action.command && action.command.port === '$port';
      if (options.serverPort !== undefined && !samePort && isServerStart(command)) command = onPort(command, options.serverPort);
      const fixedPort = !samePort && isServerStart(command) && typeof command.port === 'number' && command.port !== 0 ? command.port : undefined;
      let moved = false;
      if (options.movePortsInUse && fixedPort !== undefined && isServerStart(command) && host.portTaken?.(fixedPort)) {
        command = onPort(command, 0);
        moved = true;
      }
      let reply = await host.command(command);
      // Held by a program outside the playground: the kernel says so; try a free port once.
      if (options.movePortsInUse && fixedPort !== undefined && isServerStart(command) && !reply.ok && reply.error.code === 'EADDRINUSE') {
        reply = await host.command(onPort(command, 0));
        moved = true;
      }
      if (moved && fixedPort !== undefined && reply.ok && reply.result.kind === 'server.started') result.movedPorts.push({ from: fixedPort, to: reply.result.listening.port });
      if (moved && fixedPort !== undefined && reply.ok && reply.result.kind === 'stepper') result.movedPorts.push({ from: fixedPort, to: 0 });
      if (!reply.ok && reply.error.errno !== undefined) {
        result.kernelErrors.push({ type: command.type, code: reply.error.code });
        continue;
      }
      if (!reply.ok) return { ...result, ok: false, problem: `${reply.error.code}: ${reply.error.message}` };
      const r = reply.result;
      if (r.kind === 'server.started') vars.port = r.listening.port;
      if (r.kind === 'stepper') vars.steppers.push(r.stepperId);
      if (r.kind === 'matrix') result.matrices.push(r.matrix);
      if (r.kind === 'demo') result.demos.push(r.summary);
      if (r.kind === 'app.done') result.apps.push(r);
    }
  }
  return result;
}
