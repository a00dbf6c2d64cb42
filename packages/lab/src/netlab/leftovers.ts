import { readdirSync, readFileSync } from 'node:fs';
import { ip, listNamespaces, namespacePids } from './ip-command.ts';
import { NETNS_PREFIX } from './netns-plan.ts';

/** Namespace names of labs that are up in this process right now (never leftovers). */
export const liveNamespaces = new Set<string>();

/** `sockpg-<pid>-<host>`: the project's own names, and only those. */
const OWN_NAME = new RegExp(`^${NETNS_PREFIX}-(\\d+)-[a-z][a-z0-9]{0,7}$`);

export interface LeftoverReport {
  namespaces: string[];
  /** Processes that were still running inside them (orphaned host agents, anything else). */
  killed: number[];
  /** veth pairs found inside them; each goes with its namespace. */
  veths: number;
  /** Host agents outside any named namespace whose bridge is gone (their namespace was deleted under them). */
  orphans: number[];
}

/** Whether a process runs (a zombie, dead and waiting for its parent to reap it, does not). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Whether a namespace of ours was left behind by a run that no longer runs. */
export function isLeftover(ns: string, ownPid = process.pid): boolean {
  const m = OWN_NAME.exec(ns);
  if (!m) return false;
  if (liveNamespaces.has(ns)) return false;
  const pid = Number(m[1]);
  // This process's own name that no live lab holds: an earlier lab of ours that failed half-way.
  if (pid === ownPid) return true;
  return !processAlive(pid);
}

async function countVeths(ns: string): Promise<number> {
  try {
    const out = await ip(['-n', ns, '-o', 'link', 'show', 'type', 'veth']);
    return out.split('\n').filter((l) => l.trim().length > 0).length;
  } catch {
    return 0;
  }
}

/** Host agents (our agent-main with --isolated) whose parent is gone: reparented to init. */
function orphanedAgents(agentMain: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.includes(agentMain) || !args.includes('--isolated')) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name in parentheses: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === 1) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

async function waitGone(pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(processAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Remove what a killed run (kill -9, a crash, a power cut of the terminal) left behind: our
 * namespaces whose owner process is gone, every process still inside them (`ip netns del` alone
 * leaves those running), and with the namespaces their veth pairs. Touches nothing whose name
 * lacks the project's prefix, and nothing a running bridge owns. Root only; returns what it did.
 */
export async function removeLeftovers(options: { log?: (line: string) => void; agentMain?: string } = {}): Promise<LeftoverReport> {
  const report: LeftoverReport = { namespaces: [], killed: [], veths: 0, orphans: [] };
  let names: string[];
  try {
    names = await listNamespaces();
  } catch {
    return report;
  }
  report.namespaces = names.filter((ns) => isLeftover(ns));
  let vethEnds = 0;
  for (const ns of report.namespaces) {
    vethEnds += await countVeths(ns);
    const pids = await namespacePids(ns);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        report.killed.push(pid);
      } catch {
        // Already gone.
      }
    }
  }
  // Both ends of a lab's pair live in its namespaces (switch end, host end).
  report.veths = Math.ceil(vethEnds / 2);
  if (options.agentMain) {
    for (const pid of orphanedAgents(options.agentMain)) {
      try {
        process.kill(pid, 'SIGKILL');
        report.orphans.push(pid);
      } catch {
        // Already gone.
      }
    }
  }
  await waitGone([...report.killed, ...report.orphans], 2000);
  await Promise.all(report.namespaces.map((ns) => ip(['netns', 'del', ns]).catch(() => {})));
  if (report.namespaces.length > 0 || report.orphans.length > 0) {
    options.log?.(
      `removed leftovers of an earlier run: ${report.namespaces.length} namespace(s) (${report.namespaces.join(', ') || 'none'}), ` +
        `${report.killed.length} process(es) still inside them, ${report.veths} veth pair(s), ${report.orphans.length} orphaned host agent(s)`,
    );
  }
  return report;
}
