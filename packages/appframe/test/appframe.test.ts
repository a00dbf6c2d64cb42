import { describe, expect, it } from 'vitest';
import {
  answerRequest,
  encodeMessage,
  encodeRaw,
  FrameDecoder,
  frameStream,
  headerBytes,
  makeRequest,
  pythonJson,
  readContent,
  type FrameStep,
} from '../src/index.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

/** What Python's libclient.py writes for `search morpheus` on a little-endian machine (printed by python3). */
const PY_HEADER = '{"byteorder": "little", "content-type": "text/json", "content-encoding": "utf-8", "content-length": 41}';
const PY_CONTENT = '{"action": "search", "value": "morpheus"}';

function decodeAll(wire: Uint8Array, sizes: readonly number[]): FrameStep[] {
  const decoder = new FrameDecoder();
  const steps: FrameStep[] = [];
  let at = 0;
  for (const size of sizes) {
    steps.push(...decoder.push(wire.subarray(at, at + size)));
    at += size;
  }
  steps.push(...decoder.push(wire.subarray(at)));
  return steps;
}

describe('encoding, byte for byte as the tutorial', () => {
  it('a search for morpheus is 2 + 103 + 41 = 146 bytes', () => {
    const request = makeRequest('search', 'morpheus', 'little');
    const wire = encodeMessage(request.header, request.content);
    expect(wire.length).toBe(146);
    expect([wire[0], wire[1]]).toEqual([0, 103]);
    expect(text(wire.subarray(2, 105))).toBe(PY_HEADER);
    expect(text(wire.subarray(105))).toBe(PY_CONTENT);
  });

  it("writes JSON with Python's separators and without escaping non-ASCII", () => {
    expect(pythonJson({ a: 'é🐍', b: 1, c: null, d: true })).toBe('{"a": "é🐍", "b": 1, "c": null, "d": true}');
    expect(pythonJson({ q: 'say "hi"\n' })).toBe('{"q": "say \\"hi\\"\\n"}');
    // content-length counts bytes, not characters.
    expect(makeRequest('search', '🐍', 'big').header['content-length']).toBe(bytes('{"action": "search", "value": "🐍"}').length);
  });

  it('sends any other action as binary: the action, then the value', () => {
    const request = makeRequest('double', 'this', 'little');
    expect(text(request.content)).toBe('doublethis');
    expect(request.header).toEqual({ byteorder: 'little', 'content-type': 'binary/custom-client-binary-type', 'content-encoding': 'binary', 'content-length': 10 });
  });

  it('refuses a protoheader that does not fit in 2 bytes', () => {
    expect(() => encodeRaw(new Uint8Array(0), new Uint8Array(0), 65_536)).toThrow(RangeError);
    expect(encodeRaw(new Uint8Array(0), new Uint8Array(0), 65_535).subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xff]));
  });
});

describe('the receiver state machine', () => {
  const request = makeRequest('search', 'morpheus', 'little');
  const wire = encodeMessage(request.header, request.content);

  it('reaches the same message however the stream is split', () => {
    const whole = decodeAll(wire, []);
    for (const sizes of [[1, 1, 1, 1], [1], [2, 50, 53], [104, 1], Array.from({ length: 145 }, () => 1)]) {
      const steps = decodeAll(wire, sizes);
      expect(steps.map((s) => s.type)).toEqual(['protoheader', 'header', 'message']);
      expect(steps).toEqual(whole);
    }
    const message = whole.at(-1);
    expect(message?.type === 'message' && text(message.message.content)).toBe(PY_CONTENT);
    expect(message?.type === 'message' && [message.message.start, message.message.headerStart, message.message.contentStart, message.message.end]).toEqual([0, 2, 105, 146]);
  });

  it('says how far each part has got', () => {
    const decoder = new FrameDecoder();
    decoder.push(wire.subarray(0, 1));
    expect(decoder.state()).toMatchObject({ phase: 'protoheader', have: 1, need: 2 });
    decoder.push(wire.subarray(1, 40));
    expect(decoder.state()).toMatchObject({ phase: 'header', have: 38, need: 103 });
    decoder.push(wire.subarray(40, 110));
    expect(decoder.state()).toMatchObject({ phase: 'content', have: 5, need: 41 });
    expect(decoder.push(wire.subarray(110)).map((s) => s.type)).toEqual(['message']);
    expect(decoder.state()).toMatchObject({ phase: 'protoheader', have: 0, need: 2, messages: 1, offset: 146 });
    expect(decoder.end()).toBeNull();
  });

  it('decodes two messages in one chunk', () => {
    const two = new Uint8Array([...wire, ...wire]);
    expect(decodeAll(two, []).filter((s) => s.type === 'message')).toHaveLength(2);
  });
});

describe('malformed input gets a named error', () => {
  const errorOf = (wire: Uint8Array, end = false) => {
    const decoder = new FrameDecoder();
    const steps = decoder.push(wire);
    if (end) {
      const ending = decoder.end();
      if (ending) steps.push(ending);
    }
    const last = steps.at(-1);
    return last?.type === 'error' ? last.error : null;
  };

  it('a header that is not JSON', () => {
    expect(errorOf(encodeRaw(bytes('{nope'), new Uint8Array(0)))).toMatchObject({ code: 'HEADER_NOT_JSON', at: 2 });
    expect(errorOf(encodeRaw(new Uint8Array([0xff, 0xfe]), new Uint8Array(0)))).toMatchObject({ code: 'HEADER_NOT_UTF8' });
    expect(errorOf(encodeRaw(bytes('[1, 2]'), new Uint8Array(0)))).toMatchObject({ code: 'HEADER_NOT_OBJECT' });
  });

  it('a missing required key, named', () => {
    const header = headerBytes({ byteorder: 'little', 'content-type': 'text/json', 'content-length': 0 });
    expect(errorOf(encodeRaw(header, new Uint8Array(0)))).toMatchObject({ code: 'MISSING_HEADER_KEY', key: 'content-encoding' });
  });

  it('a content-length that is not a byte count', () => {
    for (const length of [-1, 1.5, '12']) {
      const header = headerBytes({ byteorder: 'little', 'content-type': 'text/json', 'content-encoding': 'utf-8', 'content-length': length });
      expect(errorOf(encodeRaw(header, new Uint8Array(0)))).toMatchObject({ code: 'BAD_CONTENT_LENGTH' });
    }
  });

  it('a protoheader claiming 65,535 bytes is refused at once', () => {
    expect(errorOf(new Uint8Array([0xff, 0xff, 0x7b]))).toMatchObject({ code: 'HEADER_TOO_LONG', announced: 65_535, limit: 8192, at: 0 });
  });

  it('a content-length longer than what arrives before close', () => {
    const header = headerBytes({ byteorder: 'little', 'content-type': 'text/json', 'content-encoding': 'utf-8', 'content-length': 100 });
    const wire = encodeRaw(header, bytes('{"action"'));
    expect(errorOf(wire)).toBeNull();
    expect(errorOf(wire, true)).toMatchObject({ code: 'TRUNCATED', phase: 'content', announced: 100, received: 9 });
  });

  it('a peer that closes inside the protoheader or the header', () => {
    expect(errorOf(new Uint8Array([0]), true)).toMatchObject({ code: 'TRUNCATED', phase: 'protoheader', received: 1, announced: 2 });
    expect(errorOf(new Uint8Array([0, 50, 0x7b]), true)).toMatchObject({ code: 'TRUNCATED', phase: 'header', received: 1, announced: 50, at: 2 });
  });

  it('keeps a "__proto__" header key as an ordinary key', () => {
    const raw = bytes('{"__proto__": {"polluted": 1}, "byteorder": "big", "content-type": "x", "content-encoding": "binary", "content-length": 0}');
    const steps = new FrameDecoder().push(encodeRaw(raw, new Uint8Array(0)));
    expect(steps.map((s) => s.type)).toEqual(['protoheader', 'header', 'message']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe("the server's answers", () => {
  const ask = (action: string, value: string) => {
    const answer = answerRequest(makeRequest(action, value, 'little'), 'little');
    if (!answer.ok) throw new Error(answer.code);
    return answer.reply;
  };

  it('looks a search up, and says when it has no match', () => {
    expect(readContent(ask('search', 'socket'))).toEqual({ kind: 'json', value: { result: 'One end of a connection: an address, a port and a protocol. 🔌' } });
    expect(readContent(ask('search', 'morpheus'))).toEqual({ kind: 'json', value: { result: "No match for 'morpheus'." } });
  });

  it('answers binary content with its first 10 bytes', () => {
    const reply = ask('double', 'the value here');
    expect(reply.header['content-type']).toBe('binary/custom-server-binary-type');
    expect(text(reply.content)).toBe('First 10 bytes of request: doublethe ');
  });

  it('calls any other JSON action invalid', () => {
    const content = bytes(pythonJson({ action: 'delete', value: 'x' }));
    const answer = answerRequest({ header: { byteorder: 'little', 'content-type': 'text/json', 'content-encoding': 'utf-8', 'content-length': content.length }, content }, 'little');
    expect(answer.ok && answer.said).toBe("Error: invalid action 'delete'.");
  });

  it('refuses JSON content that is not JSON', () => {
    const answer = answerRequest({ header: { 'content-type': 'text/json', 'content-encoding': 'utf-8' }, content: bytes('{') }, 'little');
    expect(answer).toMatchObject({ ok: false, code: 'CONTENT_NOT_JSON' });
  });
});

describe('the frame view of a recorded stream', () => {
  const request = makeRequest('search', 'morpheus', 'little');
  const wire = encodeMessage(request.header, request.content);

  it('labels each part and replays each recv', () => {
    const chunks = [wire.subarray(0, 1), wire.subarray(1, 60), wire.subarray(60)];
    const view = frameStream(chunks, true);
    expect(view.parts.map((p) => [p.kind, p.start, p.end])).toEqual([
      ['protoheader', 0, 2],
      ['header', 2, 105],
      ['content', 105, 146],
    ]);
    expect(view.readings.map((r) => [r.after.phase, r.after.have])).toEqual([
      ['protoheader', 1],
      ['header', 58],
      ['protoheader', 0],
    ]);
    expect(view.readings[2]?.steps.map((s) => s.type)).toEqual(['header', 'message']);
    expect(view.error).toBeNull();
  });

  it('shows an unfinished part, and a refused one', () => {
    expect(frameStream([wire.subarray(0, 50)], false).parts.at(-1)).toMatchObject({ kind: 'header', start: 2, end: 50, complete: false });
    const refused = frameStream([new Uint8Array([0, 5, ...bytes('{nope}')])], true);
    expect(refused.parts).toEqual([
      { kind: 'protoheader', start: 0, end: 2, message: 0, complete: true },
      { kind: 'header', start: 2, end: 7, message: 0, complete: true, refused: true },
      { kind: 'unparsed', start: 7, end: 8, message: 0, complete: false },
    ]);
  });
});
