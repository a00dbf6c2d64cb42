import { spawnSync } from 'node:child_process';
import type { NetLabWhyCode, Topology } from '@socket-playground/protocol';
import ipaddr from 'ipaddr.js';
import { AGENT_MAIN, ChildAgentLink } from '../child-agent-link.ts';
import { liveNamespaces, removeLeftovers } from './leftovers.ts';
import { planNamespaces, type NamespacePlan } from './netns-plan.ts';
import { RootRunner, UserNsRunner, type NsRunner } from './ns-runner.ts';

export interface NetLabOptions {
  /** Distinguishes this run's namespaces from other runs' (default: this process id). */
  runId?: string;
  log?: (line: string) => void;
  /** Force a way of making namespaces (default: root when root, else an unprivileged user namespace). */
  via?: 'root' | 'userns';
}

/** Whether real network namespaces can be made here, how, and if not, why (for the page to say). */
export function netnsSupport(): { ok: true; via: 'root' | 'userns' } | { ok: false; why: string; code?: NetLabWhyCode } {
  if (process.platform !== 'linux') return { ok: false, code: 'not-linux', why: `network namespaces are a Linux feature; this is ${process.platform}` };
  if (process.getuid?.() === 0) return { ok: true, via: 'root' };
  // Without root, an unprivileged user namespace may still be allowed by this kernel.
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--mount', '--net', 'true'], { timeout: 5000 });
  if (probe.status === 0) return { ok: true, via: 'userns' };
  return { ok: false, code: 'no-netns', why: 'this kernel allows neither root nor an unprivileged user namespace to make network namespaces here' };
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
    private readonly runner: NsRunner,
    private readonly log: (line: string) => void,
  ) {}

  /** How the namespaces were made: as root, or inside an unprivileged user namespace. */
  get via(): 'root' | 'userns' {
    return this.runner.kind;
  }

  static async start(topology: Topology, options: NetLabOptions = {}): Promise<NetLab> {
    const log = options.log ?? (() => {});
    const via = options.via ?? (process.getuid?.() === 0 ? 'root' : 'userns');
    const runner: NsRunner = via === 'root' ? new RootRunner() : await UserNsRunner.start();
    if (via === 'root') await removeLeftovers({ log, agentMain: AGENT_MAIN });
    const plan = planNamespaces(topology, options.runId ?? String(process.pid));
    const all = [plan.switchNs, ...Object.values(plan.hostNs)];
    for (const ns of all) liveNamespaces.add(ns);
    try {
      await Promise.all(all.map((ns) => runner.addNamespace(ns)));
      const [switchBatch, ...hostBatches] = plan.batches;
      if (switchBatch) await runner.batch(switchBatch.ns, switchBatch.lines);
      await Promise.all(hostBatches.map((b) => runner.batch(b.ns, b.lines)));
      await Promise.all(Object.values(plan.hostNs).map((ns) => writeSysctls(runner, ns, plan.sysctls.filter((s) => s.ns === ns))));
    } catch (err) {
      await runner.deleteNamespaces(all);
      await runner.close();
      for (const ns of all) liveNamespaces.delete(ns);
      throw err;
    }
    // The lab's own addresses are the only destinations beyond loopback its agents may reach.
    const labNetworks = labPrefixes(topology);
    const agents = topology.hosts.map(
      (host) =>
        new ChildAgentLink({
          labHost: host.name,
          extraDestinations: labNetworks,
          isolated: true,
          wrapper: runner.wrapper(plan.hostNs[host.name]!),
        }),
    );
    const lab = new NetLab(topology, plan, agents, runner, log);
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
    const all = [...Object.values(this.plan.hostNs), this.plan.switchNs];
    await this.runner.deleteNamespaces(all);
    await this.runner.close();
    for (const ns of all) liveNamespaces.delete(ns);
    this.log(`lab ${this.topology.name} stopped`);
  }
}

/** Kernel settings inside one namespace, in one short-lived shell. */
function writeSysctls(runner: NsRunner, ns: string, settings: Array<{ key: string; value: string }>): Promise<void> {
  if (settings.length === 0) return Promise.resolve();
  return runner.shell(ns, settings.map((s) => `echo ${s.value} > /proc/sys/${s.key}`).join('; '));
}

/** Every prefix the topology's cards live on (IPv4 and IPv6), e.g. 192.168.0.0/24, fd00::/64. */
export function labPrefixes(topology: Topology): string[] {
  const prefixes = new Set<string>(Object.values(topology.networks));
  for (const card of topology.hosts.flatMap((h) => h.cards)) {
    for (const address of card.addresses) {
      const [ip, bits] = ipaddr.parseCIDR(address);
      const network = ip.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(address) : ipaddr.IPv6.networkAddressFromCIDR(address);
      prefixes.add(`${network.toString()}/${bits}`);
    }
  }
  return [...prefixes];
}
