import type { AppDone, WireError } from '@socket-playground/protocol';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BROKEN_PRESETS,
  brokenForm,
  CHUNKINGS,
  craftedFromAction,
  INITIAL_FORM,
  plannedBytes,
  planWrites,
  requestBody,
  type RequestForm,
} from '../../app-proto/request-form.ts';
import { appRunsOf } from '../../app-proto/app-runs.ts';
import { formatByteCount } from '../../format/bytes.ts';
import { parsePortField } from '../../format/form-fields.ts';
import { useConnection } from '../hooks.ts';
import { HostPortFields } from '../HostPortFields.tsx';

const SOURCE = 'Application client';

export type AppOutcome = { kind: 'done'; result: AppDone } | { kind: 'failed'; error: WireError };

/** The application client: an action and a value as libclient.py sends them, or a request crafted by hand, cut into writes. */
export function AppClientForm({ defaultPort, onOutcome }: { defaultPort: number | null; onOutcome: (outcome: AppOutcome | null) => void }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const [form, setForm] = useState<RequestForm>(INITIAL_FORM);
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RequestForm>) => setForm((f) => ({ ...f, ...patch }));
  const bytes = useMemo(() => plannedBytes(form), [form]);
  const plan = planWrites(form, bytes);
  const lieBad = form.mode === 'crafted' && form.lieLength && !(/^\d+$/.test(form.protoheader.trim()) && Number(form.protoheader) <= 0xffff);
  const portText = port.trim() === '' && defaultPort !== null ? String(defaultPort) : port;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!plan.ok || lieBad) return;
    const portField = parsePortField(portText);
    if (!portField.ok) return onOutcome({ kind: 'failed', error: portField.error });
    setBusy(true);
    onOutcome(null);
    const reply = await connection.command(
      { type: 'app.request', host, port: portField.value, request: requestBody(form, bytes), chunks: plan.chunks, gapMs: plan.gapMs, finish: form.finish },
      SOURCE,
    );
    setBusy(false);
    if (!reply.ok) return onOutcome({ kind: 'failed', error: reply.error });
    if (reply.result.kind !== 'app.done') return;
    // The pane shows the newest run in the page's list (lessons count it too).
    appRunsOf(connection).add(reply.result);
  };

  const writes = plan.ok ? plan.chunks.length + (plan.chunks.reduce((n, c) => n + c, 0) < bytes.wire.length ? 1 : 0) : 0;
  return (
    <section className="card app-card" aria-labelledby="app-client-title">
      <h3 id="app-client-title">{t('proto.client.title')}</h3>
      <p className="card-lead">{t('proto.client.lead')}</p>
      <form className="form" onSubmit={(e) => void send(e)}>
        <div className="field-row field-row-client">
          <HostPortFields host={host} port={port} onHost={setHost} onPort={setPort} testId="app-client" portPlaceholder={defaultPort === null ? '' : String(defaultPort)} />
        </div>
        <fieldset className="app-fieldset">
          <legend className="field-label">{t('proto.client.modeLabel')}</legend>
          <div className="segmented" role="radiogroup" aria-label={t('proto.client.modeLabel')}>
            {(['action', 'crafted'] as const).map((mode) => (
              <button key={mode} type="button" role="radio" aria-checked={form.mode === mode} className={form.mode === mode ? 'seg on' : 'seg'} data-testid={`app-mode-${mode}`} onClick={() => set(mode === 'crafted' && form.header === '' ? { mode, ...craftedFromAction(form.action, form.value) } : { mode })}>
                {mode === 'action' ? t('proto.client.modeAction') : t('proto.client.modeCrafted')}
              </button>
            ))}
          </div>
        </fieldset>
        {form.mode === 'action' ? (
          <>
            <div className="field-row app-action-row">
              <label className="field">
                <span className="field-label">{t('proto.client.action')}</span>
                <input className="mono" data-testid="app-action" list="app-actions" value={form.action} maxLength={64} spellCheck={false} autoComplete="off" onChange={(e) => set({ action: e.target.value })} />
                <datalist id="app-actions">
                  <option value="search" />
                  <option value="double" />
                  <option value="negate" />
                </datalist>
              </label>
              <label className="field">
                <span className="field-label">{t('proto.client.value')}</span>
                <input className="mono" data-testid="app-value" value={form.value} maxLength={4096} spellCheck={false} autoComplete="off" onChange={(e) => set({ value: e.target.value })} />
              </label>
            </div>
            <p className="help">{t('proto.client.actionHelp')}</p>
          </>
        ) : (
          <CraftedFields form={form} set={set} actualHeader={bytes.headerLength} lieBad={lieBad} />
        )}
        <p className="app-sizes" data-testid="app-sizes">
          <span className="mono">{t('proto.client.sizes', { protoheader: 2, header: bytes.headerLength, content: bytes.contentLength, total: bytes.wire.length })}</span>{' '}
          <span className="muted">({t('proto.client.sizesCaption')})</span>
        </p>
        <fieldset className="app-fieldset">
          <legend className="field-label">{t('proto.client.chunking')}</legend>
          <div className="app-chunkings">
            {CHUNKINGS.map((c) => (
              <label key={c} className="radio">
                <input type="radio" name="app-chunking" data-testid={`app-chunking-${c}`} checked={form.chunking === c} onChange={() => set({ chunking: c, gapMs: c === 'bytes' ? '10' : form.gapMs })} />
                <span>{t(`proto.client.chunkings.${c}`)}</span>
              </label>
            ))}
          </div>
          <div className="field-row app-chunk-row">
            {form.chunking === 'custom' && (
              <label className="field">
                <span className="field-label">{t('proto.client.customSizes')}</span>
                <input className="mono" data-testid="app-sizes-input" value={form.sizes} spellCheck={false} autoComplete="off" onChange={(e) => set({ sizes: e.target.value })} />
              </label>
            )}
            {form.chunking !== 'whole' && (
              <label className="field">
                <span className="field-label">{t('proto.client.gap')}</span>
                <input className="mono" data-testid="app-gap" inputMode="numeric" value={form.gapMs} autoComplete="off" onChange={(e) => set({ gapMs: e.target.value })} />
              </label>
            )}
          </div>
          {plan.ok && <p className="help">{t('proto.client.writes', { count: writes })}</p>}
        </fieldset>
        <fieldset className="app-fieldset">
          <legend className="field-label">{t('proto.client.finish')}</legend>
          {(['wait-reply', 'close-after-send'] as const).map((f) => (
            <label key={f} className="radio">
              <input type="radio" name="app-finish" data-testid={`app-finish-${f}`} checked={form.finish === f} onChange={() => set({ finish: f })} />
              <span>{f === 'wait-reply' ? t('proto.client.finishWait') : t('proto.client.finishClose')}</span>
            </label>
          ))}
        </fieldset>
        {!plan.ok && (
          <p className="outcome outcome-bad" role="alert" data-testid="app-problem">
            {t(`proto.client.problems.${plan.problem}`)}
          </p>
        )}
        {lieBad && (
          <p className="outcome outcome-bad" role="alert" data-testid="app-problem">
            {t('proto.client.problems.protoheader')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="app-send" disabled={busy || !plan.ok || lieBad}>
            {busy ? t('proto.client.sending') : t('proto.client.send')}
          </button>
          <span className="muted">{formatByteCount(bytes.wire.length)}</span>
        </div>
      </form>
    </section>
  );
}

function CraftedFields({ form, set, actualHeader, lieBad }: { form: RequestForm; set: (patch: Partial<RequestForm>) => void; actualHeader: number; lieBad: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="app-broken">
        <span className="field-label">{t('proto.client.broken')}</span>
        {BROKEN_PRESETS.map((preset) => (
          <button key={preset} type="button" className="app-chip" data-testid={`app-broken-${preset}`} onClick={() => set(brokenForm(preset, form))}>
            {t(`proto.client.brokenNames.${preset}`)}
          </button>
        ))}
        <button type="button" className="link-button" onClick={() => set({ ...craftedFromAction(form.action, form.value), lieLength: false, protoheader: '' })}>
          {t('proto.client.fromAction')}
        </button>
      </div>
      <label className="field">
        <span className="field-label">{t('proto.client.header')}</span>
        <textarea className="mono" data-testid="app-header" rows={3} value={form.header} spellCheck={false} onChange={(e) => set({ header: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{t('proto.client.content')}</span>
        <textarea className="mono" data-testid="app-content" rows={2} value={form.content} spellCheck={false} onChange={(e) => set({ content: e.target.value })} />
      </label>
      <div className="app-lie">
        <label className="checkbox">
          <input type="checkbox" data-testid="app-lie" checked={form.lieLength} onChange={(e) => set({ lieLength: e.target.checked, protoheader: form.protoheader || String(actualHeader) })} />
          <span>{t('proto.client.lie')}</span>
        </label>
        <input className={lieBad ? 'mono app-lie-input field-bad' : 'mono app-lie-input'} data-testid="app-protoheader" inputMode="numeric" disabled={!form.lieLength} value={form.lieLength ? form.protoheader : String(actualHeader)} aria-label={t('proto.client.lie')} onChange={(e) => set({ protoheader: e.target.value })} />
        <span className="muted">{t('proto.client.lieSuffix', { actual: actualHeader })}</span>
      </div>
    </>
  );
}
