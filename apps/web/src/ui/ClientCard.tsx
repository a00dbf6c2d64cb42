import { DEFAULTS, LIMITS, type Endpoint, type WireError } from '@socket-playground/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { explain } from '../bridge/page-errors.ts';
import { currentLang } from '../i18n/i18n.ts';
import { formatEndpoint } from '../format/address.ts';
import { base64ToBytes, decodeUtf8, formatByteCount, pythonBytesRepr, utf8Length } from '../format/bytes.ts';
import { errorCodeLine } from '../format/event-text.ts';
import { parsePortField } from '../format/form-fields.ts';
import { useConnection } from './hooks.ts';
import { HostPortFields } from './HostPortFields.tsx';

const SOURCE = 'Echo client';

type Result =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; repr: string; text: string; bytes: number; local: Endpoint; remote: Endpoint; echoed: boolean }
  | { kind: 'failed'; error: WireError; code: string };

/** The echo client: one connect, send, recv, close, like echo-client.py. */
export function ClientCard() {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const [host, setHost] = useState<string>(DEFAULTS.host);
  const [port, setPort] = useState(String(DEFAULTS.port));
  const [message, setMessage] = useState<string>(DEFAULTS.message);
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const size = utf8Length(message);

  const fail = (error: WireError) => setResult({ kind: 'failed', error, code: errorCodeLine(error.code, error.syscall) });

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const portField = parsePortField(port);
    if (!portField.ok) {
      connection.notices.push(portField.error, SOURCE);
      return fail(portField.error);
    }
    setResult({ kind: 'running' });
    const reply = await connection.command({ type: 'client.run', host, port: portField.value, message }, SOURCE);
    if (!reply.ok) return fail(reply.error);
    if (reply.result.kind !== 'client.done') return;
    const { received, local, remote, echoed } = reply.result;
    const bytes = base64ToBytes(received);
    setResult({ kind: 'done', repr: pythonBytesRepr(bytes), text: decodeUtf8(bytes), bytes: bytes.length, local, remote, echoed });
  };

  return (
    <section className="card" aria-labelledby="client-card-title">
      <h2 id="client-card-title">{t('client.title')}</h2>
      <p className="card-lead">{t('client.lead')}</p>
      <form onSubmit={(e) => void run(e)} className="form">
        <div className="field-row field-row-client">
          <HostPortFields host={host} port={port} onHost={setHost} onPort={setPort} testId="client" />
        </div>
        <label className="field">
          <span className="field-label">
            {t('client.message')} <span className={size > LIMITS.maxEchoMessageBytes ? 'field-count field-count-over' : 'field-count'}>{t('client.asUtf8', { size: formatByteCount(size, currentLang(i18n)) })}</span>
          </span>
          <input className="mono" data-testid="client-message" value={message} spellCheck={false} autoComplete="off" onChange={(e) => setMessage(e.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="client-run" disabled={result.kind === 'running'}>
            {result.kind === 'running' ? t('client.running') : t('client.run')}
          </button>
        </div>
        <ClientResult result={result} />
      </form>
    </section>
  );
}

function ClientResult({ result }: { result: Result }) {
  const { t, i18n } = useTranslation();
  switch (result.kind) {
    case 'idle':
      return (
        <div className="client-result client-result-idle" data-testid="client-result">
          {t('client.idle')}
        </div>
      );
    case 'running':
      return (
        <div className="client-result" data-testid="client-result">
          {t('client.running')}
        </div>
      );
    case 'done':
      return (
        <div className="client-result client-result-ok" data-testid="client-result">
          <div className="mono client-received">{t('client.received')} {result.repr}</div>
          {result.repr !== `b'${result.text}'` && <div className="client-text">{t('client.asText')} {result.text}</div>}
          <div className="client-ports">
            {formatByteCount(result.bytes, currentLang(i18n))} · {t('client.local')} <span className="mono">{formatEndpoint(result.local)}</span> → {t('client.remote')}{' '}
            <span className="mono">{formatEndpoint(result.remote)}</span>
          </div>
          <div className={result.echoed ? 'client-echo' : 'client-echo client-echo-bad'}>
            {result.echoed ? t('client.same') : t('client.differs')}
          </div>
        </div>
      );
    case 'failed': {
      const explanation = explain(result.error, currentLang(i18n));
      return (
        <div className="client-result client-result-bad" data-testid="client-result">
          <strong>{explanation.title}</strong>
          <div>{explanation.why}</div>
          <div className="notice-code mono">{result.code}</div>
        </div>
      );
    }
  }
}
