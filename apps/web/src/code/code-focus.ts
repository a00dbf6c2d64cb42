import type { LabEvent, SequencedLabEvent, StepperInfo } from '@socket-playground/protocol';
import type { FlowModel } from '../flow/flow-types.ts';
import type { Lang } from '../i18n/prefs.ts';
import { codeCaptionZh } from './code-text-zh.ts';
import { lastSeqOfLane } from '../flow/flow-model.ts';
import { codeKeyOf, DEFAULT_CODE_PARAMS, lineOf, program, type CodeLang, type CodeParams, type ProgramKind } from './programs.ts';

/**
 * Which line of which program the code panel points at, and with which values the programs
 * are written (the stepped server's address, backlog and bufsize). Pure.
 */

export interface FocusInput {
  /** The events the diagram shows (up to the replay cursor). */
  visible: readonly SequencedLabEvent[];
  model: FlowModel;
  selectedSeq: number | null;
  selectedLane: string | null;
  /** Set while scrubbing: the event the replay stands on. */
  cursor: number | null;
  focusStepper: { labHost: string; stepperId: string } | null;
}

/**
 * The event whose call the code shows: the selected one; else the one the replay stands on;
 * else the newest of the selected lane, or of the stepper being stepped; else the newest.
 */
export function focusEvent(input: FocusInput): SequencedLabEvent | null {
  const { visible, model } = input;
  const find = (seq: number | null) => (seq === null ? undefined : visible.find((e) => e.seq === seq));
  const selected = find(input.selectedSeq);
  if (selected) return selected;
  if (input.cursor !== null) return visible.at(-1) ?? null;
  if (input.selectedLane !== null) {
    const seq = lastSeqOfLane(model, input.selectedLane);
    if (seq !== null) return find(seq) ?? null;
  }
  if (input.focusStepper) {
    const seq = lastSeqOfLane(model, `${input.focusStepper.labHost}/${input.focusStepper.stepperId}`);
    if (seq !== null) return find(seq) ?? null;
  }
  return visible.at(-1) ?? null;
}

export interface CodeHighlight {
  kind: ProgramKind;
  /** 1-based. */
  line: number;
  seq: number;
  event: LabEvent;
}

export function codeHighlight(entry: SequencedLabEvent | null, lang: CodeLang, params: CodeParams): CodeHighlight | null {
  if (!entry) return null;
  const { kind, key } = codeKeyOf(entry.event);
  const line = lineOf(program(lang, kind, params), key);
  return line === null ? null : { kind, line, seq: entry.seq, event: entry.event };
}

/** The sentence above the code: which call of which program, on which line. */
export function codeCaption(h: CodeHighlight, waiting: boolean, lang: Lang = 'en'): string {
  const { event } = h;
  if (lang === 'zh') return codeCaptionZh(h.seq, h.kind, h.line, event, waiting);
  const who = `the ${h.kind}`;
  if (event.call === 'block') return `#${h.seq}: ${who} ${waiting ? 'waits' : 'waited'} in ${event.blockedCall}(), line ${h.line}.`;
  const what = event.call === 'recv' && event.eof ? "recv() returned b''" : event.call === 'error' ? `${event.failedCall}() failed` : `${event.call}()`;
  return `#${h.seq}: ${what} in ${who}, line ${h.line}.`;
}

/**
 * The values the programs show: the stepped server's and client's when there are some (the
 * focused one first), else what the events say (the newest listen's address and backlog).
 */
export function codeParams(steppers: readonly StepperInfo[], visible: readonly SequencedLabEvent[], messages: Readonly<Record<string, string>>, focus: string | null): CodeParams {
  const params: CodeParams = { ...DEFAULT_CODE_PARAMS };
  const pick = (program: StepperInfo['program']) => {
    const all = steppers.filter((s) => s.program === program);
    return all.find((s) => s.stepperId === focus) ?? all.at(-1);
  };
  const server = pick('blocking-echo-server');
  const client = pick('echo-client');
  if (server) {
    params.host = server.target.host;
    params.port = server.listening?.port ?? server.target.port;
    params.backlog = server.backlog ?? params.backlog;
    params.serverBufsize = server.bufsize;
  } else {
    for (let i = visible.length - 1; i >= 0; i--) {
      const { event } = visible[i]!;
      if (event.call === 'listen') {
        params.backlog = event.backlog;
        if (event.local) {
          params.host = event.local.address;
          params.port = event.local.port;
        }
        break;
      }
    }
  }
  if (client) {
    params.clientBufsize = client.bufsize;
    params.message = messages[client.stepperId] ?? params.message;
    if (!server) {
      params.host = client.target.host;
      params.port = client.target.port;
    }
  }
  return params;
}
