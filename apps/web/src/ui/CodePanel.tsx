import { memo, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { codeCaption, type CodeHighlight } from '../code/code-focus.ts';
import { program, programNote, type CodeLang, type CodeParams, type CodeProgram, type ProgramKind } from '../code/programs.ts';
import { currentLang } from '../i18n/i18n.ts';

const KEYWORDS: Record<CodeLang, ReadonlySet<string>> = {
  python: new Set(['import', 'with', 'as', 'while', 'True', 'if', 'not', 'break', 'print']),
  typescript: new Set(['import', 'from', 'const', 'as']),
};

/** Just enough colour to read code: comments, strings, keywords. */
function colour(text: string, lang: CodeLang): ReactNode[] {
  const comment = lang === 'python' ? text.indexOf('  #') : text.indexOf('//');
  const code = comment >= 0 ? text.slice(0, comment) : text;
  const out: ReactNode[] = [];
  const re = /(f?"(?:[^"\\]|\\.)*"|b"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\b[A-Za-z_]+\b)/g;
  let last = 0;
  let key = 0;
  for (const m of code.matchAll(re)) {
    const word = m[0];
    const at = m.index;
    if (at > last) out.push(code.slice(last, at));
    if (/^[fb]?["'`]/.test(word) && word.length > 1 && !/^[fb][A-Za-z_]/.test(word)) out.push(<span key={key++} className="tok-str">{word}</span>);
    else if (KEYWORDS[lang].has(word)) out.push(<span key={key++} className="tok-kw">{word}</span>);
    else out.push(word);
    last = at + word.length;
  }
  if (last < code.length) out.push(code.slice(last));
  if (comment >= 0) out.push(<span key="comment" className="tok-comment">{text.slice(comment)}</span>);
  return out;
}

const ProgramView = memo(function ProgramView({ prog, lang, active, marker, note }: { prog: CodeProgram; lang: CodeLang; active: number | null; marker: string; note: string }) {
  return (
    <section className={`code-program${active !== null ? ' code-program-active' : ''}`} aria-label={prog.file}>
      <div className="code-file mono">{prog.file}</div>
      {/* Focusable: it scrolls sideways, and a keyboard must reach it (axe: scrollable-region-focusable). */}
      <pre className="code-lines" tabIndex={0}>
        {prog.lines.map((line, i) => {
          const n = i + 1;
          const on = n === active;
          return (
            <div key={n} className={on ? 'code-line active' : 'code-line'} data-testid={on ? 'code-line-active' : 'code-line'} data-line={n}>
              <span className="code-ln">{n}</span>
              <span className="code-text">{colour(line.text, lang)}</span>
              {on && <span className="code-marker">{marker}</span>}
            </div>
          );
        })}
      </pre>
      <p className="code-note">{note}</p>
    </section>
  );
});

export interface CodePanelProps {
  lang: CodeLang;
  params: CodeParams;
  highlight: CodeHighlight | null;
  /** The highlighted call is still waiting in the kernel. */
  waiting: boolean;
  onLang: (lang: CodeLang) => void;
}

/** The echo server and client, with the line behind the selected (or newest) call highlighted. */
export function CodePanel({ lang, params, highlight, waiting, onLang }: CodePanelProps) {
  const { t, i18n } = useTranslation();
  const ui = currentLang(i18n);
  const kinds: ProgramKind[] = ['server', 'client'];
  const panel = useRef<HTMLElement>(null);
  // Keep the highlighted line in view, scrolling the panel only (never the page).
  useEffect(() => {
    const box = panel.current;
    const line = box?.querySelector('[data-testid="code-line-active"]');
    if (!box || !line) return;
    const b = box.getBoundingClientRect();
    const l = line.getBoundingClientRect();
    if (l.top < b.top + 90) box.scrollTop -= b.top + 90 - l.top;
    else if (l.bottom > b.bottom - 24) box.scrollTop += l.bottom - b.bottom + 24;
  }, [highlight?.kind, highlight?.line, lang]);
  const marker = highlight ? (waiting ? t('calls.code.waiting', { seq: highlight.seq }) : `◀ #${highlight.seq}`) : '';
  return (
    <aside className="code-panel" data-testid="code-panel" aria-labelledby="code-title" ref={panel}>
      <div className="code-top">
        <div className="code-head">
          <h3 id="code-title">{t('calls.code.title')}</h3>
          <div className="segmented" role="group" aria-label={t('calls.code.language')}>
            {(['python', 'typescript'] as const).map((l) => (
              <button key={l} type="button" className={l === lang ? 'seg on' : 'seg'} aria-pressed={l === lang} data-testid={`code-lang-${l}`} onClick={() => onLang(l)}>
                {l === 'python' ? 'Python' : 'TypeScript'}
              </button>
            ))}
          </div>
        </div>
        <p className="code-caption" data-testid="code-caption">
          {highlight ? codeCaption(highlight, waiting, ui) : t('calls.code.pick')}
        </p>
      </div>
      <div className="code-programs">
        {kinds.map((kind) => {
          const prog = program(lang, kind, params);
          return <ProgramView key={kind} prog={prog} lang={lang} active={highlight?.kind === kind ? highlight.line : null} marker={marker} note={programNote(prog, lang, ui)} />;
        })}
      </div>
    </aside>
  );
}
