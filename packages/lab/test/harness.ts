import type { AgentMessage, LabCommandDraft, LabEvent, Reply } from '@socket-playground/protocol';
import { LabCommand } from '@socket-playground/protocol';
import { HostAgent } from '../src/host-agent.ts';

/** An in-process host agent plus everything it said, for tests. */
export class AgentHarness {
  readonly messages: AgentMessage[] = [];
  readonly agent: HostAgent;
  private nextReq = 1;

  constructor(labHost = 'local', extraDestinations: string[] = []) {
    this.agent = new HostAgent({ labHost, extraDestinations, send: (m) => this.messages.push(m) });
  }

  get events(): LabEvent[] {
    return this.messages.flatMap((m) => (m.type === 'lab' ? [m.event] : []));
  }

  eventsOf(socketId: string): LabEvent[] {
    return this.events.filter((e) => e.socketId === socketId);
  }

  /** Send a command (validated and defaulted by the real schema) and wait for its reply. */
  async run(command: LabCommandDraft): Promise<Reply> {
    const reqId = `t${this.nextReq++}`;
    const parsed = LabCommand.parse({ ...command, reqId });
    await this.agent.handle(parsed);
    const reply = this.messages.find((m): m is Reply => m.type === 'reply' && m.reqId === reqId);
    if (!reply) throw new Error(`no reply to ${reqId}`);
    return reply;
  }

  async startServer(port = 0, host = '127.0.0.1') {
    const reply = await this.run({ type: 'server.start', host, port, backlog: 5 });
    if (!reply.ok || reply.result.kind !== 'server.started') throw new Error(`server did not start: ${JSON.stringify(reply)}`);
    return reply.result;
  }

  /** Wait until a predicate holds over the events, polling the event loop (bounded). */
  async waitFor(predicate: (events: LabEvent[]) => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for events');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): Promise<void> {
    return this.agent.shutdown();
  }
}

export function errorOf(reply: Reply): string | undefined {
  return reply.ok ? undefined : reply.error.code;
}
