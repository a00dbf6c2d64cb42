import type { BindChoice, MatrixResult, Topology } from '@socket-playground/protocol';
import { checkHost, InProcessAgentLink, runMatrix, scopeOf, type RunOnHost } from '@socket-playground/lab';
import { predictMatrix, type Os } from '@socket-playground/netmodel';

/**
 * The who-can-connect lab where no second host can be made (macOS, Windows, Linux without
 * namespaces). The server host is this computer, with an agent of its own that may also connect
 * to the machine's own card addresses; the other hosts exist only in the address model.
 *
 * What runs for real (the rest is modelled and says so):
 * - a bind on loopback only: the server host's loopback cells (127.0.0.1, 0.0.0.0, localhost, ::1);
 * - once the learner agrees to use the real cards: also binds on a card or a wildcard, and the
 *   server host's cells for its own card addresses. The probe listeners live for the run only.
 */
export class SingleHostLab {
  readonly agent: InProcessAgentLink | undefined;

  constructor(
    readonly topology: Topology,
    /** This machine's card addresses (no prefix length). */
    readonly ownAddresses: readonly string[],
  ) {
    const server = topology.hosts.find((h) => h.role !== 'client' && !h.modelledOnly);
    // Exact addresses only (/32, /128): the agent may reach this machine, not its neighbours.
    this.agent = server && new InProcessAgentLink(server.name, ownAddresses.map((a) => (a.includes(':') ? `${a}/128` : `${a}/32`)));
  }

  get agents(): InProcessAgentLink[] {
    return this.agent ? [this.agent] : [];
  }

  async matrix(run: RunOnHost, serverHost: string, bind: BindChoice, useRealCards: boolean): Promise<MatrixResult> {
    const model = modelledMatrix(this.topology, serverHost, bind);
    const host = this.topology.hosts.find((h) => h.name === serverHost);
    if (!host || host.modelledOnly || this.agent?.labHost !== serverHost) {
      return { ...model, note: `${serverHost} exists only in the model here: nothing was run.` };
    }
    const refusal = this.whyNotRun(bind, useRealCards);
    if (refusal) return { ...model, note: refusal };

    const own = new Set(this.ownAddresses);
    const cards = useRealCards
      ? host.cards.map((c) => ({ ...c, addresses: c.addresses.filter((a) => own.has(a.split('/')[0] ?? a)) })).filter((c) => c.addresses.length > 0)
      : [];
    const real = await runMatrix(run, { ...this.topology, hosts: [{ ...host, cards }] }, serverHost, bind, { exposeConfirmed: useRealCards });
    const measured = new Map(real.cells.map((c) => [c.target, c]));
    const cells = model.cells.map((c) => {
      const m = c.client === serverHost ? measured.get(c.target) : undefined;
      // Keep the model's rule on a measured cell: the page compares the two.
      return m ? { ...m, client: serverHost, rule: c.rule } : c;
    });
    const skipped = host.cards.length > 0 && !useRealCards ? 'The cells for this computer’s own cards are modelled: tick “use my real network cards” to run them.' : undefined;
    return { ...model, listeners: real.listeners, cells, durationMs: real.durationMs, ...(skipped ? { note: skipped } : {}) };
  }

  /** Why this bind cannot run on this machine as things stand, or undefined when it can. */
  private whyNotRun(bind: BindChoice, useRealCards: boolean): string | undefined {
    for (const typed of bind.hosts) {
      const kind = bindKind(typed, this.ownAddresses);
      if (kind === 'loopback') continue;
      if (kind === 'foreign') return `Not run: ${typed} is not an address of this computer, so bind() would fail with EADDRNOTAVAIL; the model shows what the lesson's host would do.`;
      if (!useRealCards) {
        const what = kind === 'wildcard' ? `every address of this computer (${typed === '' ? "''" : typed})` : typed;
        return `Not run: listening on ${what} would let other machines on your network connect for a moment. Tick “use my real network cards” to run it for real.`;
      }
    }
    return undefined;
  }

  stop(): Promise<void> {
    return this.agent?.close() ?? Promise.resolve();
  }
}

function bindKind(typed: string, own: readonly string[]): 'loopback' | 'wildcard' | 'own' | 'foreign' {
  if (typed.trim() === '') return 'wildcard';
  const check = checkHost(typed);
  if (!check.ok) return 'foreign';
  if (check.kind === 'localhost') return 'loopback';
  // A card first: stand-in cards (--cards) are loopback aliases but play real cards.
  if (own.includes(check.address)) return 'own';
  const scope = scopeOf(check.address);
  return scope === 'other' ? 'foreign' : scope;
}

/** The model's flavour for this machine: the real cells it is compared with ran here. */
function hostOs(): Os {
  return process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : 'linux';
}

/** Every cell from the address model, each labelled "modelled"; nothing is opened. */
export function modelledMatrix(topology: Topology, serverHost: string, bind: BindChoice): MatrixResult {
  const model = predictMatrix(topology, serverHost, bind, hostOs());
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
