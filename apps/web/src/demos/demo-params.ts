import { MAX_DEMO_CALLS, MAX_DEMO_SERIAL_MS, type DemoName, type DemoSpec } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { presetOf, SENDS_SEPARATOR, type DemoField, type NumberField } from './demo-presets.ts';
import { groupDigits } from '../format/number.ts';

/**
 * The card's fields as typed, checked before anything is sent: each field against its bounds,
 * then the limits that make a run sensible in a browser (the number of recv events it makes,
 * how long the page waits for the answer). Problems are plain sentences, by field key.
 */
export type Problems = Readonly<Record<string, string>>;

export type ParamsResult = { ok: true; spec: DemoSpec } | { ok: false; problems: Problems };

/** Most recv (or send) events one run may make, as the lab allows (the page keeps 100,000 events). */
export const MAX_RECVS = MAX_DEMO_CALLS;

/** Time the blocking server may need (clients × hold), as the lab allows. */
export const MAX_BLOCKING_MS = MAX_DEMO_SERIAL_MS;

const WHOLE = /^\d+$/;

/** Bytes of a string as UTF-8, what the socket really sends. */
const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

const fmt = (v: number): string => groupDigits(v);

function checkNumber(field: NumberField, text: string, lang: Lang): { value: number } | { problem: string } {
  const trimmed = text.trim().replace(/[,_ ]/g, '');
  const unit = field.unit ? ` ${field.unit}` : '';
  const zh = lang === 'zh';
  const range = `${fmt(field.min)} ${zh ? '到' : 'to'} ${fmt(field.max)}${unit}`;
  // A noun ending in Latin letters (`backlog`) keeps a space before the Chinese words.
  const noun = zh && /[\x21-\x7e]$/.test(field.noun) ? `${field.noun} ` : field.noun;
  if (!WHOLE.test(trimmed)) return { problem: zh ? `${noun}必须是 ${range} 之间的整数。` : `${field.noun} must be a whole number from ${range}.` };
  const value = Number(trimmed);
  if (value < field.min || value > field.max) {
    return { problem: zh ? `${noun}必须在 ${range} 之间；${fmt(value)} 超出了范围。` : `${field.noun} must be from ${range}; ${fmt(value)} is out of range.` };
  }
  return { value };
}

const SENDS_PROBLEMS = {
  en: {
    count: (k: number) => `Type 2 to 8 small sends separated by ${SENDS_SEPARATOR} (now ${k}).`,
    empty: 'Every small send needs at least one character (an empty send sends nothing).',
    long: 'Each small send may have at most 64 characters.',
  },
  zh: {
    count: (k: number) => `请输入 2 到 8 次小发送，用 ${SENDS_SEPARATOR} 分隔（现在是 ${k} 次）。`,
    empty: '每次小发送至少要有一个字符（空的发送什么也发不出去）。',
    long: '每次小发送最多 64 个字符。',
  },
};

function checkSends(text: string, lang: Lang): { value: string[] } | { problem: string } {
  const say = SENDS_PROBLEMS[lang];
  const sends = text.split(SENDS_SEPARATOR);
  if (sends.length < 2 || sends.length > 8) return { problem: say.count(sends.length) };
  if (sends.some((s) => s === '')) return { problem: say.empty };
  if (sends.some((s) => s.length > 64)) return { problem: say.long };
  return { value: sends };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Every field checked on its own: the numbers, the sends, and a problem per bad field. */
function readFields(fields: readonly DemoField[], texts: Readonly<Record<string, string>>, lang: Lang) {
  const numbers: Record<string, number> = {};
  let sends: string[] = [];
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const text = texts[field.key] ?? '';
    const checked = field.kind === 'number' ? checkNumber(field, text, lang) : checkSends(text, lang);
    if ('problem' in checked) problems[field.key] = checked.problem;
    else if (typeof checked.value === 'number') numbers[field.key] = checked.value;
    else sends = checked.value;
  }
  return { numbers, sends, problems };
}

const num = (numbers: Record<string, number>, key: string): number => numbers[key] ?? 0;

const WHAT_ZH: Record<string, string> = { 'a message': '这条消息', 'a large send': '这次大发送' };

function tooManyRecvs(bytes: number, bufsize: number, what: string, lang: Lang): string | null {
  const recvs = Math.ceil(bytes / bufsize);
  if (recvs <= MAX_RECVS) return null;
  if (lang === 'zh') {
    return `用 recv(${bufsize}) 读取${WHAT_ZH[what] ?? what}（${fmt(bytes)} 字节）需要 ${fmt(recvs)} 次 recv——最多允许 ${fmt(MAX_RECVS)} 次，这样事件列表才看得过来。请用更大的 bufsize，或者减少字节数。`;
  }
  return `${capital(what)} of ${groupDigits(bytes)} bytes read with recv(${bufsize}) would take ${groupDigits(recvs)} recvs — at most ${groupDigits(MAX_RECVS)}, so the event list stays readable. Use a bigger bufsize or fewer bytes.`;
}

/** The spec from the checked numbers, plus the limits that involve more than one field. */
function build(name: DemoName, n: Record<string, number>, sends: string[], lang: Lang): ParamsResult {
  const zh = lang === 'zh';
  switch (name) {
    case 'recv-bufsize': {
      const problem = tooManyRecvs(num(n, 'messageBytes'), num(n, 'bufsize'), 'a message', lang);
      if (problem) return { ok: false, problems: { bufsize: problem } };
      return { ok: true, spec: { demo: name, messageBytes: num(n, 'messageBytes'), bufsize: num(n, 'bufsize') } };
    }
    case 'byte-stream': {
      const problem = tooManyRecvs(num(n, 'largeBytes'), num(n, 'bufsize'), 'a large send', lang);
      if (problem) return { ok: false, problems: { bufsize: problem } };
      return { ok: true, spec: { demo: name, smallSends: sends, largeBytes: num(n, 'largeBytes'), bufsize: num(n, 'bufsize') } };
    }
    case 'sendall': {
      const totalBytes = num(n, 'totalMiB') * 1024 * 1024;
      const chunkBytes = num(n, 'chunkKiB') * 1024;
      const writes = Math.ceil(totalBytes / chunkBytes);
      if (writes > MAX_RECVS) {
        return {
          ok: false,
          problems: {
            chunkKiB: zh
              ? `${num(n, 'totalMiB')} MiB 以每次 ${num(n, 'chunkKiB')} KiB 写入，需要 ${groupDigits(writes)} 次 write() 调用——最多允许 ${groupDigits(MAX_RECVS)} 次，这样事件列表才看得过来。请每次多写一些，或者减少总量。`
              : `${num(n, 'totalMiB')} MiB in writes of ${num(n, 'chunkKiB')} KiB is ${groupDigits(writes)} write() calls — at most ${groupDigits(MAX_RECVS)}, so the event list stays readable. Write bigger pieces or less in all.`,
          },
        };
      }
      return { ok: true, spec: { demo: name, totalBytes, chunkBytes, readerPauseMs: num(n, 'readerPauseMs') } };
    }
    case 'many-clients': {
      const serial = num(n, 'clients') * num(n, 'holdMs');
      if (serial > MAX_BLOCKING_MS) {
        return {
          ok: false,
          problems: {
            holdMs: zh
              ? `阻塞服务器一个接一个地处理客户端：${num(n, 'clients')} × ${num(n, 'holdMs')} ms 是 ${groupDigits(serial / 1000)} s，超过了一次演示允许的时长。请让 客户端数 × 保持时间 不超过 ${MAX_BLOCKING_MS / 1000} s。`
              : `The blocking server takes one client after another: ${num(n, 'clients')} × ${num(n, 'holdMs')} ms is ${groupDigits(serial / 1000)} s, longer than a demonstration may take. Keep clients × hold at ${MAX_BLOCKING_MS / 1000} s or less.`,
          },
        };
      }
      return { ok: true, spec: { demo: name, clients: num(n, 'clients'), holdMs: num(n, 'holdMs'), servers: ['blocking', 'event-loop'] } };
    }
    case 'backlog':
      return { ok: true, spec: { demo: name, backlog: num(n, 'backlog'), clients: num(n, 'clients'), waitMs: num(n, 'waitMs') } };
    case 'udp':
      return { ok: true, spec: { demo: name, datagrams: sends } };
  }
}

/** Check the fields of one card; a spec ready to send, or what is wrong with which field. */
export function demoSpecOf(name: DemoName, texts: Readonly<Record<string, string>>, lang: Lang = 'en'): ParamsResult {
  const { numbers, sends, problems } = readFields(presetOf(name, lang).fields, texts, lang);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return build(name, numbers, sends, lang);
}

/** Bytes of each small send as the socket sends them (for the field's hint). */
export function sendSizes(text: string): number[] {
  return text.split(SENDS_SEPARATOR).map(utf8Bytes);
}
