import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AgentMessage, parseMessage, type AgentCommand } from '@socket-playground/protocol';
import type { AgentLink } from './agent-link.ts';

export const AGENT_MAIN = fileURLToPath(new URL('./agent-main.ts', import.meta.url));
/** tsx runs the agent's TypeScript; resolved here so the child works from any working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

export interface ChildAgentOptions {
  labHost: string;
  extraDestinations?: readonly string[];
  /** The agent runs in its own network namespace (no exposure confirmation needed there). */
  isolated?: boolean;
  /** Prefix for the command, e.g. ["ip", "netns", "exec", "pc1"]; empty runs node directly. */
  wrapper?: readonly string[];
  /** Extra spawn options (uid/gid to run as another user, env…). */
  spawnOptions?: Pick<SpawnOptions, 'uid' | 'gid' | 'env'>;
  /** How long close() waits for a clean exit before SIGKILL. */
  closeTimeoutMs?: number;
}

/**
 * A host agent in a child process, speaking JSON lines over stdio. Every line it prints is
 * validated against the protocol schema before the bridge believes it.
 */
export class ChildAgentLink implements AgentLink {
  readonly labHost: string;
  private readonly child: ChildProcess;
  private listener: (message: AgentMessage) => void = () => {};
  private readonly exitListeners: Array<(detail: string) => void> = [];
  private closing = false;
  /** How the process ended, once it has (null while it runs); `lastError`: its last line on stderr. */
  exitStatus: { code: number | null; signal: NodeJS.Signals | null; detail: string; lastError?: string } | null = null;
  private lastStderr: string | undefined;
  private readonly exited: Promise<void>;
  /** Resolves when the agent said `ready` (its process is up and listening on stdin). */
  readonly ready: Promise<void>;
  private markReady: () => void = () => {};

  constructor(private readonly options: ChildAgentOptions) {
    this.labHost = options.labHost;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const args = ['--import', TSX_LOADER, AGENT_MAIN, '--lab-host', options.labHost];
    for (const cidr of options.extraDestinations ?? []) args.push('--allow', cidr);
    if (options.isolated) args.push('--isolated');
    const [cmd, ...pre] = [...(options.wrapper ?? []), process.execPath];
    if (!cmd) throw new Error('no command');
    this.child = spawn(cmd, [...pre, ...args], { stdio: ['pipe', 'pipe', 'pipe'], ...options.spawnOptions });
    // Diagnostics go on to the bridge's stderr as before; the last line is kept, so that a crash
    // can be reported with what the agent said last (an uncaught exception's message).
    this.child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      const lines = chunk.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('at ') && !l.startsWith('Node.js v'));
      const last = lines[lines.length - 1];
      if (last) this.lastStderr = last.slice(0, 160);
    });
    const lines = createInterface({ input: this.child.stdout! });
    lines.on('line', (line) => {
      const parsed = parseMessage(AgentMessage, line);
      if (parsed.ok) {
        if (parsed.value.type === 'ready') this.markReady();
        this.listener(parsed.value);
      }
      else process.stderr.write(`[agent ${this.labHost}] ignored a malformed line: ${parsed.error.message}\n`);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        const detail = `exited with ${signal ?? `code ${String(code)}`}`;
        this.exitStatus = { code, signal, detail, ...(this.lastStderr !== undefined ? { lastError: this.lastStderr } : {}) };
        if (!this.closing) for (const listener of this.exitListeners) listener(detail);
        resolve();
      });
    });
    this.child.stdin!.on('error', () => {}); // EPIPE after the child died: reported through 'exit'.
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process has ended (crashed, killed, or closed). */
  get down(): boolean {
    return this.exitStatus !== null;
  }

  send(command: AgentCommand): void {
    if (this.exitStatus) {
      // Nobody will answer: say so at once rather than leave the command waiting for a reply.
      if (command.type !== 'shutdown') {
        const detail = this.exitStatus.detail;
        queueMicrotask(() =>
          this.listener({
            type: 'reply',
            reqId: command.reqId,
            ok: false,
            error: { code: 'AGENT_FAILED', message: `host agent ${this.labHost} is down: it ${detail}`, context: { labHost: this.labHost } },
          }),
        );
      }
      return;
    }
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  onMessage(listener: (message: AgentMessage) => void): void {
    this.listener = listener;
  }

  /** Every listener is called once, if the agent dies without being asked to (the session's, the lab's). */
  onExit(listener: (detail: string) => void): void {
    this.exitListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.exitStatus) {
      this.send({ type: 'shutdown' });
      this.child.stdin!.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), this.options.closeTimeoutMs ?? 3000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
