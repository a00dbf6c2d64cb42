import { DemoSpec } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { demoSpecOf, MAX_RECVS, sendSizes } from '../src/demos/demo-params.ts';
import { codePieces, DEMO_PRESETS, initialTexts, presetOf } from '../src/demos/demo-presets.ts';

const texts = (name: Parameters<typeof presetOf>[0], changes: Record<string, string> = {}) => ({ ...initialTexts(presetOf(name)), ...changes });

describe('the presets', () => {
  it('every preset, as it comes, is a spec the protocol accepts', () => {
    for (const preset of DEMO_PRESETS) {
      const result = demoSpecOf(preset.name, initialTexts(preset));
      expect(result.ok, preset.name).toBe(true);
      if (result.ok) expect(DemoSpec.safeParse(result.spec).success, preset.name).toBe(true);
    }
  });

  it('the presets are the protocol’s own defaults', () => {
    for (const preset of DEMO_PRESETS) {
      const result = demoSpecOf(preset.name, initialTexts(preset));
      if (!result.ok) throw new Error(preset.name);
      expect(result.spec, preset.name).toEqual(DemoSpec.parse({ demo: preset.name }));
    }
  });

  it('every field’s bounds lie inside what the protocol accepts', () => {
    for (const preset of DEMO_PRESETS) {
      for (const field of preset.fields) {
        if (field.kind !== 'number') continue;
        for (const value of [field.min, field.max]) {
          const result = demoSpecOf(preset.name, texts(preset.name, { [field.key]: String(value) }));
          // A bound may still be refused for another reason (too many recvs, too long), never by the schema.
          if (result.ok) expect(DemoSpec.safeParse(result.spec).success, `${preset.name}.${field.key}=${value}`).toBe(true);
        }
      }
    }
  });

  it('words with backticks become code pieces', () => {
    expect(codePieces('reads with `recv(1024)` once')).toEqual([
      { text: 'reads with ', code: false },
      { text: 'recv(1024)', code: true },
      { text: ' once', code: false },
    ]);
  });
});

describe('checking the fields', () => {
  it('scales MiB and KiB to bytes for sendall', () => {
    const result = demoSpecOf('sendall', texts('sendall', { totalMiB: '4', chunkKiB: '16', readerPauseMs: '300' }));
    expect(result).toEqual({ ok: true, spec: { demo: 'sendall', totalBytes: 4 * 1024 * 1024, chunkBytes: 16 * 1024, readerPauseMs: 300 } });
  });

  it('accepts thousands separators and spaces around a number', () => {
    const result = demoSpecOf('recv-bufsize', texts('recv-bufsize', { messageBytes: ' 5,000 ' }));
    expect(result.ok && result.spec).toEqual({ demo: 'recv-bufsize', messageBytes: 5000, bufsize: 1024 });
  });

  it('refuses what is not a whole number, and says the range', () => {
    for (const bad of ['', 'abc', '1.5', '-3', '1e3']) {
      const result = demoSpecOf('recv-bufsize', texts('recv-bufsize', { bufsize: bad }));
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.problems.bufsize).toBe('The recv bufsize must be a whole number from 1 to 65,536 bytes.');
    }
  });

  it('refuses a number out of range, naming it', () => {
    const result = demoSpecOf('backlog', texts('backlog', { backlog: '17', clients: '0' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.backlog).toBe('The backlog must be from 0 to 16; 17 is out of range.');
    expect(result.problems.clients).toMatch(/from 1 to 16/);
    expect(Object.keys(result.problems)).toHaveLength(2);
  });

  it('keeps the recv events of one run readable', () => {
    const result = demoSpecOf('recv-bufsize', texts('recv-bufsize', { messageBytes: '1048576', bufsize: '1' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.bufsize).toMatch(/1,048,576 recvs — at most 20,000/);
    const ok = demoSpecOf('byte-stream', texts('byte-stream', { largeBytes: String(MAX_RECVS * 64), bufsize: '64' }));
    expect(ok.ok).toBe(true);
    const over = demoSpecOf('byte-stream', texts('byte-stream', { largeBytes: String(MAX_RECVS * 64 + 1), bufsize: '64' }));
    expect(over.ok).toBe(false);
  });

  it('keeps the write() calls of sendall readable too', () => {
    expect(demoSpecOf('sendall', texts('sendall', { totalMiB: '64', chunkKiB: '64' })).ok).toBe(true);
    const result = demoSpecOf('sendall', texts('sendall', { totalMiB: '64', chunkKiB: '1' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.chunkKiB).toMatch(/65,536 write\(\) calls/);
  });

  it('refuses a blocking run longer than the lab allows', () => {
    expect(demoSpecOf('many-clients', texts('many-clients', { clients: '1000', holdMs: '60' })).ok).toBe(true);
    const result = demoSpecOf('many-clients', texts('many-clients', { clients: '1000', holdMs: '61' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.holdMs).toMatch(/1000 × 61 ms is 61 s, longer than a demonstration may take/);
  });

  it('takes the small sends as typed, spaces included', () => {
    const result = demoSpecOf('byte-stream', texts('byte-stream', { smallSends: 'GET |/ |HTTP/1.0' }));
    expect(result.ok && result.spec).toMatchObject({ smallSends: ['GET ', '/ ', 'HTTP/1.0'] });
    expect(sendSizes('one |two |three')).toEqual([4, 4, 5]);
    expect(sendSizes('é|x')).toEqual([2, 1]);
  });

  it('refuses too few, too many or empty small sends', () => {
    const problem = (smallSends: string) => {
      const result = demoSpecOf('byte-stream', texts('byte-stream', { smallSends }));
      return result.ok ? null : result.problems.smallSends;
    };
    expect(problem('just one')).toMatch(/2 to 8 small sends/);
    expect(problem('a|b|c|d|e|f|g|h|i')).toMatch(/now 9/);
    expect(problem('a||b')).toMatch(/at least one character/);
    expect(problem(`a|${'x'.repeat(65)}`)).toMatch(/at most 64/);
  });
});
