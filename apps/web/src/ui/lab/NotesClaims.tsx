import type { BindChoice, MatrixResult } from '@socket-playground/protocol';
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import { claimRows, englishQuote, notesCaseFor, notesPoints, type ClaimRow } from '../../netlab/notes-view.ts';

interface Props {
  bind: BindChoice;
  /** The last real run for this bind, if any. */
  result: MatrixResult | null;
  /** Peer addresses the server's accept() returned in that run. */
  accepted: readonly string[];
}

/** The notes' table for the picked bind, set against the model and the real run; what the notes leave out. */
export function NotesClaims({ bind, result, accepted }: Props) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const match = useMemo(() => notesCaseFor(bind), [bind]);
  const rows = useMemo(() => (match.notesCase ? claimRows(match.notesCase, result, bind.port, lang) : []), [match, result, bind.port, lang]);
  const points = useMemo(() => notesPoints(bind, result, accepted, lang), [bind, result, accepted, lang]);
  const wrong = rows.filter((r) => r.wrong).length;
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section className="lab-card notes-card" data-testid="notes-claims" aria-labelledby="notes-title">
      <div className="lab-card-head">
        <h3 id="notes-title">{t('lab.notesTitle')}</h3>
        {match.notesCase && (
          <span className={wrong > 0 ? 'pill pill-bad' : 'pill pill-good'} data-testid="notes-verdict">
            {wrong === 0 ? t('lab.allHold') : t('lab.claimsWrong', { wrong, n: rows.length })}
          </span>
        )}
      </div>
      {match.notesCase ? (
        <>
          <blockquote className="notes-quote">
            {/* The notes are Chinese: a Chinese reader gets the original alone. */}
            <p>{lang === 'zh' ? match.notesCase.quote : (englishQuote(match.notesCase) ?? match.notesCase.quote)}</p>
            {lang !== 'zh' && englishQuote(match.notesCase) && (
              <p className="notes-original" lang="zh">
                {match.notesCase.quote}
              </p>
            )}
          </blockquote>
          {match.sameAs && <p className="help">{t('lab.sameAs', { case: match.sameAs })}</p>}
          <table className="notes-table">
            <thead>
              <tr>
                <th scope="col">{t('lab.colClaim')}</th>
                <th scope="col">{t('lab.colNotes')}</th>
                <th scope="col">{result ? t('lab.colReal') : t('lab.colModel')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <ClaimTr key={r.key} row={r} open={open === r.key} onToggle={() => setOpen(open === r.key ? null : r.key)} />
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="help" data-testid="notes-none">
          <Trans i18nKey="lab.noRow" values={{ bind: bind.hosts.map((h) => (h === '' ? "''" : h)).join(' + ') }} components={{ code: <code /> }} />
        </p>
      )}
      <h4 className="notes-sub">{t('lab.leaveOut')}</h4>
      <ul className="notes-points">
        {points.map((p) => (
          <li key={p.topic} data-testid="notes-point" data-topic={p.topic}>
            <strong>
              {p.title}
              {lang === 'zh' ? '。' : '.'}
            </strong>{' '}
            {p.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ClaimTr({ row, open, onToggle }: { row: ClaimRow; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const shown = row.real ?? row.model;
  return (
    <>
      <tr className={row.wrong ? 'claim claim-wrong' : 'claim'} data-testid="notes-claim" data-client={row.client} data-target={row.target} data-wrong={row.wrong}>
        <td>
          <button type="button" className="link-button claim-toggle" aria-expanded={open} onClick={onToggle}>
            {row.client} → <code>{row.target}</code>
          </button>
        </td>
        <td>{row.notes ? t('lab.can') : t('lab.cannot')}</td>
        <td className={shown === 'connected' ? 'claim-ok' : 'claim-no'}>
          {shown === 'connected' ? '✓' : shown}
          {row.wrong && <span className="claim-flag">{t('lab.notesWrong')}</span>}
        </td>
      </tr>
      {(open || row.wrong) && (
        <tr className="claim-why">
          <td colSpan={3}>{row.explanation}</td>
        </tr>
      )}
    </>
  );
}
