import { spawn, type ChildProcess } from 'node:child_process';
import { ip, ipBatch, namespacePids } from './ip-command.ts';

/**
 * How the lab makes and enters network namespaces. As root: `ip netns` directly. Without root:
 * inside an unprivileged user namespace (where the kernel allows one), holding a private
 * /run/netns, entered with nsenter. Both give the same namespaces to the same code.
 */
export interface NsRunner {
  readonly kind: 'root' | 'userns';
  addNamespace(ns: string): Promise<void>;
  /** `ip -batch` lines inside a namespace. */
  batch(ns: string, lines: string[]): Promise<void>;
  /** A shell script inside a namespace (sysctls). */
  shell(ns: string, script: string): Promise<void>;
  /** Command prefix that runs a program inside a namespace. */
  wrapper(ns: string): string[];
  deleteNamespaces(names: string[]): Promise<void>;
  close(): Promise<void>;
}

function run(cmd: string, args: string[], stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.slice(0, 6).join(' ')}… failed: ${stderr.trim() || `exit ${String(code)}`}`))));
    // A program that exits without reading its stdin (sh -c …) closes the pipe: EPIPE is expected, its exit code tells.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
  });
}

export class RootRunner implements NsRunner {
  readonly kind = 'root';
  addNamespace(ns: string): Promise<void> {
    return ip(['netns', 'add', ns]).then(() => undefined);
  }
  batch(ns: string, lines: string[]): Promise<void> {
    return ipBatch(ns, lines);
  }
  shell(ns: string, script: string): Promise<void> {
    return run('ip', ['netns', 'exec', ns, 'sh', '-c', script]);
  }
  wrapper(ns: string): string[] {
    return ['ip', 'netns', 'exec', ns];
  }
  /** Processes inside a namespace outlive `ip netns del`: kill them first, then delete. */
  async deleteNamespaces(names: string[]): Promise<void> {
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
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Without root: one `unshare --user --map-root-user --mount` process holds a user namespace in
 * which we are root, and a mount namespace with a private tmpfs on /run (so /run/netns is ours).
 * Everything else enters it with nsenter. When it exits, its namespaces go with it.
 */
export class UserNsRunner implements NsRunner {
  readonly kind = 'userns';
  private constructor(private readonly holder: ChildProcess) {}

  static async start(): Promise<UserNsRunner> {
    const holder = spawn(
      'unshare',
      ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs tmpfs /run && mkdir -p /run/netns && echo ready && exec cat'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    holder.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.once('data', () => resolve());
      holder.once('exit', (code) => reject(new Error(`unprivileged user namespace not available: ${stderr.trim() || `exit ${String(code)}`}`)));
      holder.once('error', reject);
    });
    return new UserNsRunner(holder);
  }

  private get enter(): string[] {
    return ['-t', String(this.holder.pid), '-U', '-m', '--preserve-credentials'];
  }

  addNamespace(ns: string): Promise<void> {
    return run('nsenter', [...this.enter, 'sh', '-c', `touch /run/netns/${ns} && unshare --net=/run/netns/${ns} true`]);
  }
  batch(ns: string, lines: string[]): Promise<void> {
    return run('nsenter', [...this.enter, 'ip', '-n', ns, '-batch', '-'], `${lines.join('\n')}\n`);
  }
  /** nsenter opens namespace files before entering the mount namespace: reach them through the holder's root. */
  private netFile(ns: string): string {
    return `--net=/proc/${String(this.holder.pid)}/root/run/netns/${ns}`;
  }
  shell(ns: string, script: string): Promise<void> {
    return run('nsenter', [...this.enter, this.netFile(ns), 'sh', '-c', script]);
  }
  wrapper(ns: string): string[] {
    return ['nsenter', ...this.enter, this.netFile(ns)];
  }
  deleteNamespaces(): Promise<void> {
    // The namespaces live only in the holder's mount namespace: closing it removes them.
    return Promise.resolve();
  }
  close(): Promise<void> {
    if (this.holder.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.holder.once('exit', () => resolve());
      this.holder.stdin!.on('error', () => {}); // already gone: its exit resolves us
      this.holder.stdin!.end(); // `cat` ends, the shell exits, the namespaces go
    });
  }
}
