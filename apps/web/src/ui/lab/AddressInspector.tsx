import { classifyAddress, type Classification, type Ipv4Classification, type Ipv6Classification } from '@socket-playground/netmodel';
import type { Topology } from '@socket-playground/protocol';
import { useMemo, useState } from 'react';
import { cardAddresses } from '../../netlab/lab-topology.ts';
import { INSPECT_EXAMPLES, octetBits, splitInspectInput } from '../../netlab/inspect-input.ts';
import { useLab } from './lab-context.ts';

/** Type any address: its class, range, row of the notes' special table, bindability on each lab host, NAT. */
export function AddressInspector() {
  const lab = useLab();
  const topology = lab.topology();
  const [text, setText] = useState('192.168.0.255');
  const input = useMemo(() => splitInspectInput(text, topology), [text, topology]);
  const result = useMemo(() => classifyAddress(input.address, input.prefixLen), [input]);

  return (
    <section className="lab-card address-inspector" data-testid="address-inspector" aria-labelledby="inspector-title">
      <div className="lab-card-head">
        <h3 id="inspector-title">Address inspector</h3>
        <span className="muted">strict: only dotted-quad decimal IPv4 and standard IPv6</span>
      </div>
      <div className="inspect-row">
        <label className="field inspect-field">
          <span className="field-label">Address (optionally /prefix)</span>
          <input className="mono" data-testid="inspect-input" value={text} spellCheck={false} autoComplete="off" onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="inspect-examples" aria-label="Examples">
          {INSPECT_EXAMPLES.map((ex) => (
            <button key={ex} type="button" className="chip-button mono" onClick={() => setText(ex)}>
              {ex}
            </button>
          ))}
        </div>
      </div>
      <div className="inspect-result" data-testid="inspect-result" data-ok={result.ok && !input.prefixError} aria-live="polite">
        {input.prefixError ? (
          <Refused reason={input.prefixError} />
        ) : !result.ok ? (
          <Refused reason={result.reason} />
        ) : (
          <Facts c={result} topology={topology} prefixFrom={input.prefixFrom} prefixLen={input.prefixLen} />
        )}
      </div>
    </section>
  );
}

function Refused({ reason }: { reason: string }) {
  return (
    <p className="inspect-refused">
      <strong>Refused:</strong> {reason}
    </p>
  );
}

function Facts({ c, topology, prefixFrom, prefixLen }: { c: Exclude<Classification, { ok: false }>; topology: Topology; prefixFrom: string | null; prefixLen: number | undefined }) {
  return (
    <dl className="inspect-facts">
      <dt>Address</dt>
      <dd>
        <code>{c.address}</code> <span className={`pill pill-${c.publicOrPrivate}`}>{c.publicOrPrivate}</span>
        {prefixLen !== undefined && (
          <span className="muted">
            {' '}
            with /{prefixLen}
            {prefixFrom && ` (taken from ${prefixFrom})`}
          </span>
        )}
      </dd>
      {c.version === 4 ? <V4Facts c={c} /> : <V6Facts c={c} />}
      <dt>Bind it?</dt>
      <dd>
        <ul className="inspect-bind">
          {topology.hosts.map((h) => {
            const here = classifyAddress(c.address, undefined, cardAddresses(topology, h.name));
            const b = here.ok ? here.bindable : null;
            const yes = b?.here === true || b?.verdict === 'yes';
            return (
              <li key={h.name} data-host={h.name} data-bindable={yes}>
                <span className={yes ? 'bind-yes' : 'bind-no'}>{yes ? '✓' : '✗'}</span> <strong>{h.name}</strong>: {b?.meaning}
              </li>
            );
          })}
        </ul>
      </dd>
      <dt>NAT</dt>
      <dd>{c.nat}</dd>
    </dl>
  );
}

function V4Facts({ c }: { c: Ipv4Classification }) {
  const bits = octetBits(c.address);
  const lead = c.class.leadingBits.length;
  return (
    <>
      <dt>Class</dt>
      <dd>
        <strong>{c.class.letter}</strong>{' '}
        {bits && (
          <span className="inspect-bits mono" title="the leading bits that make the class">
            <span className="bits-lead">{bits[0]!.slice(0, lead)}</span>
            {bits[0]!.slice(lead)}.{bits.slice(1).join('.')}
          </span>
        )}
        <div className="muted">{c.class.meaning}</div>
        {c.class.networkPart !== null && (
          <div className="inspect-split mono">
            <span className="split-net" title="network part">
              {c.class.networkPart}
            </span>
            .
            <span className="split-host" title="host part">
              {c.class.hostPart}
            </span>
            <span className="muted"> network · host (classful)</span>
          </div>
        )}
      </dd>
      <dt>Range</dt>
      <dd>
        {c.scopeText}
        {c.privateRange && (
          <>
            {' '}
            — in <code>{c.privateRange}</code>
          </>
        )}
      </dd>
      <dt>Special table</dt>
      <dd data-testid="inspect-special">
        {c.special ? (
          <>
            <code>{c.special.row}</code> {c.special.meaning} <span className="muted">(usable as {c.special.usableAs})</span>
          </>
        ) : (
          <span className="muted">no row of the notes&apos; table applies</span>
        )}
      </dd>
      {c.subnet && (
        <>
          <dt>Subnet</dt>
          <dd>
            <code>
              {c.subnet.network}/{c.subnet.prefixLen}
            </code>{' '}
            mask <code>{c.subnet.mask}</code>
            {c.subnet.broadcast && (
              <>
                {' '}
                broadcast <code>{c.subnet.broadcast}</code>
              </>
            )}{' '}
            — this address is the <strong>{c.subnet.role.replace('-', ' ')}</strong>
          </dd>
        </>
      )}
    </>
  );
}

function V6Facts({ c }: { c: Ipv6Classification }) {
  return (
    <>
      <dt>Kind</dt>
      <dd>{c.kindText}</dd>
      {c.subnet && (
        <>
          <dt>Prefix</dt>
          <dd>
            <code>
              {c.subnet.network}/{c.subnet.prefixLen}
            </code>
          </dd>
        </>
      )}
    </>
  );
}
