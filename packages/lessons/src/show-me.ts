import type { DemoSummary, MatrixResult, PageCommandInput, Reply } from '@socket-playground/protocol';
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
}

export interface ShowMeResult {
  ok: boolean;
  /** Why it stopped, when a command was refused. */
  problem?: string;
  matrices: MatrixResult[];
  demos: DemoSummary[];
}

/** How often a step is retried while the program is still busy with its last call. */
const STEP_RETRIES = 200;

/** Replace "$port" and "$stepper" placeholders with what earlier commands of this show-me produced. */
function fill(command: CommandInput, vars: { port?: number; stepper?: string }): CommandInput {
  const filled: Record<string, unknown> = { ...command };
  if (filled.port === '$port' && vars.port !== undefined) filled.port = vars.port;
  if (filled.stepperId === '$stepper' && vars.stepper !== undefined) filled.stepperId = vars.stepper;
  return filled as CommandInput;
}

/**
 * Perform a step's solution for real, action by action. A refused command stops it, with the
 * bridge's reason; runs' results are collected so the step's goals can be checked.
 */
export async function runShowMe(actions: readonly Action[], host: ShowMeHost, options: { serverPort?: number } = {}): Promise<ShowMeResult> {
  const vars: { port?: number; stepper?: string } = {};
  const result: ShowMeResult = { ok: true, matrices: [], demos: [] };
  for (const action of actions) {
    if (action.do === 'open') host.open(action.view);
    else if (action.do === 'answer') host.answer(action.choices);
    else if (action.do === 'read') host.read();
    else if (action.do === 'step') {
      const stepperId = action.stepperId ?? vars.stepper;
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
      let command = fill(action.command, vars);
      // Tests run lessons side by side: they may move the lesson's server to a free port.
      if (options.serverPort !== undefined && (command.type === 'server.start' || (command.type === 'stepper.start' && command.program === 'blocking-echo-server'))) {
        command = { ...command, port: options.serverPort };
      }
      const reply = await host.command(command);
      if (!reply.ok) return { ...result, ok: false, problem: `${reply.error.code}: ${reply.error.message}` };
      const r = reply.result;
      if (r.kind === 'server.started') vars.port = r.listening.port;
      if (r.kind === 'stepper') vars.stepper = r.stepperId;
      if (r.kind === 'matrix') result.matrices.push(r.matrix);
      if (r.kind === 'demo') result.demos.push(r.summary);
    }
  }
  return result;
}
