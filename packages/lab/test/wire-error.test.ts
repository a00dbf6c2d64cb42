import { describe, expect, it } from 'vitest';
import { mapNodeError } from '../src/wire-error.ts';

function sysError(code: string, syscall: string, errno: number): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, syscall, errno });
}

describe('mapNodeError', () => {
  it('reports bind errors as bind, although Node labels them listen', () => {
    for (const code of ['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']) {
      const mapped = mapNodeError(sysError(code, 'listen', -98), 'listen');
      expect(mapped.failedCall).toBe('bind');
      expect(mapped.error).toMatchObject({ code, syscall: 'bind', errno: -98 });
    }
  });
  it('maps read and write to recv and send', () => {
    expect(mapNodeError(sysError('ECONNRESET', 'read', -104), 'connect').failedCall).toBe('recv');
    expect(mapNodeError(sysError('EPIPE', 'write', -32), 'connect').failedCall).toBe('send');
  });
  it('unwraps the AggregateError of autoSelectFamily, whose own message is empty', () => {
    const agg = new AggregateError([sysError('ECONNREFUSED', 'connect', -111), sysError('ECONNREFUSED', 'connect', -111)], '');
    const mapped = mapNodeError(agg, 'connect', { host: 'localhost', port: 1 });
    expect(mapped.error.code).toBe('ECONNREFUSED');
    expect(mapped.error.message).not.toBe('');
    expect(mapped.error.context).toEqual({ host: 'localhost', port: 1 });
  });
  it('survives things that are not errors', () => {
    expect(mapNodeError('boom', 'connect').error).toMatchObject({ code: 'UNKNOWN', message: 'boom' });
  });
});
