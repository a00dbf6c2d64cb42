import { describe, expect, it } from 'vitest';
import { codeCaption, codeHighlight } from '../src/code/code-focus.ts';
import { DEFAULT_CODE_PARAMS, program, programNote } from '../src/code/programs.ts';
import { eventFields } from '../src/format/event-text.ts';
import { en } from '../src/i18n/en.ts';
import { zh } from '../src/i18n/zh.ts';
import { fieldValueZh, FIELD_KEYS, localizeFields } from '../src/ui/details-fields.ts';
import { echoSession, Recorder } from './flow-fixtures.ts';

const CHINESE = /[\u4e00-\u9fff]/;

describe('the code panel in Chinese', () => {
  const { r } = echoSession();
  const find = (call: string) => r.events.find((e) => e.event.call === call)!;

  it('says which call of which program, on which line', () => {
    const accept = codeHighlight(find('accept'), 'python', DEFAULT_CODE_PARAMS)!;
    expect(codeCaption(accept, false)).toBe('#6: accept() in the server, line 10.');
    expect(codeCaption(accept, false, 'zh')).toBe('#6：服务器中的 accept()，第 10 行。');
    const eof = codeHighlight(r.events.find((e) => e.event.call === 'recv' && e.event.eof)!, 'python', DEFAULT_CODE_PARAMS)!;
    expect(codeCaption(eof, false, 'zh')).toContain("recv() 返回了 b''");

    const stepped = new Recorder();
    const server = stepped.listen('step1', 65432, 1);
    stepped.block(server, 'accept');
    const block = codeHighlight(stepped.events.at(-1)!, 'python', DEFAULT_CODE_PARAMS)!;
    expect(codeCaption(block, true, 'zh')).toBe('#4：服务器正在 accept() 中等待，第 10 行。');
    expect(codeCaption(block, false, 'zh')).toContain('曾在 accept() 中等待');
  });

  it('explains each program in Chinese; the code stays code', () => {
    for (const lang of ['python', 'typescript'] as const) {
      for (const kind of ['server', 'client'] as const) {
        const prog = program(lang, kind, DEFAULT_CODE_PARAMS);
        expect(programNote(prog, lang)).toBe(prog.note);
        expect(programNote(prog, lang, 'zh')).toMatch(CHINESE);
        expect(prog.lines.some((l) => CHINESE.test(l.text))).toBe(false);
      }
    }
    expect(programNote(program('typescript', 'client', DEFAULT_CODE_PARAMS), 'typescript', 'zh')).toContain('net.connect()');
  });
});

describe('the event details in Chinese', () => {
  const { r } = echoSession();
  const name = (lang: 'en' | 'zh') => (key: keyof typeof en.calls.details.fields) => (lang === 'en' ? en : zh).calls.details.fields[key];

  it('has a name for every field eventFields() gives', () => {
    for (const { seq, event } of r.events) {
      for (const [label] of eventFields(seq, event)) expect(FIELD_KEYS[label], label).toBeDefined();
    }
  });

  it('names the fields in Chinese and says the words in Chinese, values kept', () => {
    const close = r.events.find((e) => e.event.call === 'close')!;
    const fields = localizeFields(eventFields(close.seq, close.event), close.event, 'zh', name('zh'));
    const by = (label: string) => fields.find((f) => f.label === label)!;
    expect(by('owner')).toMatchObject({ name: '所属程序', value: 'srv1' });
    expect(by('reason')).toMatchObject({ name: '原因', value: '对端正常关闭' });
    expect(by('bytes sent')).toMatchObject({ name: '已发送字节', value: '12' });
    expect(by('in Node').value).toContain("'close'");
    expect(by('in Node').value).toMatch(CHINESE);
    expect(by('local').value).toBe('127.0.0.1:65432 (IPv4)');

    const english = localizeFields(eventFields(close.seq, close.event), close.event, 'en', name('en'));
    expect(english.map((f) => [f.name, f.value])).toEqual(eventFields(close.seq, close.event));
  });

  it('says a recv’s end of stream and a stepped call in Chinese', () => {
    const eof = r.events.find((e) => e.event.call === 'recv' && e.event.eof)!.event;
    expect(fieldValueZh('eof', 'yes: recv() returned 0', eof)).toBe('是：recv() 返回了 0');
    expect(fieldValueZh('inNode', '', eof)).toContain("'end'");
    const stepped = new Recorder();
    const server = stepped.listen('step1', 65432, 1);
    stepped.block(server, 'accept');
    expect(fieldValueZh('inNode', '', stepped.events.at(-1)!.event)).toContain('单步模式');
    expect(fieldValueZh('target', '127.0.0.1:65432', eof)).toBe('127.0.0.1:65432');
  });
});

describe('an error event in the details, in Chinese', () => {
  it('explains what and why from the Chinese catalogue', async () => {
    const { fieldValueZh } = await import('../src/ui/details-fields.ts');
    const event = {
      ts: 1,
      labHost: 'local',
      socketId: '-',
      owner: 'cli1',
      role: 'client',
      call: 'error',
      failedCall: 'connect',
      error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', context: { host: '127.0.0.1', port: 65432 } },
    } as const;
    expect(fieldValueZh('what', 'Connection refused', event)).toBe('连接被 127.0.0.1 端口 65432 拒绝');
    expect(fieldValueZh('why', 'x', event)).toContain('RST');
  });
});
