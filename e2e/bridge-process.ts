import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BridgeProcess {
  /** The URL the bridge printed, token included. */
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start the real bridge the way `npm start` does (the page must already be built). */
export async function startBridgeProcess(options: { port?: number; token?: string; uid?: number; args?: string[] } = {}): Promise<BridgeProcess> {
  const token = options.token ?? `e2e-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bridge/src/main.ts', '--port', String(options.port ?? 0), '--token', token, ...(options.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Run as another user (e.g. "nobody" when the tests run as root) to meet EACCES for real.
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  const { output: out, url: printed } = printedUrl(child, 15_000);
  const url = await printed;
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    token,
    child,
    output: out,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

/** A port nobody listens on right now (bind port 0, read it back, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Everything a bridge process writes (stdout and stderr), and the URL it prints once listening
 * (`http://127.0.0.1:<port>/#token=…`); rejects if it exits first or takes longer than `ms`.
 */
export function printedUrl(child: ChildProcessByStdio<null, Readable, Readable>, ms: number): { output: () => string; url: Promise<string> } {
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bridge did not print its URL:\n${out}`)), ms);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bridge exited with ${String(code)}:\n${out}`));
    });
  });
  return { output: () => out, url };
}
