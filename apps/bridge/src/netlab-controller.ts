import { NOTES_TOPOLOGY, type BindChoice, type HostDown, type NetLabState, type NetLabWhyCode, type Reply, type Topology, type WireError } from '@socket-playground/protocol';
import { machineTopology, NetLab, netnsSupport, ownCardAddresses, runMatrix, type MachineInterfaces, type RunOnHost } from '@socket-playground/lab';
import type { Session } from './session.ts';
import { SingleHostLab } from './single-host-lab.ts';

type Result = { ok: true; reply: Extract<Reply, { ok: true }>['result'] } | { ok: false; error: WireError };

export interface NetLabControllerOptions {
  /** Whether namespaces can be built here (tests inject "no" to exercise single-host mode). */
  support?: typeof netnsSupport;
  /** This machine's cards for single-host mode (tests inject loopback aliases: never real cards). */
  interfaces?: () => MachineInterfaces;
}

/**
 * The who-can-connect lab of a session: builds the namespaces, adds their host agents to the
 * session, runs the matrix, and takes it all down again (also when the bridge stops).
 */
export class NetLabController {
  private lab: NetLab | undefined;
  private single: SingleHostLab | undefined;
  private state: NetLabState | null = null;
  /** One start/stop/matrix at a time: they share the namespaces. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: Session,
    private readonly log: (line: string) => void,
    private readonly options: NetLabControllerOptions = {},
  ) {}

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => {});
    return next;
  }

  private setState(state: NetLabState | null): void {
    this.state = state;
    this.session.setNetLab(state);
  }

  /** Without a topology: the notes' one in namespaces, this machine's own in single-host mode. */
  start(requested?: Topology): Promise<Result> {
    return this.serial(async () => {
      await this.stopLab();
      const support = (this.options.support ?? netnsSupport)();
      if (!support.ok) return this.startSingleHost(support.why, support.code, requested);
      const topology = requested ?? NOTES_TOPOLOGY;
      const why =
        support.via === 'root'
          ? 'each lab host is a Linux network namespace'
          : 'each lab host is a Linux network namespace, made inside an unprivileged user namespace (no root needed)';
      const whyCode = support.via === 'root' ? 'netns-root' : 'netns-userns';
      this.setState({ status: 'starting', mode: 'namespaces', why, whyCode, topology });
      try {
        this.lab = await NetLab.start(topology, { log: this.log, via: support.via });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.setState({ status: 'failed', mode: 'namespaces', why: 'the namespaces could not be built', whyCode: 'netns-failed', topology, error: message });
        return { ok: false, error: { code: 'LAB_FAILED', message } };
      }
      const lab = this.lab;
      for (const agent of lab.agents) {
        this.session.addAgent(agent);
        // After the session's own listener (which answers what waited on the agent).
        agent.onExit((detail) => this.hostDown(lab, agent.labHost, detail, agent.exitStatus));
      }
      this.setState({ status: 'up', mode: 'namespaces', why, whyCode, topology });
      // An agent may have died between `ready` and now.
      for (const agent of lab.agents) if (agent.exitStatus) this.hostDown(lab, agent.labHost, agent.exitStatus.detail, agent.exitStatus);
      return { ok: true, reply: { kind: 'netlab', netlab: this.state } };
    });
  }

  /**
   * A lab host's agent died on its own (a crash, kill -9). The bridge keeps serving; the page is
   * told which host is down and why, and can restart the lab to bring it back.
   */
  private hostDown(lab: NetLab, host: string, detail: string, status: { code: number | null; signal: string | null; lastError?: string } | null): void {
    if (this.lab !== lab || !this.state || this.state.status !== 'up') return;
    if (this.state.down?.[host]) return;
    // A crash says why on stderr (an uncaught exception's message); a kill -9 says nothing.
    const reason = (status?.lastError && status.code !== 0 && !status.signal ? `${detail}: ${status.lastError}` : detail).slice(0, 200);
    this.log(`lab host ${host} is down: its agent ${reason}; the other hosts keep running (restart the lab to bring it back)`);
    const down: HostDown = {
      reason,
      at: Date.now(),
      ...(status?.signal ? { signal: status.signal } : {}),
      ...(status?.code !== null && status?.code !== undefined ? { exitCode: status.code } : {}),
    };
    this.setState({ ...this.state, down: { ...this.state.down, [host]: down } });
  }

  /** Hosts whose agents are down right now (empty when every host runs). */
  get downHosts(): string[] {
    return Object.keys(this.state?.down ?? {});
  }

  private startSingleHost(why: string, whyCode: NetLabWhyCode | undefined, requested: Topology | undefined): Result {
    const interfaces = (this.options.interfaces ?? (() => undefined))();
    const topology = requested ?? machineTopology(interfaces);
    const ownAddresses = ownCardAddresses(interfaces);
    this.single = new SingleHostLab(topology, ownAddresses);
    for (const agent of this.single.agents) this.session.addAgent(agent);
    this.setState({ status: 'up', mode: 'single-host', why, ...(whyCode ? { whyCode } : {}), topology, ownAddresses });
    return { ok: true, reply: { kind: 'netlab', netlab: this.state } };
  }

  stop(): Promise<Result> {
    return this.serial(async () => {
      await this.stopLab();
      return { ok: true, reply: { kind: 'netlab', netlab: null } };
    });
  }

  private async stopLab(): Promise<void> {
    const single = this.single;
    this.single = undefined;
    if (single) {
      await single.stop();
      this.session.removeAgents(single.agents.map((a) => a.labHost));
    }
    const lab = this.lab;
    this.lab = undefined;
    if (!lab) {
      this.setState(null);
      return;
    }
    if (this.state) this.setState({ ...this.state, status: 'stopping' });
    await lab.stop();
    this.session.removeAgents(lab.agents.map((a) => a.labHost));
    this.setState(null);
  }

  /** `useRealCards`: single-host mode only, the learner's agreement to use this machine's cards. */
  matrix(serverHost: string, bind: BindChoice, useRealCards = false): Promise<Result> {
    return this.serial(async (): Promise<Result> => {
      if (this.single) {
        const matrix = await this.single.matrix(this.runner('single'), serverHost, bind, useRealCards);
        return { ok: true, reply: { kind: 'matrix', matrix } };
      }
      const lab = this.lab;
      if (!lab) return { ok: false, error: { code: 'LAB_NOT_STARTED', message: 'start the lab first' } };
      if (!lab.topology.hosts.some((h) => h.name === serverHost)) {
        return { ok: false, error: { code: 'UNKNOWN_LAB_HOST', message: 'no such lab host', context: { labHost: serverHost } } };
      }
      const down = this.downHosts;
      if (down.length > 0) {
        const host = down[0]!;
        const reason = this.state?.down?.[host]?.reason ?? 'exited';
        return { ok: false, error: { code: 'AGENT_FAILED', message: `lab host ${host} is down (its agent ${reason}): restart the lab`, context: { labHost: host } } };
      }
      const matrix = await runMatrix(this.runner('matrix'), lab.topology, serverHost, bind);
      return { ok: true, reply: { kind: 'matrix', matrix } };
    });
  }

  private runner(prefix: string): RunOnHost {
    let n = 0;
    return (labHost, command) => this.session.run({ ...command, reqId: `${prefix}-${n++}`, labHost } as Parameters<Session['run']>[0]);
  }

  /** Bridge shutdown. */
  close(): Promise<void> {
    return this.serial(() => this.stopLab());
  }
}

