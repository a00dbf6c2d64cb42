import { DEFAULTS, type WireError } from '@socket-playground/protocol';
import { useState, type FormEvent } from 'react';
import { explain } from '../bridge/page-errors.ts';
import { isLoopbackHost } from '../format/address.ts';
import { parseBacklogField, parsePortField } from '../format/form-fields.ts';
import { formatEndpoint } from '../format/address.ts';
import { useConnection } from './hooks.ts';

const SOURCE = 'Start server';

type Outcome = { ok: true; text: string } | { ok: false; title: string } | null;

/** The explanation lives in the Errors card, further down the column. */
function showErrors() {
  document.getElementById('errors-title')?.closest('section')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

/** The echo server form: where the learner chooses what bind() and listen() get. */
export function ServerCard() {
  const connection = useConnection();
  const [host, setHost] = useState<string>(DEFAULTS.host);
  const [port, setPort] = useState(String(DEFAULTS.port));
  const [backlog, setBacklog] = useState(String(DEFAULTS.backlog));
  const [expose, setExpose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const exposed = !isLoopbackHost(host);

  const refuse = (error: WireError) => {
    connection.notices.push(error, SOURCE);
    setOutcome({ ok: false, title: explain(error).title });
  };

  const start = async (e: FormEvent) => {
    e.preventDefault();
    const portField = parsePortField(port);
    if (!portField.ok) return refuse(portField.error);
    const backlogField = parseBacklogField(backlog);
    if (!backlogField.ok) return refuse(backlogField.error);
    setBusy(true);
    setOutcome(null);
    const reply = await connection.command(
      { type: 'server.start', host, port: portField.value, backlog: backlogField.value, exposeConfirmed: exposed && expose },
      SOURCE,
    );
    setBusy(false);
    if (!reply.ok) setOutcome({ ok: false, title: explain(reply.error).title });
    else if (reply.result.kind === 'server.started') setOutcome({ ok: true, text: `Listening on ${formatEndpoint(reply.result.listening)}` });
  };

  return (
    <section className="card" aria-labelledby="server-card-title">
      <h2 id="server-card-title">Echo server</h2>
      <p className="card-lead">Sends every byte it receives straight back, like echo-server.py.</p>
      <form onSubmit={(e) => void start(e)} className="form">
        <div className="field-row field-row-server">
          <label className="field">
            <span className="field-label">Host</span>
            <input className="mono" data-testid="server-host" list="server-host-options" value={host} maxLength={253} spellCheck={false} autoComplete="off" onChange={(e) => setHost(e.target.value)} />
            <datalist id="server-host-options">
              <option value="127.0.0.1">IPv4 loopback: this machine only</option>
              <option value="localhost">a name for loopback</option>
              <option value="::1">IPv6 loopback</option>
              <option value="0.0.0.0">every IPv4 interface</option>
              <option value="::">every IPv6 interface</option>
            </datalist>
          </label>
          <label className="field">
            <span className="field-label">Port</span>
            <input className="mono" data-testid="server-port" inputMode="numeric" value={port} spellCheck={false} autoComplete="off" onChange={(e) => setPort(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">Backlog</span>
            <input className="mono" data-testid="server-backlog" inputMode="numeric" value={backlog} spellCheck={false} autoComplete="off" onChange={(e) => setBacklog(e.target.value)} />
          </label>
        </div>
        <p className="help">
          Backlog: how many finished handshakes the kernel may queue before accept() takes them. Port 0 lets the kernel
          choose a free port.
        </p>
        {exposed && (
          <div className="expose">
            <label className="checkbox">
              <input type="checkbox" data-testid="server-expose" checked={expose} onChange={(e) => setExpose(e.target.checked)} />
              <span>Let other machines on my network connect to this server</span>
            </label>
            <p className="expose-warning">
              {host.trim() === '' ? 'An empty host' : <code>{host}</code>} is not a loopback address: a server bound to it can be
              reached from other computers, not just this one. Anything they send is echoed back to them.
            </p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="server-start" disabled={busy}>
            {busy ? 'Starting…' : 'Start server'}
          </button>
          {outcome && (
            <span className={outcome.ok ? 'outcome outcome-ok' : 'outcome outcome-bad'} role="status">
              {outcome.ok ? outcome.text : outcome.title}
              {!outcome.ok && (
                <>
                  {' '}
                  <button type="button" className="link-button outcome-why" onClick={showErrors}>
                    why?
                  </button>
                </>
              )}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
