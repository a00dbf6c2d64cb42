import { LIMITS, type DemoName } from '@socket-playground/protocol';
import type { Lang } from '../i18n/prefs.ts';
import { PRESET_WORDS_ZH } from './demo-presets-zh.ts';

/**
 * The five demonstrations of the bytes lesson as preset cards: what each shows, why it happens,
 * and the few parameters a learner may change (with the page's own bounds). Words are written
 * with `backticks` for code; the card renders them as <code>.
 */

/** A whole number typed into a field; the spec may scale it (MiB, KiB) before sending. */
export interface NumberField {
  kind: 'number';
  key: string;
  label: string;
  /** The field in a sentence: "The recv bufsize must be…". */
  noun: string;
  unit: string;
  min: number;
  max: number;
  initial: number;
  help: string;
}

/** The small sends of the byte-stream demonstration, typed as `one |two |three`. */
export interface SendsField {
  kind: 'sends';
  key: string;
  label: string;
  initial: string;
  help: string;
}

export type DemoField = NumberField | SendsField;

export interface DemoPreset {
  name: DemoName;
  title: string;
  /** A few words for the tab's index. */
  short: string;
  /** The call or idea the card is about, shown as a tag. */
  tag: string;
  /** One line: what runs. */
  lead: string;
  /** Why it happens, a short paragraph each. */
  why: readonly string[];
  fields: readonly DemoField[];
}

/** Separator of the small sends in their text field (spaces belong to the sends). */
export const SENDS_SEPARATOR = '|';

const bufsize = (initial: number): NumberField => ({
  kind: 'number',
  key: 'bufsize',
  label: 'recv bufsize',
  noun: 'The recv bufsize',
  unit: 'bytes',
  min: LIMITS.minRecvBufsize,
  max: LIMITS.maxRecvBufsize,
  initial,
  help: 'the most bytes one recv() may return',
});

export const DEMO_PRESETS: readonly DemoPreset[] = [
  {
    name: 'recv-bufsize',
    title: 'recv(bufsize) returns at most bufsize bytes',
    short: 'recv(bufsize)',
    tag: 'recv(1024)',
    lead: 'A client sends one message to an echo server and reads the echo with `recv(bufsize)`, like the notes’ `data = s.recv(1024)`.',
    why: [
      '`recv(bufsize)` hands over whatever the kernel has received so far, but never more than bufsize bytes. A message longer than bufsize needs several recvs; the notes’ client, which calls recv once, would see only the first part.',
      'To read a whole message, keep calling recv until you have all of it — so the program must know how long it is (a length in front, or an end marker such as a newline).',
    ],
    fields: [
      { kind: 'number', key: 'messageBytes', label: 'message', noun: 'The message size', unit: 'bytes', min: 1, max: 1024 * 1024, initial: 5000, help: 'how many bytes the client sends' },
      bufsize(1024),
    ],
  },
  {
    name: 'byte-stream',
    title: 'TCP is a byte stream, not messages',
    short: 'Byte stream',
    tag: 'no boundaries',
    lead: 'The server makes a few small sends while the client is not reading yet, then one large send; the client reads everything with `recv(bufsize)`.',
    why: [
      'TCP keeps the order of the bytes but not where one send ended and the next began. Small sends that wait together in the receiver’s kernel queue come out of a single recv; one large send comes out in as many recvs as it takes.',
      'Nagle’s algorithm can also merge small sends on the sender’s side (it holds a small segment back while an earlier one is unacknowledged); `setNoDelay(true)` — `TCP_NODELAY` in Python — turns it off, and the server here does, so the merging you see happens at the receiver.',
    ],
    fields: [
      { kind: 'sends', key: 'smallSends', label: 'small sends', initial: 'one |two |three', help: `2 to 8 sends, separated by ${SENDS_SEPARATOR}; spaces count` },
      { kind: 'number', key: 'largeBytes', label: 'large send', noun: 'The large send', unit: 'bytes', min: 1, max: 4 * 1024 * 1024, initial: 100_000, help: 'one send this big afterwards' },
      bufsize(4096),
    ],
  },
  {
    name: 'sendall',
    title: 'send(), sendall() and full buffers',
    short: 'send vs sendall',
    tag: 'backpressure',
    lead: 'A client writes far more than its reader takes: the reader sleeps first, then reads everything.',
    why: [
      'Bytes wait in two kernel buffers on the way: the sender’s send queue and the receiver’s receive queue. When nobody reads, both fill up and the kernel takes no more.',
      'Python’s blocking `send()` then waits for room and returns how many bytes it took — often fewer than it was given — so `sendall()` calls it again and again until every byte is taken. Node’s `write()` never blocks: it keeps the rest in the program’s own queue and returns false once that queue is over its high-water mark, asking the program to wait for \'drain\'.',
      'When the reader wakes, every queue moves on: the reader empties its receive queue, the send queue flows across into it, and Node hands its own queue to the kernel and emits \'drain\'.',
    ],
    fields: [
      { kind: 'number', key: 'totalMiB', label: 'total', noun: 'The total', unit: 'MiB', min: 1, max: 64, initial: 16, help: 'bytes the client writes in all' },
      { kind: 'number', key: 'chunkKiB', label: 'each write()', noun: 'Each write()', unit: 'KiB', min: 1, max: 1024, initial: 64, help: 'bytes per write() call' },
      { kind: 'number', key: 'readerPauseMs', label: 'reader sleeps', noun: 'The reader’s sleep', unit: 'ms', min: 0, max: 10_000, initial: 1500, help: 'before it reads anything' },
    ],
  },
  {
    name: 'many-clients',
    title: 'Many clients: one at a time, or an event loop',
    short: 'Many clients',
    tag: 'concurrency',
    lead: 'Clients connect all at once; each sends a line, waits for its echo, keeps the connection a moment (its work), then closes. Two servers take them in turn.',
    why: [
      'The notes’ server is blocking: it serves one client until that client closes, and only then calls `accept()` again. Everyone else waits in the kernel’s accept queue, so the time adds up: clients × hold.',
      'An event-loop server (Node’s net, Python’s `selectors` or `asyncio`) asks the kernel which sockets are ready and serves whichever is, so every client is served at the same time and the whole run takes about one hold. Threads are the other way out.',
    ],
    fields: [
      { kind: 'number', key: 'clients', label: 'clients', noun: 'The number of clients', unit: '', min: 1, max: 1000, initial: 50, help: 'how many connect at once' },
      { kind: 'number', key: 'holdMs', label: 'hold', noun: 'The hold', unit: 'ms', min: 0, max: 1000, initial: 20, help: 'each keeps its connection this long' },
    ],
  },
  {
    name: 'udp',
    title: 'UDP: datagrams, no connection, no second try',
    short: 'UDP for contrast',
    tag: 'SOCK_DGRAM',
    lead: 'A sender sends one datagram to a port where no socket is bound yet, then a receiver binds that port and the sender sends a few small datagrams.',
    why: [
      'UDP has no connection: `sendto()` just hands a datagram to the kernel. With nobody bound to the port, the kernel drops it; nothing is sent again later, so the receiver that binds afterwards never sees it. TCP would have refused the connection (ECONNREFUSED) or kept retrying a lost segment.',
      'Each datagram keeps its boundaries: one `recvfrom()` returns exactly one datagram, never half of one and never two — unlike the small TCP sends above, which came out of one recv.',
    ],
    fields: [{ kind: 'sends', key: 'datagrams', label: 'datagrams', initial: 'one |two |three', help: `2 to 8 datagrams, separated by ${SENDS_SEPARATOR}; spaces count` }],
  },
  {
    name: 'backlog',
    title: 'listen(backlog) and the accept queue',
    short: 'Backlog',
    tag: 'listen(1)',
    lead: 'The notes’ blocking server listens with a small backlog and does not call `accept()` for a while; more clients than that connect meanwhile.',
    why: [
      'The kernel completes each handshake by itself and queues the connection until the program accepts it. On Linux that accept queue holds backlog + 1 connections, and `net.core.somaxconn` caps any backlog a program asks for.',
      'Once the queue is full, Linux silently drops the next clients’ SYNs instead of refusing them. Their `connect()` just waits and sends the SYN again after 1 s, 3 s, 7 s…, so they get in later, once the server starts accepting.',
    ],
    fields: [
      { kind: 'number', key: 'backlog', label: 'backlog', noun: 'The backlog', unit: '', min: 0, max: 16, initial: 1, help: 'the number given to listen()' },
      { kind: 'number', key: 'clients', label: 'clients', noun: 'The number of clients', unit: '', min: 1, max: 16, initial: 4, help: 'how many connect' },
      { kind: 'number', key: 'waitMs', label: 'accept after', noun: 'The wait before accept()', unit: 'ms', min: 100, max: 5000, initial: 1500, help: 'the server starts accepting then' },
    ],
  },
];

/** A preset with its words in `lang` (the numbers and keys are the same in every language). */
function localized(preset: DemoPreset, lang: Lang): DemoPreset {
  if (lang === 'en') return preset;
  const words = PRESET_WORDS_ZH[preset.name];
  const fields = preset.fields.map((f): DemoField => {
    const w = words.fields[f.key];
    if (!w) return f;
    return f.kind === 'number' ? { ...f, label: w.label, help: w.help, noun: w.noun ?? f.noun, unit: w.unit ?? f.unit } : { ...f, label: w.label, help: w.help };
  });
  return { ...preset, title: words.title, short: words.short, tag: words.tag, lead: words.lead, why: words.why, fields };
}

const LOCALIZED: Readonly<Record<Lang, readonly DemoPreset[]>> = {
  en: DEMO_PRESETS,
  zh: DEMO_PRESETS.map((p) => localized(p, 'zh')),
};

/** The presets with their words in `lang`. */
export function presetsIn(lang: Lang): readonly DemoPreset[] {
  return LOCALIZED[lang];
}

export function presetOf(name: DemoName, lang: Lang = 'en'): DemoPreset {
  const preset = LOCALIZED[lang].find((p) => p.name === name);
  if (!preset) throw new Error(`no demonstration ${name}`);
  return preset;
}

/** The fields' starting texts, by key. */
export function initialTexts(preset: DemoPreset): Record<string, string> {
  return Object.fromEntries(preset.fields.map((f) => [f.key, f.kind === 'number' ? String(f.initial) : f.initial]));
}

export interface TextPiece {
  text: string;
  code: boolean;
}

/** Split words at `backticks`: the odd pieces are code. */
export function codePieces(text: string): TextPiece[] {
  return text
    .split('`')
    .map((piece, i) => ({ text: piece, code: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}
