import { describe, expect, it } from 'vitest';
import type { PageCommandInput, Reply, ReplyResult } from '@socket-playground/protocol';
import { runShowMe, type ShowMeHost } from '../src/show-me.ts';

type Sent = Record<string, unknown> & { type: string };

/** A fake bridge: servers get ports from `ports`; a second server on a taken port fails like the kernel. */
function fakeHost(): { host: ShowMeHost; sent: Sent[] } {
  const sent: Sent[] = [];
  const taken = new Set<number>();
  let nextPort = 40000;
  let steppers = 0;
  const ok = (result: ReplyResult): Reply => ({ type: 'reply', reqId: 'r', ok: true, result });
  const host: ShowMeHost = {
    command: (command) => {
      const c = command as Sent;
      sent.push(c);
      if (c.type === 'server.start') {
        const port = c.port === 0 ? nextPort++ : Number(c.port);
        if (taken.has(port)) return Promise.resolve({ type: 'reply', reqId: 'r', ok: false, error: { code: 'EADDRINUSE', errno: -98, message: 'address already in use' } });
        taken.add(port);
        return Promise.resolve(ok({ kind: 'server.started', serverId: `srv${taken.size}`, listening: { address: '127.0.0.1', port, family: 'IPv4' }, exposed: false }));
      }
      if (c.type === 'stepper.start') return Promise.resolve(ok({ kind: 'stepper', stepperId: `stp${++steppers}` }));
      if (c.type === 'client.run' && typeof c.port !== 'number') return Promise.resolve({ type: 'reply', reqId: 'r', ok: false, error: { code: 'INVALID_PORT', message: 'bad port' } });
      if (c.type === 'stepper.step') return Promise.resolve(ok({ kind: 'stepper', stepperId: String(c.stepperId) }));
      return Promise.resolve(ok({ kind: 'server.stopped', serverId: 'x' }));
    },
    open: () => {},
    answer: () => {},
    read: () => {},
    stepperReady: () => Promise.resolve(),
    stepperPort: (id) => (id === 'stp1' ? 45000 : undefined),
  };
  return { host, sent };
}

const start = (port: number | '$port'): { do: 'command'; command: Exclude<PageCommandInput, { type: 'hello' }> } => ({ do: 'command', command: { type: 'server.start', host: '127.0.0.1', port, backlog: 1 } as Exclude<PageCommandInput, { type: 'hello' }> });

describe('runShowMe', () => {
  it('moves servers to the test port, but a server on "$port" keeps the port filled in', async () => {
    const { host, sent } = fakeHost();
    const result = await runShowMe([start(65432), start('$port')], host, { serverPort: 0 });
    expect(sent.map((c) => c.port)).toEqual([0, 40000]);
    expect(result.ok).toBe(true);
    expect(result.problem).toBeUndefined();
  });

  it('goes on after a refusal by the kernel (errno), and lists it', async () => {
    const { host, sent } = fakeHost();
    const result = await runShowMe([start(0), start('$port'), { do: 'read' }], host, { serverPort: 0 });
    expect(result).toMatchObject({ ok: true, kernelErrors: [{ type: 'server.start', code: 'EADDRINUSE' }] });
    expect(sent).toHaveLength(2);
  });

  it('stops before its next action once the host says the step it belongs to is gone', async () => {
    const { host, sent } = fakeHost();
    const answers: (readonly string[])[] = [];
    let gone = false;
    const command = host.command;
    const result = await runShowMe([start(0), { do: 'answer', choices: ['a'] }, start(0)], {
      ...host,
      command: async (c) => {
        const reply = await command(c);
        gone = true;
        return reply;
      },
      answer: (choices) => answers.push(choices),
      stale: () => gone,
    });
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/another step/) });
    expect(sent).toHaveLength(1);
    expect(answers).toEqual([]);
  });

  it('stops at a refusal by the playground (no errno)', async () => {
    const { host } = fakeHost();
    const result = await runShowMe([{ do: 'command', command: { type: 'client.run', host: '127.0.0.1', port: '$port', message: 'x' } }], host);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/^INVALID_PORT/);
  });

  it('"$stepper1" is the first stepped program, "$stepper" the last; "$port" the stepped server\'s port', async () => {
    const { host, sent } = fakeHost();
    const result = await runShowMe(
      [
        { do: 'command', command: { type: 'stepper.start', program: 'blocking-echo-server', host: '127.0.0.1', port: 0, backlog: 1 } },
        { do: 'step', times: 2 },
        { do: 'command', command: { type: 'stepper.start', program: 'echo-client', host: '127.0.0.1', port: '$port', message: 'hi' } },
        { do: 'step', times: 1 },
        { do: 'step', stepperId: '$stepper1', times: 1 },
      ],
      host,
    );
    expect(result.ok).toBe(true);
    expect(sent.filter((c) => c.type === 'stepper.step').map((c) => c.stepperId)).toEqual(['stp1', 'stp1', 'stp2', 'stp1']);
    expect(sent.find((c) => c.program === 'echo-client')?.port).toBe(45000);
  });
});

describe('runShowMe in the page: a lesson port still in use', () => {
  it('moves a fixed-port server to a free port when the page knows the port is taken, and says so', async () => {
    const { host, sent } = fakeHost();
    const result = await runShowMe([start(65432)], { ...host, portTaken: (p) => p === 65432 }, { movePortsInUse: true });
    expect(result.ok).toBe(true);
    expect(sent[0]).toMatchObject({ type: 'server.start', port: 0 });
    expect(result.movedPorts).toEqual([{ from: 65432, to: 40000 }]);
  });

  it('retries on a free port when the kernel says EADDRINUSE for a fixed port', async () => {
    const { host, sent } = fakeHost();
    await runShowMe([start(65432)], host); // someone else holds 65432 now
    const result = await runShowMe([start(65432)], host, { movePortsInUse: true });
    expect(sent.slice(1).map((c) => c.port)).toEqual([65432, 0]);
    expect(result.movedPorts).toEqual([{ from: 65432, to: 40000 }]);
    expect(result.kernelErrors).toEqual([]);
  });

  it('never moves a "$port" server: the same port again is how a lesson shows EADDRINUSE', async () => {
    const { host } = fakeHost();
    const result = await runShowMe([start(65432), start('$port')], host, { movePortsInUse: true });
    expect(result.kernelErrors).toEqual([{ type: 'server.start', code: 'EADDRINUSE' }]);
    expect(result.movedPorts).toEqual([]);
  });
});
