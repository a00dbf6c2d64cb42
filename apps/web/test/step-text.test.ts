import { describe, expect, it } from 'vitest';
import { buildFlow } from '../src/flow/flow-model.ts';
import { backlogText, clientStatus, queuedText, serverStatus, stepButton, stepFacts } from '../src/step/step-text.ts';
import { ep, Recorder } from './flow-fixtures.ts';
import { noStepFacts, steppedClient, steppedServer } from './stepper-fixtures.ts';

const server = steppedServer;
const client = steppedClient;
const noFacts = noStepFacts;

describe('step buttons', () => {
  it('name the next call as the program writes it', () => {
    expect(stepButton(server())).toEqual({ label: 'listen()', note: 'Node does socket(), bind() and listen() in this one call' });
    expect(stepButton(server({ next: 'accept' })).label).toBe('accept()');
    expect(stepButton(server({ next: 'recv', bufsize: 4 })).label).toBe('recv(4)');
    expect(stepButton(server({ next: 'sendall' })).label).toBe('sendall(data)');
    expect(stepButton(server({ next: 'close' })).label).toBe('close()');
    expect(stepButton(server({ next: null, finished: true })).label).toBe('finished');
    expect(stepButton(client()).label).toBe('connect()');
    expect(stepButton(client({ next: 'sendall' }), 'Hello, world').label).toBe("sendall(b'Hello, world')");
    expect(stepButton(client({ next: 'sendall' })).label).toBe('sendall(message)');
    expect(stepButton(client({ next: 'recv' })).label).toBe('recv(1024)');
  });
});

describe('what the step panel says', () => {
  it('tells where the server stands', () => {
    expect(serverStatus(server(), noFacts)).toMatch(/^Nothing has touched the network yet/);
    expect(serverStatus(server({ next: 'accept', blockedIn: 'accept' }), noFacts)).toMatch(/^Blocked in accept\(\): waiting for a client/);
    const listening = { listening: ep(65432) };
    expect(serverStatus(server({ next: 'accept', ...listening }), noFacts)).toContain('accept() takes the next queued connection');
    const queued = { local: ep(65432), remote: ep(50001), state: 'ESTABLISHED', recvQueue: 12, sendQueue: 0 };
    expect(serverStatus(server({ next: 'accept', ...listening, kernel: { acceptQueue: [queued] } }), noFacts)).toContain('1 connection waits in the accept queue');
    expect(serverStatus(server({ next: 'accept', ...listening, kernel: { acceptQueue: [] } }), noFacts)).toContain('accept() will block');
    const serving = { connection: { local: ep(65432), remote: ep(50001) } };
    expect(serverStatus(server({ next: 'recv', blockedIn: 'recv', ...serving }), noFacts)).toBe('Blocked in recv(1024): waiting for bytes from 127.0.0.1:50001. The receive buffer is empty.');
    expect(serverStatus(server({ next: 'recv', ...serving, kernel: { acceptQueue: [], connection: queued } }), noFacts)).toContain('12 bytes wait in its receive buffer');
    expect(serverStatus(server({ next: 'sendall' }), { ...noFacts, lastRecv: { bytes: 12, repr: "b'Hello, world'" } })).toBe(
      "recv() returned b'Hello, world' (12 bytes). sendall(data) sends the same bytes back.",
    );
    expect(serverStatus(server({ next: 'close', ...serving }), noFacts)).toMatch(/^recv\(\) returned b'': 127\.0\.0\.1:50001 closed its side/);
    expect(serverStatus(server({ next: 'accept', running: true, ...listening }), noFacts)).toMatch(/Running: one call about every 300 ms\.$/);
  });

  it('tells a client that the kernel queued its connection before the server accepted it', () => {
    expect(clientStatus(client({ next: 'sendall' }), { ...noFacts, accepted: false })).toBe(
      'connect() returned: the kernel finished the handshake and queued the connection; the server has not accepted it yet.',
    );
    expect(clientStatus(client({ next: 'sendall' }), { ...noFacts, accepted: true })).toMatch(/^Connected to 127\.0\.0\.1:65432/);
    expect(clientStatus(client({ next: 'recv' }), { ...noFacts, accepted: false, sent: 12 })).toMatch(/^Sent 12 bytes: they wait in the server's receive buffer/);
    expect(clientStatus(client({ next: 'recv', blockedIn: 'recv' }), { ...noFacts, accepted: true })).toMatch(/^Blocked in recv\(1024\): waiting for the echo/);
    expect(clientStatus(client({ blockedIn: 'connect' }), noFacts)).toMatch(/^Blocked in connect\(\)/);
    expect(clientStatus(client({ next: null, finished: true }), noFacts)).toBe('Finished: the socket is closed.');
  });

  it('says how Linux sizes the accept queue', () => {
    expect(backlogText(1)).toMatch(/^listen\(1\): Linux queues up to 2 finished handshakes \(backlog \+ 1\)/);
    expect(backlogText(0)).toContain('up to 1 finished handshake ');
    expect(queuedText({ local: ep(65432), remote: ep(50001), state: 'ESTABLISHED', recvQueue: 0, sendQueue: 0 })).toBe('127.0.0.1:50001 · ESTABLISHED · no bytes waiting');
  });
});

describe('stepFacts', () => {
  it('reads from the events whether the server accepted, and what came back', () => {
    const r = new Recorder();
    const listener = r.listen('step1', 65432, 1);
    const c = r.connect('step2', 50001, listener.local);
    r.send(c, 'Hello, world');
    const info = client({ next: 'recv' });
    expect(stepFacts(buildFlow(r.events), r.events, info)).toEqual({ accepted: false, lastRecv: null, sent: 12 });
    const conn = r.accept(listener, c);
    r.recv(conn, 12, 1024);
    r.send(conn, 'Hello, world');
    r.recv(c, 12, 1024);
    expect(stepFacts(buildFlow(r.events), r.events, info)).toEqual({ accepted: true, lastRecv: { bytes: 12, repr: "b'Hello, world'" }, sent: 12 });
    expect(stepFacts(buildFlow(r.events), r.events, server({ next: 'sendall' })).lastRecv).toEqual({ bytes: 12, repr: "b'Hello, world'" });
  });
});

describe('step mode in 中文', () => {
  const facts = { accepted: null, lastRecv: null, sent: 0 };
  it('says where the program blocks, API names kept', () => {
    const blocked = server({ next: 'accept', blockedIn: 'accept' });
    expect(serverStatus(blocked, facts)).toMatch(/^Blocked in accept\(\)/);
    expect(serverStatus(blocked, facts, 'zh')).toMatch(/^阻塞在 accept\(\)/);
    expect(clientStatus(client(), facts, 'zh')).toContain('connect()');
    expect(clientStatus(client(), facts, 'zh')).toContain('三次握手');
    expect(backlogText(1, 'zh')).toContain('backlog + 1');
    expect(backlogText(1, 'zh')).toContain('2 个');
  });
});
