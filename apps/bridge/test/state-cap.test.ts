/**
 * The lab state pages get lists at most PAGE_STATE_CONNECTIONS connections, with the total in
 * `connectionCount`; small states are exactly as the agents reported them. The session's caps
 * still count every connection. Real WebSocket pages parse what they get with the protocol schema.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AgentCommand, AgentMessage, ConnectionInfo, LabState, WireError } from '@socket-playground/protocol';
import type { AgentLink } from '@socket-playground/lab';
import { NetLabController } from '../src/netlab-controller.ts';
import { PageConnection } from '../src/page-connection.ts';
import { PAGE_STATE_CONNECTIONS, Session } from '../src/session.ts';
import { PageClient, trackResources } from './helpers.ts';

const defer = trackResources();

/** An agent whose state the test sets by hand; commands are answered with an error (none should reach it). */
class StateAgent implements AgentLink {
  readonly labHost = 'local';
  readonly commands: AgentCommand[] = [];
  private listener: (message: AgentMessage) => void = () => {};
  send(command: AgentCommand): void {
    this.commands.push(command);
    if (command.type !== 'shutdown') this.listener({ type: 'reply', reqId: command.reqId, ok: false, error: { code: 'INTERNAL', message: 'test agent' } });
  }
  onMessage(listener: (message: AgentMessage) => void): void {
    this.listener = listener;
  }
  onExit(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
  /** Like a HostAgent: `listed` of them in the list (all by default), the total in connectionCount. */
  state(connections: number, listed = connections): void {
    const list: ConnectionInfo[] = Array.from({ length: Math.min(listed, connections) }, (_, i) => ({
      socketId: `a${i}`,
      labHost: 'local',
      owner: 'srv1',
      role: 'accepted',
      local: { address: '127.0.0.1', port: 5000, family: 'IPv4' },
      remote: { address: '127.0.0.1', port: 40000 + (i % 20000), family: 'IPv4' },
      bytesSent: i,
      bytesReceived: i,
    }));
    const server = {
      serverId: 'srv1',
      labHost: 'local',
      kind: 'echo' as const,
      requested: { host: '127.0.0.1', port: 5000, backlog: 128 },
      listening: { address: '127.0.0.1', port: 5000, family: 'IPv4' as const },
      exposed: false,
      socketId: 's1',
      connections,
    };
    this.listener({ type: 'state', state: { servers: [server], connections: list, ...(listed < connections ? { connectionCount: connections } : {}), steppers: [] } });
  }
}

function sessionWith(agent: StateAgent, maxConnections = 2000): { session: Session; states: LabState[]; problems: WireError[] } {
  const session = new Session({ agents: [agent], exposedGraceMs: 60_000, limits: { maxConnections } });
  defer(() => session.close());
  const states: LabState[] = [];
  const problems: WireError[] = [];
  defer(session.subscribe({ onEvent: () => {}, onState: (s) => states.push(s), onProblem: (e) => problems.push(e) }));
  return { session, states, problems };
}

describe('the lab state pages get', () => {
  it(`lists every connection, without connectionCount, up to ${PAGE_STATE_CONNECTIONS}`, () => {
    const agent = new StateAgent();
    const { session, states } = sessionWith(agent);
    agent.state(PAGE_STATE_CONNECTIONS);
    const state = states.at(-1)!;
    expect(state.connections).toHaveLength(PAGE_STATE_CONNECTIONS);
    expect(state).not.toHaveProperty('connectionCount');
    expect(session.state).toEqual(state);
    expect(session.caps.counts().connections).toBe(PAGE_STATE_CONNECTIONS);
  });

  it('lists the first ones with the total when there are more, and the caps count them all', async () => {
    const agent = new StateAgent();
    const { session, states, problems } = sessionWith(agent, 5000);
    agent.state(10_000);
    const state = states.at(-1)!;
    expect(state.connections).toHaveLength(PAGE_STATE_CONNECTIONS);
    expect(state.connections.map((c) => c.socketId)).toEqual(Array.from({ length: PAGE_STATE_CONNECTIONS }, (_, i) => `a${i}`));
    expect(state.connectionCount).toBe(10_000);
    expect(state.servers[0]!.connections).toBe(10_000);
    expect(session.fullState.connections).toHaveLength(10_000);
    expect(session.caps.counts().connections).toBe(10_000);
    // The cap still holds: the pages were told, and a new client is refused without reaching the agent.
    expect(problems.map((p) => p.code)).toEqual(['TOO_MANY_CONNECTIONS']);
    const reply = await session.runFromPage({ type: 'client.run', reqId: 'c1', labHost: 'local', host: '127.0.0.1', port: 5000, message: 'hi' });
    expect(reply.ok ? null : reply.error.code).toBe('TOO_MANY_CONNECTIONS');
    expect(agent.commands).toEqual([]);
    // Fewer again: the list is whole and the total goes away.
    agent.state(3);
    expect(states.at(-1)!.connections).toHaveLength(3);
    expect(states.at(-1)).not.toHaveProperty('connectionCount');
  });

  it('an agent that lists only some: pages get its total, and the caps count it', async () => {
    const agent = new StateAgent();
    const { session, states } = sessionWith(agent, 5000);
    agent.state(10_000, 500);
    expect(states.at(-1)!.connections).toHaveLength(PAGE_STATE_CONNECTIONS);
    expect(states.at(-1)!.connectionCount).toBe(10_000);
    expect(session.fullState.connectionCount).toBe(10_000);
    expect(session.caps.counts().connections).toBe(10_000);
    const reply = await session.runFromPage({ type: 'client.run', reqId: 'c2', labHost: 'local', host: '127.0.0.1', port: 5000, message: 'hi' });
    expect(reply.ok ? null : reply.error.code).toBe('TOO_MANY_CONNECTIONS');
  });

  it('over a real WebSocket: the welcome and later states are capped and valid protocol messages', async () => {
    const agent = new StateAgent();
    const session = new Session({ agents: [agent], exposedGraceMs: 60_000 });
    defer(() => session.close());
    agent.state(5000);
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (ws) => new PageConnection(ws, session, false, new NetLabController(session, () => {})));
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    defer(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    defer(() => {
      for (const ws of wss.clients) ws.terminate();
    });
    const page = await PageClient.open((wss.address() as AddressInfo).port, { token: 'unused' });
    defer(() => page.close());
    // PageClient parses every message with the protocol's schema.
    const welcome = await page.hello();
    expect(welcome.state.connections).toHaveLength(PAGE_STATE_CONNECTIONS);
    expect(welcome.state.connectionCount).toBe(5000);
    const from = page.messages.length;
    agent.state(6000);
    const next = await page.waitFor((m) => (m.type === 'state' ? m.state : undefined), 'a state', { from });
    expect(next.connections).toHaveLength(PAGE_STATE_CONNECTIONS);
    expect(next.connectionCount).toBe(6000);
    expect(JSON.stringify(next).length).toBeLessThan(100_000);
  });
});
