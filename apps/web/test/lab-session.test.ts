import { NOTES_TOPOLOGY, type MatrixResult, type NetLabState, type Reply, type WireError } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import type { CommandInput, EventLog, Session } from '../src/bridge/connection-types.ts';
import { Store } from '../src/bridge/store.ts';
import { LabSession, type LabLink } from '../src/netlab/lab-session.ts';

const UP: NetLabState = { status: 'up', mode: 'namespaces', why: 'each lab host is a Linux network namespace', topology: NOTES_TOPOLOGY };

function matrixFor(command: Extract<CommandInput, { type: 'netlab.matrix' }>): MatrixResult {
  return { serverHost: 'pc1', bind: command.bind, listeners: [], cells: [{ client: 'pc1', target: '127.0.0.1', outcome: 'connected', latencyMs: 1 }], mode: 'namespaces', durationMs: 5 };
}

/** A bridge that answers netlab commands; matrix replies wait until released when `hold` is set. */
class FakeLink implements LabLink {
  readonly session = new Store<Session>({ bridgeId: 'b', privileged: true, labHosts: [], lab: { servers: [], connections: [], steppers: [] }, restarted: false });
  readonly events = new Store<EventLog>({ entries: [], discarded: 0, missed: 0, originTs: null });
  /** Failures the page reported (command() puts them in the Errors card). */
  readonly pushed: WireError[] = [];
  readonly sent: CommandInput[] = [];
  hold = false;
  matrixError: WireError | null = null;
  private waiting: Array<() => void> = [];

  async command(command: CommandInput): Promise<Reply> {
    const reply = await this.request(command);
    if (!reply.ok) this.pushed.push(reply.error);
    return reply;
  }

  async request(command: CommandInput): Promise<Reply> {
    this.sent.push(command);
    const reqId = 'r';
    if (command.type === 'netlab.start') {
      this.session.update((s) => ({ ...s, lab: { ...s.lab, netlab: UP } }));
      return { type: 'reply', reqId, ok: true, result: { kind: 'netlab', netlab: UP } };
    }
    if (command.type === 'netlab.stop') {
      this.session.update((s) => ({ ...s, lab: { ...s.lab, netlab: null } }));
      return { type: 'reply', reqId, ok: true, result: { kind: 'netlab', netlab: null } };
    }
    if (command.type === 'netlab.matrix') {
      if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.matrixError) return { type: 'reply', reqId, ok: false, error: this.matrixError };
      return { type: 'reply', reqId, ok: true, result: { kind: 'matrix', matrix: matrixFor(command) } };
    }
    return { type: 'reply', reqId, ok: false, error: { code: 'UNEXPECTED', message: command.type } };
  }

  release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  matrixBinds(): string[] {
    return this.sent.flatMap((c) => (c.type === 'netlab.matrix' ? [`${c.bind.hosts.join('+')} port ${c.bind.port}`] : []));
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LabSession', () => {
  it('starts the lab and runs the matrix for the picked bind at once', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    expect(lab.isUp()).toBe(false);
    await lab.start();
    expect(lab.isUp()).toBe(true);
    expect(link.matrixBinds()).toEqual(['127.0.0.1 port 65432']);
    expect(lab.state.get()).toMatchObject({ running: false, problem: null, result: { bind: { hosts: ['127.0.0.1'] } } });
  });

  it('runs after start even when the bridge’s state update comes after the reply', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    const start = link.request.bind(link);
    link.request = async (command) => {
      const reply = await start(command);
      if (command.type === 'netlab.start') link.session.update((s) => ({ ...s, lab: { ...s.lab, netlab: { ...UP, status: 'starting' } } }));
      return reply;
    };
    await lab.start();
    expect(link.matrixBinds()).toEqual(['127.0.0.1 port 65432']);
  });

  it('re-runs when the bind changes while the lab is up, once more if it changes during a run', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    lab.setBind('0.0.0.0');
    expect(link.matrixBinds()).toEqual([]); // not up: nothing to run
    await lab.start();
    link.hold = true;
    lab.setBind('::');
    lab.setBind('both-cards');
    lab.setBind('::1');
    expect(lab.state.get().running).toBe(true);
    link.hold = false;
    link.release();
    await tick();
    await tick();
    expect(link.matrixBinds()).toEqual(['0.0.0.0 port 65432', ':: port 65432', '::1 port 65432']);
    expect(lab.state.get().result?.bind.hosts).toEqual(['::1']);
  });

  it('re-runs after a port edit, and refuses a bad port', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    await lab.start();
    lab.setPortText('0');
    lab.commitPort();
    await tick();
    expect(link.matrixBinds().at(-1)).toBe('127.0.0.1 port 0');
    lab.setPortText('70000');
    await lab.run();
    expect(lab.state.get().problem).toContain('0 to 65535');
  });

  it('waits for the learner’s guesses before running, then scores', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    await lab.start();
    lab.setPredicting(true);
    lab.guess('pc1→127.0.0.1', 'connects');
    lab.setBind('0.0.0.0');
    expect(link.matrixBinds()).toEqual(['127.0.0.1 port 65432']);
    expect(lab.state.get().guesses).toEqual({});
    lab.cycle('pc1→127.0.0.1');
    expect(lab.state.get().guesses).toEqual({ 'pc1→127.0.0.1': 'connects' });
    await lab.run();
    expect(lab.state.get()).toMatchObject({ scored: true, result: { bind: { hosts: ['0.0.0.0'] } } });
    lab.clearGuesses();
    expect(lab.state.get()).toMatchObject({ scored: false, guesses: {} });
  });

  it('does not score guesses with a run that began before Predict first was ticked', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    await lab.start();
    link.hold = true;
    const running = lab.run();
    lab.setPredicting(true);
    link.hold = false;
    link.release();
    await running;
    expect(lab.state.get()).toMatchObject({ predicting: true, scored: false });
    await lab.run();
    expect(lab.state.get().scored).toBe(true);
  });

  it('drops a re-run queued by a bind change once Predict first is ticked: the learner runs when ready', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    link.hold = true;
    const starting = lab.start(); // its run is held
    await tick();
    lab.setBind('0.0.0.0'); // queues a re-run behind the held one
    lab.setPredicting(true);
    link.hold = false;
    link.release();
    await starting;
    await tick();
    expect(link.matrixBinds()).toEqual(['127.0.0.1 port 65432']);
    expect(lab.state.get()).toMatchObject({ predicting: true, scored: false, running: false });
    await lab.run();
    expect(link.matrixBinds().at(-1)).toBe('0.0.0.0 port 65432');
    expect(lab.state.get().scored).toBe(true);
  });

  it('does not run by itself after start when Predict first was ticked while the lab was starting', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    const answer = link.request.bind(link);
    let letStartReply = () => {};
    link.request = async (command) => {
      const reply = await answer(command); // the session says "up" here, before the reply arrives
      if (command.type === 'netlab.start') await new Promise<void>((resolve) => (letStartReply = resolve));
      return reply;
    };
    const starting = lab.start();
    await tick();
    expect(lab.isUp()).toBe(true);
    lab.setPredicting(true);
    letStartReply();
    await starting;
    expect(link.matrixBinds()).toEqual([]);
    expect(lab.state.get()).toMatchObject({ predicting: true, scored: false, result: null });
    await lab.run();
    expect(lab.state.get().scored).toBe(true);
  });

  it('shows a single-host result as it comes, modelled cells and all', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    await lab.start();
    await lab.run();
    expect(lab.state.get().result?.mode).toBe('namespaces');
    expect(link.pushed).toEqual([]);
  });

  it('reports a failure, also in the Errors card', async () => {
    const link = new FakeLink();
    const lab = new LabSession(link);
    await lab.start();
    link.matrixError = { code: 'LAB_NOT_STARTED', message: 'start the lab first' };
    await lab.run();
    expect(lab.state.get().problem).toBe('start the lab first');
    expect(link.pushed.map((e) => e.code)).toEqual(['LAB_NOT_STARTED']);
    await lab.stop();
    expect(lab.netlab()).toBeNull();
  });
});
