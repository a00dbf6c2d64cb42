import { spawn } from 'node:child_process';
import type { Topology } from '@socket-playground/protocol';
import { ChildAgentLink } from '../child-agent-link.ts';
import { ip, ipBatch, listNamespaces, namespacePids } from './ip-command.ts';
import { NETNS_PREFIX, planNamespaces, type NamespacePlan } from './netns-plan.ts';

export interface NetLabOptions {
  /** Distinguishes this run's namespaces from other runs' (default: this process id). */
  runId?: string;
  log?: (line: string) => void;
}

/** Whether real network namespaces can be made here, and if not, why (for the page to say). */
export function netnsSupport(): { ok: true } | { ok: false; why: string } {
  if (process.platform !== 'linux') return { ok: false, why: `network namespaces are a Linux feature; this is ${process.platform}` };
  if (process.getuid?.() !== 0) return { ok: false, why: 'creating network namespaces needs root here (run the bridge as root, or use single-host mode)' };
  return { ok: true };
}

/**
 * The multi-host lab for real: one network namespace per host, LANs as bridges in a switch
 * namespace, and a host agent inside each host namespace speaking JSON lines over stdio.
 */
export class NetLab {
  private stopped = false;

  private constructor(
    readonly topology: Topology,
    readonly plan: NamespacePlan,
    readonly agents: ChildAgentLink[],
    private readonly log: (line: string) => void,
  ) {}

  static async start(topology: Topology, options: NetLabOptions = {}): Promise<NetLab> {
    const log = options.log ?? (() => {});
    await removeLeftovers(log);
    const plan = planNamespaces(topology, options.runId ?? String(process.pid));
    const all = [plan.switchNs, ...Object.values(plan.hostNs)];
    try {
      await Promise.all(all.map((ns) => ip(['netns', 'add', ns])));
      const [switchBatch, ...hostBatches] = plan.batches;
      if (switchBatch) await ipBatch(switchBatch.ns, switchBatch.lines);
      await Promise.all(hostBatches.map((b) => ipBatch(b.ns, b.lines)));
      await Promise.all(Object.values(plan.hostNs).map((ns) => writeSysctls(ns, plan.sysctls.filter((s) => s.ns === ns))));
    } catch (err) {
      await deleteNamespaces(all);
      throw err;
    }
    const labNetworks = Object.values(topology.networks);
    const agents = topology.hosts.map(
      (host) =>
        new ChildAgentLink({
          labHost: host.name,
          extraDestinations: labNetworks,
          isolated: true,
          wrapper: ['ip', 'netns', 'exec', plan.hostNs[host.name]!],
        }),
    );
    const lab = new NetLab(topology, plan, agents, log);
    try {
      await Promise.race([
        Promise.all(agents.map((a) => a.ready)),
        new Promise((_, reject) => setTimeout(() => reject(new Error('lab agents did not start within 10 s')), 10_000)),
      ]);
    } catch (err) {
      await lab.stop();
      throw err;
    }
    return lab;
  }

  /** Stop every agent, kill anything left inside, delete the namespaces. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.agents.map((a) => a.close()));
    await deleteNamespaces([...Object.values(this.plan.hostNs), this.plan.switchNs]);
    this.log(`lab ${this.topology.name} stopped`);
  }
}

/** Processes inside a namespace outlive `ip netns del`: kill them first, then delete. */
async function deleteNamespaces(names: string[]): Promise<void> {
  await Promise.all(
    names.map(async (ns) => {
      for (const pid of await namespacePids(ns)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await ip(['netns', 'del', ns]).catch(() => {});
    }),
  );
}

/** Namespaces of earlier runs whose process is gone (a crash, a kill -9). */
async function removeLeftovers(log: (line: string) => void): Promise<void> {
  let names: string[];
  try {
    names = await listNamespaces();
  } catch {
    return;
  }
  const stale = names.filter((ns) => {
    const m = new RegExp(`^${NETNS_PREFIX}-(\\d+)-`).exec(ns);
    if (!m) return false;
    const pid = Number(m[1]);
    if (pid === process.pid) return true;
    try {
      process.kill(pid, 0);
      return false; // its owner still runs
    } catch {
      return true;
    }
  });
  if (stale.length === 0) return;
  log(`removing ${stale.length} namespace(s) left by an earlier run: ${stale.join(', ')}`);
  await deleteNamespaces(stale);
}

/** Kernel settings inside one namespace, in one short-lived shell. */
function writeSysctls(ns: string, settings: Array<{ key: string; value: string }>): Promise<void> {
  if (settings.length === 0) return Promise.resolve();
  const script = settings.map((s) => `echo ${s.value} > /proc/sys/${s.key}`).join('; ');
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, 'sh', '-c', script], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sysctl in ${ns} failed (${String(code)})`))));
  });
}
