import type { AppDone, DemoSummary, LabEvent, LabState, MatrixResult, SequencedLabEvent } from '@socket-playground/protocol';
import type { EventMatch, Goal } from './lesson-types.ts';

/** Everything a goal is checked against: only what happened after the step began counts. */
export interface GoalContext {
  events: readonly SequencedLabEvent[];
  /** Events with seq ≤ sinceSeq happened before the step: they do not count. */
  sinceSeq: number;
  state: LabState;
  /** Who-can-connect runs finished during the step. */
  matrices: readonly MatrixResult[];
  /** Demonstrations finished during the step. */
  demos: readonly DemoSummary[];
  /** Application-protocol requests finished during the step. */
  apps: readonly AppDone[];
  /** The step's question was answered correctly. */
  answered: boolean;
  /** The learner said they are done reading. */
  read: boolean;
}

export function eventMatches(event: LabEvent, m: EventMatch): boolean {
  if (m.call !== undefined && event.call !== m.call) return false;
  if (m.role !== undefined && event.role !== m.role) return false;
  if (m.labHost !== undefined && event.labHost !== m.labHost) return false;
  if (m.localAddress !== undefined && event.local?.address !== m.localAddress) return false;
  if (m.localPort !== undefined && event.local?.port !== m.localPort) return false;
  if (m.remoteAddress !== undefined && event.remote?.address !== m.remoteAddress) return false;
  const data = event.call === 'send' || event.call === 'recv' ? event : undefined;
  if (m.bytes !== undefined && data?.bytes !== m.bytes) return false;
  if (m.minBytes !== undefined && (data === undefined || data.bytes < m.minBytes)) return false;
  if (m.bufsize !== undefined && (event.call !== 'recv' || event.bufsize !== m.bufsize)) return false;
  if (m.eof !== undefined && (event.call !== 'recv' || event.eof !== m.eof)) return false;
  if (m.code !== undefined && (event.call !== 'error' || event.error.code !== m.code)) return false;
  if (m.targetHost !== undefined && (event.call !== 'connect' || event.target.host !== m.targetHost)) return false;
  return true;
}

function since(ctx: GoalContext): SequencedLabEvent[] {
  // Events are in seq order: start after the step's first seq.
  let i = ctx.events.length;
  while (i > 0 && ctx.events[i - 1]!.seq > ctx.sinceSeq) i--;
  return ctx.events.slice(i);
}

/** A client that connected (as asked) and received as many bytes as it sent: its echo came back. */
function echoed(events: readonly SequencedLabEvent[], labHost: string | undefined, targetHost: string | undefined): boolean {
  const connects = events.filter(
    ({ event: e }) => e.call === 'connect' && e.role === 'client' && (labHost === undefined || e.labHost === labHost) && (targetHost === undefined || (e.call === 'connect' && e.target.host === targetHost)),
  );
  return connects.some(({ event: c }) => {
    let sent = 0;
    let received = 0;
    for (const { event: e } of events) {
      if (e.labHost !== c.labHost || e.socketId !== c.socketId) continue;
      if (e.call === 'send') sent += e.bytes;
      if (e.call === 'recv') received += e.bytes;
    }
    return sent > 0 && received >= sent;
  });
}

function appMatches(run: AppDone, goal: Extract<Goal, { kind: 'app' }>): boolean {
  const response = run.response === null ? 'none' : run.response.result !== undefined ? 'json' : 'binary';
  if (goal.response !== undefined && response !== goal.response) return false;
  if (goal.problem !== undefined && run.problem?.code !== goal.problem) return false;
  return run.writes >= (goal.minWrites ?? 0);
}

/** Whether the goal is reached. Pure: the page calls it on every change, the solvable test after each show-me. */
export function goalMet(goal: Goal, ctx: GoalContext): boolean {
  switch (goal.kind) {
    case 'event':
      return since(ctx).filter((e) => eventMatches(e.event, goal.match)).length >= (goal.count ?? 1);
    case 'echo':
      return echoed(since(ctx), goal.labHost, goal.targetHost);
    case 'listening': {
      const servers = ctx.state.servers.filter((s) => goal.serverKind === undefined || s.kind === goal.serverKind);
      const steppers = goal.serverKind === undefined || goal.serverKind === 'echo' ? ctx.state.steppers : [];
      const addresses = [...servers.map((s) => s.listening.address), ...steppers.flatMap((s) => (s.listening ? [s.listening.address] : []))];
      return goal.address === undefined ? addresses.length > 0 : addresses.includes(goal.address);
    }
    case 'app':
      return ctx.apps.some((run) => appMatches(run, goal));
    case 'matrix':
      return ctx.matrices.some((m) => m.bind.hosts.length === goal.bind.length && m.bind.hosts.every((h, i) => h === goal.bind[i]));
    case 'demo':
      return ctx.demos.some((d) => d.demo === goal.demo);
    case 'answered':
      return ctx.answered;
    case 'read':
      return ctx.read;
    case 'all':
      return goal.goals.every((g) => goalMet(g, ctx));
  }
}
