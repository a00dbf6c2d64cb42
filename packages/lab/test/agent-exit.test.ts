import { afterEach, describe, expect, it } from 'vitest';
import type { AgentMessage, Reply } from '@socket-playground/protocol';
import { ChildAgentLink } from '../src/child-agent-link.ts';

/**
 * A host agent process that dies on its own: every exit listener hears it once, with how it
 * ended and what it said last; commands sent afterwards are answered at once with AGENT_FAILED.
 */
let link: ChildAgentLink | undefined;
afterEach(async () => {
  await link?.close();
  link = undefined;
});

function watch(l: ChildAgentLink) {
  const messages: AgentMessage[] = [];
  const exits: string[][] = [[], []];
  l.onMessage((m) => messages.push(m));
  l.onExit((d) => exits[0]!.push(d));
  l.onExit((d) => exits[1]!.push(d));
  const exited = new Promise<void>((resolve) => l.onExit(() => resolve()));
  return { messages, exits, exited };
}

describe('a host agent process that dies', () => {
  it('killed (-9): both listeners hear "exited with SIGKILL"; a later command fails at once', { timeout: 15_000 }, async () => {
    link = new ChildAgentLink({ labHost: 'pc9' });
    const { messages, exits, exited } = watch(link);
    await link.ready;
    process.kill(link.pid!, 'SIGKILL');
    await exited;
    expect(exits).toEqual([['exited with SIGKILL'], ['exited with SIGKILL']]);
    expect(link.exitStatus).toMatchObject({ signal: 'SIGKILL', code: null });
    expect(link.down).toBe(true);

    link.send({ type: 'server.start', reqId: 'late1', labHost: 'pc9', host: '127.0.0.1', port: 0, backlog: 5, exposeConfirmed: false });
    await new Promise((r) => setTimeout(r, 0));
    const reply = messages.find((m): m is Reply => m.type === 'reply' && m.reqId === 'late1');
    expect(reply).toMatchObject({ ok: false, error: { code: 'AGENT_FAILED', context: { labHost: 'pc9' } } });
  });

  it('crashed: the exit code and its last line on stderr are kept as the reason', { timeout: 15_000 }, async () => {
    // A wrapper that fails the way a crashing agent does: a message on stderr, then exit 1.
    link = new ChildAgentLink({ labHost: 'pc9', wrapper: ['sh', '-c', 'echo "Error: boom" >&2; echo "    at somewhere" >&2; exit 1', '--'] });
    const { exits, exited } = watch(link);
    await exited;
    expect(exits[0]).toEqual(['exited with code 1']);
    expect(link.exitStatus).toMatchObject({ code: 1, signal: null, lastError: 'Error: boom' });
  });

  it('closed on purpose: no listener hears an exit', { timeout: 15_000 }, async () => {
    link = new ChildAgentLink({ labHost: 'pc9' });
    const { exits } = watch(link);
    await link.ready;
    await link.close();
    expect(exits).toEqual([[], []]);
  });
});
