import type { EchoServer } from '../echo-server.ts';
import type { TrackedSocket } from '../tracked-socket.ts';

/**
 * Everything a demonstration opened, so it can all be closed when the demonstration ends, fails
 * or runs out of time: no socket outlives its demonstration.
 */
export class DemoScope {
  private readonly servers = new Set<EchoServer>();
  private readonly sockets = new Set<TrackedSocket>();
  private readonly extra: Array<() => Promise<void> | void> = [];

  server(server: EchoServer): EchoServer {
    this.servers.add(server);
    return server;
  }

  client(socket: TrackedSocket): TrackedSocket {
    this.sockets.add(socket);
    return socket;
  }

  /** Anything else to undo (a stepped program, a timer). */
  onClose(undo: () => Promise<void> | void): void {
    this.extra.push(undo);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) if (!s.socket.destroyed) s.destroy();
    await Promise.all([...[...this.servers].map((s) => s.stop()), ...this.extra.map((undo) => undo())]);
    this.servers.clear();
    this.sockets.clear();
    this.extra.length = 0;
  }
}
