import { FrameDecoder } from '@socket-playground/appframe';
import { describe, expect, it } from 'vitest';
import { BROKEN_PRESETS, brokenForm, chunkSizes, craftedFromAction, INITIAL_FORM, plannedBytes, planWrites, requestBody, type RequestForm } from '../src/app-proto/request-form.ts';

const form = (patch: Partial<RequestForm>): RequestForm => ({ ...INITIAL_FORM, ...patch });

describe('the application client form', () => {
  it("plans libclient.py's bytes for an action", () => {
    const bytes = plannedBytes(form({}));
    // 103 on a little-endian machine; 100 on a big-endian one ("big" is 3 letters shorter).
    expect([bytes.headerLength === 103 || bytes.headerLength === 100, bytes.contentLength, bytes.wire.length]).toEqual([true, 41, 2 + bytes.headerLength + 41]);
    expect(requestBody(form({}), bytes)).toEqual({ kind: 'action', action: 'search', value: 'morpheus' });
  });

  it('cuts the request where the learner asked', () => {
    const bytes = plannedBytes(form({}));
    const n = bytes.wire.length;
    expect(chunkSizes(form({ chunking: 'whole' }), bytes)).toEqual([]);
    expect(chunkSizes(form({ chunking: 'bytes' }), bytes)).toHaveLength(n - 1);
    expect(chunkSizes(form({ chunking: 'protoheader' }), bytes)).toEqual([1]);
    const [inHeader] = chunkSizes(form({ chunking: 'header' }), bytes)!;
    expect(inHeader! > 2 && inHeader! < 2 + bytes.headerLength).toBe(true);
    const [inContent] = chunkSizes(form({ chunking: 'content' }), bytes)!;
    expect(inContent! > 2 + bytes.headerLength && inContent! < n).toBe(true);
    expect(chunkSizes(form({ chunking: 'custom', sizes: '1,1, 50' }), bytes)).toEqual([1, 1, 50]);
    expect(chunkSizes(form({ chunking: 'custom', sizes: '1, x' }), bytes)).toBeNull();
  });

  it('refuses plans the lab would refuse', () => {
    const bytes = plannedBytes(form({}));
    expect(planWrites(form({ chunking: 'custom', sizes: '0' }), bytes)).toEqual({ ok: false, problem: 'sizes' });
    expect(planWrites(form({ chunking: 'bytes', gapMs: '5000' }), bytes)).toEqual({ ok: false, problem: 'gap' });
    expect(planWrites(form({ chunking: 'bytes', gapMs: '1000' }), bytes)).toEqual({ ok: false, problem: 'too-slow' });
    expect(planWrites(form({ chunking: 'whole', gapMs: 'nonsense' }), bytes)).toEqual({ ok: true, chunks: [], gapMs: 0 });
  });

  it('crafts exactly what the action would send, so editing starts from a valid request', () => {
    const crafted = craftedFromAction('search', 'morpheus');
    const a = plannedBytes(form({}));
    const b = plannedBytes(form({ mode: 'crafted', ...crafted }));
    expect(b.wire).toEqual(a.wire);
    expect(requestBody(form({ mode: 'crafted', ...crafted }), b)).toEqual({ kind: 'crafted', ...crafted });
  });

  it('loads each broken preset, and each one really is refused by the receiver', () => {
    const expected = { 'not-json': 'HEADER_NOT_JSON', 'missing-key': 'MISSING_HEADER_KEY', 'long-content': 'TRUNCATED', 'huge-protoheader': 'HEADER_TOO_LONG', 'close-in-header': 'TRUNCATED' };
    for (const preset of BROKEN_PRESETS) {
      const broken = brokenForm(preset, INITIAL_FORM);
      const decoder = new FrameDecoder();
      const steps = decoder.push(plannedBytes(broken).wire);
      const ending = broken.finish === 'close-after-send' ? decoder.end() : null;
      const error = [...steps, ...(ending ? [ending] : [])].find((s) => s.type === 'error');
      expect(error?.type === 'error' && error.error.code, preset).toBe(expected[preset]);
    }
    expect(requestBody(brokenForm('huge-protoheader', INITIAL_FORM), plannedBytes(brokenForm('huge-protoheader', INITIAL_FORM)))).toMatchObject({ protoheader: 65535 });
  });
});
