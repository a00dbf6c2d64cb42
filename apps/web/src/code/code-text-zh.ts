import type { LabEvent } from '@socket-playground/protocol';
import type { CodeLang, ProgramKind } from './programs.ts';

/**
 * The code panel's sentences in 简体中文 (see code-focus.ts and programs.ts for the English). The
 * programs themselves stay code; API names stay as they are.
 */

const WHO: Record<ProgramKind, string> = { server: '服务器', client: '客户端' };

/** "#6：服务器在 accept() 中等待，第 10 行。" */
export function codeCaptionZh(seq: number, kind: ProgramKind, line: number, event: LabEvent, waiting: boolean): string {
  const who = WHO[kind];
  if (event.call === 'block') return `#${seq}：${who}${waiting ? '正在' : '曾在'} ${event.blockedCall}() 中等待，第 ${line} 行。`;
  const what = event.call === 'recv' && event.eof ? "recv() 返回了 b''" : event.call === 'error' ? `${event.failedCall}() 失败` : `${event.call}()`;
  return `#${seq}：${who}中的 ${what}，第 ${line} 行。`;
}

const NOTES_ZH: Record<CodeLang, Record<ProgramKind, string>> = {
  python: {
    server: '这里的每个调用都会阻塞：线程在 accept() 和 recv() 里等待，直到内核有东西交给它。',
    client: '两端内核完成握手后 connect() 就返回；这时服务器不一定已经调用了 accept()。',
  },
  typescript: {
    server: "这里没有任何调用会阻塞：Node 在 'connection' 和 'data' 时回调。Node 读取内核现有的全部数据（最多 64 KiB）；它没有 recv(bufsize)。",
    client: "net.connect() 完成 socket() 和 connect()；两端内核完成握手后触发 'connect'。",
  },
};

export function programNoteZh(lang: CodeLang, kind: ProgramKind): string {
  return NOTES_ZH[lang][kind];
}
