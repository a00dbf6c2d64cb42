import { NOTES_TOPOLOGY, type BindChoice, type MatrixResult, type NetLabState, type Reply, type Topology, type WireError } from '@socket-playground/protocol';
import { NetLab, netnsSupport, runMatrix } from '@socket-playground/lab';
import { predictMatrix } from '@socket-playground/netmodel';
import type { Session } from './session.ts';

type Result = { ok: true; reply: Extract<Reply, { ok: true }>['result'] } | { ok: false; error: WireError };

/**
 * The who-can-connect lab of a session: builds the namespaces, adds their host agents to the
 * session, runs the matrix, and takes it all down again (also when the bridge stops).
 */
export class NetLabController {
  private lab: NetLab | undefined;
  private state: NetLabState | null = null;
  /** One start/stop/matrix at a time: they share the namespaces. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: Session,
    private readonly log: (line: string) => void,
    /** Whether namespaces can be built here (injected by tests to exercise single-host mode). */
    private readonly support: typeof netnsSupport = netnsSupport,
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

  start(topology: Topology = NOTES_TOPOLOGY): Promise<Result> {
    return this.serial(async () => {
      if (this.lab) await this.stopLab();
      const support = this.support();
      if (!support.ok) {
        this.setState({ status: 'up', mode: 'single-host', why: support.why, topology });
        return { ok: true, reply: { kind: 'netlab', netlab: this.state } };
      }
      const why =
        support.via === 'root'
          ? 'each lab host is a Linux network namespace'
          : 'each lab host is a Linux network namespace, made inside an unprivileged user namespace (no root needed)';
      this.setState({ status: 'starting', mode: 'namespaces', why, topology });
      try {
        this.lab = await NetLab.start(topology, { log: this.log, via: support.via });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.setState({ status: 'failed', mode: 'namespaces', why: 'the namespaces could not be built', topology, error: message });
        return { ok: false, error: { code: 'LAB_FAILED', message } };
      }
      for (const agent of this.lab.agents) this.session.addAgent(agent);
      this.setState({ status: 'up', mode: 'namespaces', why, topology });
      return { ok: true, reply: { kind: 'netlab', netlab: this.state } };
    });
  }

  stop(): Promise<Result> {
    return this.serial(async () => {
      await this.stopLab();
      return { ok: true, reply: { kind: 'netlab', netlab: null } };
    });
  }

  private async stopLab(): Promise<void> {
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

  matrix(serverHost: string, bind: BindChoice): Promise<Result> {
    return this.serial(async (): Promise<Result> => {
      const lab = this.lab;
      if (!lab && this.state?.mode === 'single-host') {
        return { ok: true, reply: { kind: 'matrix', matrix: await this.singleHostMatrix(this.state.topology, serverHost, bind) } };
      }
      if (!lab) return { ok: false, error: { code: 'LAB_NOT_STARTED', message: 'start the lab first' } };
      if (!lab.topology.hosts.some((h) => h.name === serverHost)) {
        return { ok: false, error: { code: 'UNKNOWN_LAB_HOST', message: 'no such lab host', context: { labHost: serverHost } } };
      }
      let n = 0;
      const matrix = await runMatrix(
        (labHost, command) => this.session.run({ ...command, reqId: `matrix-${n++}`, labHost } as Parameters<Session['run']>[0]),
        lab.topology,
        serverHost,
        bind,
      );
      return { ok: true, reply: { kind: 'matrix', matrix } };
    });
  }

  /**
   * Single-host mode: where the server binds only loopback, the server host's loopback cells
   * (127.0.0.1, 0.0.0.0, localhost, ::1) run for real on this machine; every other cell — and every
   * cell of a bind that would expose this machine to its network — comes from the model, labelled so.
   */
  private async singleHostMatrix(topology: Topology, serverHost: string, bind: BindChoice): Promise<MatrixResult> {
    const matrix = modelledMatrix(topology, serverHost, bind);
    const loopbackOnly = bind.hosts.every((h) => ['127.0.0.1', '::1', 'localhost'].includes(h.trim().toLowerCase()));
    if (!loopbackOnly || !this.session.labHosts.includes('local')) return matrix;
    let n = 0;
    const real = await runMatrix(
      (_labHost, command) => this.session.run({ ...command, reqId: `single-${n++}`, labHost: 'local' } as Parameters<Session['run']>[0]),
      { ...topology, hosts: topology.hosts.filter((h) => h.name === serverHost).map((h) => ({ ...h, cards: [] })) },
      serverHost,
      bind,
    );
    const measured = new Map(real.cells.map((c) => [c.target, c]));
    return {
      ...matrix,
      listeners: real.listeners,
      cells: matrix.cells.map((c) => {
        const m = c.client === serverHost ? measured.get(c.target) : undefined;
        return m ? { ...m, client: serverHost, rule: c.rule } : c;
      }),
      durationMs: real.durationMs,
    };
  }

  /** Bridge shutdown. */
  close(): Promise<void> {
    return this.serial(() => this.stopLab());
  }
}

/**
 * Single-host mode: no second host can be made, so every cell comes from the address model and
 * says so ("modelled, not run"). Nothing is opened on the network.
 */
function modelledMatrix(topology: Topology, serverHost: string, bind: BindChoice): MatrixResult {
  const model = predictMatrix(topology, serverHost, bind, 'linux');
  return {
    serverHost,
    bind,
    listeners: model.listeners.map((l) => ({
      host: serverHost,
      requested: l.typed,
      ...(l.address ? { address: l.address } : {}),
      ...(l.status === 'listening' ? { port: bind.port } : { errorCode: l.status }),
    })),
    cells: model.rows.flatMap((row) =>
      row.cells.map((c) => ({
        client: row.client,
        target: c.target.target,
        outcome: c.prediction.outcome,
        latencyMs: 0,
        modelled: true,
        rule: c.prediction.rule,
        message: c.prediction.why,
      })),
    ),
    mode: 'single-host',
    durationMs: 0,
  };
}
