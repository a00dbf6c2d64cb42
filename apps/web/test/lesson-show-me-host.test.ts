import { describe, expect, it } from 'vitest';
import type { LabState, StepperInfo } from '@socket-playground/protocol';
import { portTaken } from '../src/lessons/show-me-host.ts';
import { steppedServer } from './stepper-fixtures.ts';

const ep = (port: number) => ({ address: '127.0.0.1', port, family: 'IPv4' as const });
// backlog unset, as a stepper the show-me started without one.
const stepper = (over: Partial<StepperInfo>): StepperInfo => steppedServer({ backlog: undefined, ...over });

describe('portTaken', () => {
  it('sees servers, and stepped servers before and after they listen', () => {
    const none: LabState = { servers: [], connections: [], steppers: [] };
    expect(portTaken(none, 65432)).toBe(false);
    const server: LabState = { ...none, servers: [{ serverId: 'srv1', labHost: 'local', kind: 'echo', requested: { host: '127.0.0.1', port: 65432, backlog: 1 }, listening: ep(65432), exposed: false, socketId: 's1', connections: 0 }] };
    expect(portTaken(server, 65432)).toBe(true);
    expect(portTaken({ ...none, steppers: [stepper({})] }, 65432)).toBe(true);
    expect(portTaken({ ...none, steppers: [stepper({ target: { host: '127.0.0.1', port: 0 }, listening: ep(65432) })] }, 65432)).toBe(true);
    expect(portTaken({ ...none, steppers: [stepper({ finished: true })] }, 65432)).toBe(false);
    expect(portTaken({ ...none, steppers: [stepper({ program: 'echo-client' })] }, 65432)).toBe(false);
  });
});
