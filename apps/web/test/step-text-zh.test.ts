import { describe, expect, it } from 'vitest';
import type { StepperInfo } from '@socket-playground/protocol';
import { backlogText, clientStatus, serverStatus } from '../src/step/step-text.ts';

const info: StepperInfo = {
  stepperId: 'step1',
  labHost: 'local',
  program: 'blocking-echo-server',
  next: 'accept',
  blockedIn: 'accept',
  running: false,
  finished: false,
  bufsize: 1024,
  target: { host: '127.0.0.1', port: 65432 },
  backlog: 1,
};
const facts = { accepted: null, lastRecv: null, sent: 0 };

describe('step mode in two languages', () => {
  it('says where the program blocks, API names kept', () => {
    expect(serverStatus(info, facts)).toMatch(/^Blocked in accept\(\)/);
    expect(serverStatus(info, facts, 'zh')).toMatch(/^阻塞在 accept\(\)/);
    const client: StepperInfo = { ...info, program: 'echo-client', next: 'connect', blockedIn: null };
    expect(clientStatus(client, facts, 'zh')).toContain('connect()');
    expect(clientStatus(client, facts, 'zh')).toContain('三次握手');
    expect(backlogText(1, 'zh')).toContain('backlog + 1');
    expect(backlogText(1, 'zh')).toContain('2 个');
  });
});
