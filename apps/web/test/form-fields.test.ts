import { explainError } from '@socket-playground/protocol';
import { describe, expect, it } from 'vitest';
import { parseBacklogField, parseBufsizeField, parsePortField } from '../src/format/form-fields.ts';
import { explain } from '../src/bridge/page-errors.ts';

describe('parsePortField', () => {
  it('passes any number through, so the lab reports range errors itself', () => {
    for (const [text, n] of [['65432', 65432], [' 0 ', 0], ['70000', 70000], ['-1', -1], ['1.5', 1.5]] as const) {
      expect(parsePortField(text)).toEqual({ ok: true, value: n });
    }
  });

  it('refuses text that is no number with the same INVALID_PORT the bridge gives', () => {
    for (const text of ['abc', '', '  ', '12abc', 'Infinity']) {
      const result = parsePortField(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_PORT');
        expect(explainError(result.error).title).toBe(`Not a valid port: ${text}`);
      }
    }
  });
});

describe('parseBacklogField', () => {
  it('accepts whole numbers 0..65535', () => {
    expect(parseBacklogField('128')).toEqual({ ok: true, value: 128 });
    expect(parseBacklogField('0')).toEqual({ ok: true, value: 0 });
  });

  it('refuses anything else with a plain explanation', () => {
    for (const text of ['-1', '1.5', '65536', 'x', '']) {
      const result = parseBacklogField(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(explain(result.error).title).toContain('Not a valid backlog');
    }
  });
});

describe('parseBufsizeField', () => {
  it('takes whole numbers from 1 to 65536', () => {
    expect(parseBufsizeField(' 4 ')).toEqual({ ok: true, value: 4 });
    expect(parseBufsizeField('65536')).toEqual({ ok: true, value: 65536 });
  });

  it('refuses anything else, explained in plain words', () => {
    for (const text of ['0', '65537', '1.5', 'abc', '']) {
      const result = parseBufsizeField(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(explain(result.error).title).toBe(`Not a valid bufsize: ${text}`);
    }
  });
});
