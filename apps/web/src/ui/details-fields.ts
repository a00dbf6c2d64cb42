import type { LabEvent } from '@socket-playground/protocol';
import { explain } from '../bridge/page-errors.ts';
import { closeReasonTextZh, NODE_MAPPING_ZH, ROLES_ZH, STEP_MAPPING_ZH } from '../format/event-text-zh.ts';
import type { enCalls } from '../i18n/en/calls.ts';
import type { Lang } from '../i18n/prefs.ts';

/**
 * The details panel in the page's language: eventFields() (format/event-text.ts) labels its
 * fields in English; these are the keys of their names in `calls.details.fields`, and the values
 * that are words, in 简体中文. Numbers, addresses, API names and errno codes stay as they are. Pure.
 */
export type FieldKey = keyof typeof enCalls.details.fields;

export const FIELD_KEYS: Readonly<Record<string, FieldKey>> = {
  seq: 'seq',
  call: 'call',
  time: 'time',
  'ts (epoch ms)': 'epoch',
  'lab host': 'labHost',
  socket: 'socket',
  owner: 'owner',
  role: 'role',
  inside: 'inside',
  local: 'local',
  remote: 'remote',
  'blocked in': 'blockedIn',
  bufsize: 'bufsize',
  family: 'family',
  requested: 'requested',
  backlog: 'backlog',
  'new socket': 'newSocket',
  target: 'target',
  handshake: 'handshake',
  bytes: 'bytes',
  'stream offset': 'streamOffset',
  'queued in Node': 'queuedInNode',
  eof: 'eof',
  'data id': 'dataId',
  reason: 'reason',
  'bytes sent': 'bytesSent',
  'bytes received': 'bytesReceived',
  'failed call': 'failedCall',
  error: 'error',
  errno: 'errno',
  what: 'what',
  why: 'why',
  'raw message': 'rawMessage',
  'in Node': 'inNode',
};

/** A field's value in Chinese, where it is words; otherwise the value as it is. */
export function fieldValueZh(key: FieldKey | undefined, value: string, event: LabEvent): string {
  switch (key) {
    case 'role':
      return ROLES_ZH[event.role];
    case 'eof':
      return event.call === 'recv' && event.eof ? '是：recv() 返回了 0' : '否';
    case 'reason':
      return event.call === 'close' ? closeReasonTextZh(event.reason) : value;
    case 'what':
    case 'why':
      if (event.call !== 'error') return value;
      return explain(event.error, 'zh')[key === 'what' ? 'title' : 'why'];
    case 'inNode': {
      const call = event.call === 'recv' && event.eof ? 'eof' : event.call;
      const stepped = event.owner.startsWith('step') ? STEP_MAPPING_ZH[call] : undefined;
      return stepped ?? NODE_MAPPING_ZH[call] ?? value;
    }
    default:
      return value;
  }
}

/** Every field, its name and value in the page's language; `label` stays the English key. */
export function localizeFields(fields: ReadonlyArray<[string, string]>, event: LabEvent, lang: Lang, name: (key: FieldKey) => string): Array<{ label: string; name: string; value: string }> {
  return fields.map(([label, value]) => {
    const key = FIELD_KEYS[label];
    return { label, name: key ? name(key) : label, value: lang === 'zh' ? fieldValueZh(key, value, event) : value };
  });
}
