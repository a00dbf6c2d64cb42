import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentMessage, LabCommandDraft, Reply } from '@socket-playground/protocol';
import { LabCommand } from '@socket-playground/protocol';
import { ChildAgentLink, type ChildAgentOptions } from '../src/child-agent-link.ts';

/** A host agent in its own process, as the multi-host lab will run one per network namespace. */
class ChildHarness {
  readonly messages: AgentMessage[] = [];
  readonly link: ChildAgentLink;
  private next = 1;
  constructor(options: ChildAgentOptions) {
    this.link = new ChildAgentLink(options);
    this.link.onMessage((m) => this.messages.push(m));
  }
  async run(command: LabCommandDraft): Promise<Reply> {
    const reqId = `c${this.next++}`;
    this.link.send(LabCommand.parse({ ...command, reqId }));
    const deadline = Date.now() + 5000;
    for (;;) {
      const reply = this.messages.find((m): m is Reply => m.type === 'reply' && m.reqId === reqId);
      if (reply) return reply;
      if (Date.now() > deadline) throw new Error(`no reply to ${reqId}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

let child: ChildHarness | undefined;
afterEach(async () => {
  await child?.link.close();
  child = undefined;
});

const isRoot = process.getuid?.() === 0;
const unprivilegedStart = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));

describe('host agent as a child process over stdio', () => {
  it('says ready, runs an echo for real and reports validated events', { timeout: 15000 }, async () => {
    child = new ChildHarness({ labHost: 'pc9' });
    const server = await child.run({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 });
    if (!server.ok || server.result.kind !== 'server.started') throw new Error(JSON.stringify(server));
    expect(server.result.serverId).toBe('pc9-srv1');
    const echo = await child.run({ type: 'client.run', host: '127.0.0.1', port: server.result.listening.port, message: 'over stdio' });
    expect(echo.ok && echo.result.kind === 'client.done' && echo.result.echoed).toBe(true);
    expect(child.messages[0]).toMatchObject({ type: 'ready', labHost: 'pc9' });
    const events = child.messages.flatMap((m) => (m.type === 'lab' ? [m.event] : []));
    expect(events.every((e) => e.labHost === 'pc9')).toBe(true);
    expect(events.map((e) => e.call)).toContain('accept');
  });

  it('exits and closes its sockets when asked to close', { timeout: 15000 }, async () => {
    child = new ChildHarness({ labHost: 'pc8' });
    const server = await child.run({ type: 'server.start', host: '127.0.0.1', port: 0, backlog: 5 });
    if (!server.ok || server.result.kind !== 'server.started') throw new Error('no server');
    const pid = child.link.pid!;
    await child.link.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  // EACCES needs an unprivileged process: as root, run the agent as "nobody".
  it.skipIf(unprivilegedStart <= 80)(
    'reports a privileged port as EACCES on bind for an ordinary user',
    { timeout: 15000 },
    async () => {
      child = new ChildHarness({ labHost: 'user', ...(isRoot ? { spawnOptions: { uid: 65534, gid: 65534 } } : {}) });
      const reply = await child.run({ type: 'server.start', host: '127.0.0.1', port: 80, backlog: 5 });
      expect(reply.ok ? undefined : reply.error).toMatchObject({ code: 'EACCES', syscall: 'bind' });
    },
  );
});
