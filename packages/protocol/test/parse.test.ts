/**
 * parseMessage (used for agent stdio and by the page) never throws, whatever the text, and echoes
 * a reqId only when a reply could carry it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgentCommand, AgentMessage, BridgeMessage, PageCommand, parseMessage, ReqId } from '../src/index.ts';

const deep = (d: number) => '['.repeat(d) + ']'.repeat(d);

describe('parseMessage never throws', () => {
  const inputs = [
    '',
    ' ',
    '{',
    'null',
    '0',
    '"x"',
    '[]',
    '\ufeff{}',
    deep(30_000),
    `{"type":${deep(30_000)},"reqId":"x"}`,
    `{"type":"server.start","reqId":"x","host":${deep(30_000)}}`,
    '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
    '{"__proto__":{"reqId":"inherited"},"type":"server.stop"}',
    '{"type":"constructor","reqId":"x"}',
    '{"type":"toString","reqId":"x"}',
    `{"type":"client.run","reqId":"x","host":"${'a'.repeat(70_000)}"}`,
    '{"type":"client.run","reqId":"x","port":1e309}',
  ];
  it.each(inputs.map((t) => [t.slice(0, 40), t]))('%j …', (_label, text) => {
    for (const schema of [PageCommand, AgentCommand, AgentMessage, BridgeMessage]) {
      const parsed = parseMessage(schema, text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.code).toBe('BAD_MESSAGE');
        expect(parsed.error.message.length).toBeLessThanOrEqual(1000);
      }
    }
  });

  it('a schema whose own code throws is reported, not thrown', () => {
    const boom = z.object({ reqId: z.string() }).refine(() => {
      throw new Error('refinement bug');
    });
    expect(parseMessage(boom, '{"reqId":"r1"}')).toEqual({
      ok: false,
      error: { code: 'BAD_MESSAGE', message: expect.stringContaining('refinement bug'), context: { reqId: 'r1' } },
    });
  });
});

describe('the reqId of a malformed message', () => {
  const reqIdOf = (text: string) => {
    const parsed = parseMessage(PageCommand, text);
    return parsed.ok ? 'parsed' : parsed.error.context?.reqId;
  };
  it('is echoed when a reply can carry it', () => {
    expect(reqIdOf('{"type":"server.stop","reqId":"r7"}')).toBe('r7');
    expect(reqIdOf(`{"type":"nope","reqId":"${'x'.repeat(64)}"}`)).toBe('x'.repeat(64));
  });
  it('is measured as the schema measures it (an emoji counts once)', () => {
    const emoji = '\u{1F600}'.repeat(40); // 40 characters, 80 UTF-16 units
    expect(ReqId.safeParse(emoji).success).toBe(true);
    expect(reqIdOf(JSON.stringify({ type: 'nope', reqId: emoji }))).toBe(emoji);
    const tooLong = '\u{1F600}'.repeat(65);
    expect(ReqId.safeParse(tooLong).success).toBe(false);
    expect(reqIdOf(JSON.stringify({ type: 'nope', reqId: tooLong }))).toBeUndefined();
  });
  it.each([
    ['empty', '{"type":"nope","reqId":""}'],
    ['too long (not truncated into another id)', `{"type":"nope","reqId":"${'x'.repeat(65)}"}`],
    ['a number', '{"type":"nope","reqId":7}'],
    ['an object', '{"type":"nope","reqId":{"a":1}}'],
    ['inside an array', '[{"type":"nope","reqId":"r1"}]'],
    ['only under __proto__', '{"type":"nope","__proto__":{"reqId":"r1"}}'],
  ])('is left out when %s', (_what, text) => {
    expect(reqIdOf(text)).toBeUndefined();
  });
});
