import type { DemoSummary, Reply, WireError } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../src/bridge/connection-types.ts';
import { explain } from '../src/bridge/page-errors.ts';
import { DEMO_SOURCE, DemoSession, demoSessionFor, type DemoLink } from '../src/demos/demo-session.ts';

const SUMMARY: DemoSummary = { demo: 'recv-bufsize', demoId: 'demo1', port: 1, durationMs: 5, bufsize: 1024, messageBytes: 5000, recvSizes: [1024, 1024, 1024, 1024, 904], serverRecvSizes: [5000] };

/** A bridge that answers demo.run when released, with a summary or an error. */
class FakeLink implements DemoLink {
  readonly sent: Array<{ command: CommandInput; source: string }> = [];
  error: WireError | null = null;
  private release: (() => void) | null = null;

  async command(command: CommandInput, source: string): Promise<Reply> {
    this.sent.push({ command, source });
    await new Promise<void>((resolve) => (this.release = resolve));
    if (this.error) return { type: 'reply', reqId: 'r1', ok: false, error: this.error };
    return { type: 'reply', reqId: 'r1', ok: true, result: { kind: 'demo', summary: SUMMARY } };
  }

  answer(): void {
    this.release?.();
  }
}

describe('the demonstrations’ session', () => {
  it('runs a preset: busy while it runs, then its summary', async () => {
    const link = new FakeLink();
    const session = new DemoSession(link, () => 1000);
    const done = session.run('recv-bufsize');
    expect(session.card('recv-bufsize')).toMatchObject({ status: 'running', startedAt: 1000 });
    expect(session.running()).toBe('recv-bufsize');
    expect(link.sent).toEqual([{ command: { type: 'demo.run', spec: { demo: 'recv-bufsize', messageBytes: 5000, bufsize: 1024 } }, source: DEMO_SOURCE }]);
    link.answer();
    await done;
    expect(session.card('recv-bufsize')).toMatchObject({ status: 'done', startedAt: null, summary: SUMMARY, error: null });
    expect(session.running()).toBeNull();
  });

  it('remembers which bridge ran the demonstration: its events go with that bridge', async () => {
    const link = Object.assign(new FakeLink(), { session: { get: () => ({ bridgeId: 'bridge-a' }) } });
    const session = new DemoSession(link);
    const done = session.run('recv-bufsize');
    link.answer();
    await done;
    expect(session.card('recv-bufsize')).toMatchObject({ status: 'done', summary: SUMMARY, bridgeId: 'bridge-a' });
  });

  it('runs one demonstration at a time', async () => {
    const link = new FakeLink();
    const session = new DemoSession(link);
    const first = session.run('recv-bufsize');
    await session.run('backlog');
    expect(link.sent).toHaveLength(1);
    expect(session.card('backlog').status).toBe('idle');
    link.answer();
    await first;
  });

  it('keeps the reply’s error for the card', async () => {
    const link = new FakeLink();
    link.error = { code: 'DEMO_TOO_LONG', message: '1000 clients × 100 ms one after another would take over 60 s', context: { demo: 'many-clients' } };
    const session = new DemoSession(link);
    const done = session.run('many-clients');
    link.answer();
    await done;
    expect(session.card('many-clients')).toMatchObject({ status: 'failed', summary: null, error: link.error });
  });

  it('sends nothing when a field is wrong, and says which', async () => {
    const link = new FakeLink();
    const session = new DemoSession(link);
    session.setText('backlog', 'backlog', '99');
    session.setText('backlog', 'waitMs', 'soon');
    await session.run('backlog');
    expect(link.sent).toHaveLength(0);
    expect(Object.keys(session.card('backlog').problems).sort()).toEqual(['backlog', 'waitMs']);
    // Typing again takes back that field's problem only.
    session.setText('backlog', 'backlog', '2');
    expect(Object.keys(session.card('backlog').problems)).toEqual(['waitMs']);
    session.reset('backlog');
    expect(session.card('backlog')).toMatchObject({ texts: { backlog: '1', clients: '4', waitMs: '1500' }, problems: {} });
  });

  it('is one session per connection, so results outlive the tab', () => {
    const link = new FakeLink();
    expect(demoSessionFor(link)).toBe(demoSessionFor(link));
    expect(demoSessionFor(new FakeLink())).not.toBe(demoSessionFor(link));
  });
});

describe('the demonstrations’ errors, in plain words', () => {
  it('explains the lab’s DEMO_* codes', () => {
    expect(explain({ code: 'DEMO_TOO_LONG', message: '', context: { demo: 'many-clients' } }).why).toMatch(/one client after another/);
    expect(explain({ code: 'DEMO_TIMEOUT', message: '' }).title).toBe('The demonstration did not finish in time');
    expect(explain({ code: 'DEMO_FAILED', message: 'timed out waiting for the server to listen', context: { demo: 'backlog' } }).title).toBe('The backlog demonstration failed');
  });
});
