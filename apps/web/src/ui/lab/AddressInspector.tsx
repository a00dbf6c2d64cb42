import { classifyAddress, type Classification, type Ipv4Classification, type Ipv6Classification } from '@socket-playground/netmodel';
import type { Topology } from '@socket-playground/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import type { Lang } from '../../i18n/prefs.ts';
import {
  bindableZh,
  CLASS_MEANING_ZH,
  kindTextZh,
  KIND_NAT_ZH,
  NAT_V4_ZH,
  prefixErrorZh,
  rejectZh,
  SCOPE_TEXT_ZH,
  specialRowZh,
} from '../../netlab/address-words-zh.ts';
import { cardAddresses } from '../../netlab/lab-topology.ts';
import { INSPECT_EXAMPLES, octetBits, splitInspectInput } from '../../netlab/inspect-input.ts';
import { useLab } from './lab-context.ts';

/** Type any address: its class, range, row of the notes' special table, bindability on each lab host, NAT. */
export function AddressInspector() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const lab = useLab();
  const topology = lab.topology();
  const [text, setText] = useState('192.168.0.255');
  const input = useMemo(() => splitInspectInput(text, topology), [text, topology]);
  const result = useMemo(() => classifyAddress(input.address, input.prefixLen), [input]);

  return (
    <section className="lab-card address-inspector" data-testid="address-inspector" aria-labelledby="inspector-title">
      <div className="lab-card-head">
        <h3 id="inspector-title">{t('lab.inspTitle')}</h3>
        <span className="muted">{t('lab.inspStrict')}</span>
      </div>
      <div className="inspect-row">
        <label className="field inspect-field">
          <span className="field-label">{t('lab.inspField')}</span>
          <input className="mono" data-testid="inspect-input" value={text} spellCheck={false} autoComplete="off" onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="inspect-examples" aria-label={t('lab.inspExamples')}>
          {INSPECT_EXAMPLES.map((ex) => (
            <button key={ex} type="button" className="chip-button mono" onClick={() => setText(ex)}>
              {ex}
            </button>
          ))}
        </div>
      </div>
      <div className="inspect-result" data-testid="inspect-result" data-ok={result.ok && !input.prefixError} aria-live="polite">
        {input.prefixError ? (
          <Refused reason={lang === 'zh' ? prefixErrorZh(text.slice(text.indexOf('/') + 1)) : input.prefixError} />
        ) : !result.ok ? (
          <Refused reason={lang === 'zh' ? rejectZh(result.code, input.address, input.address.includes(':') ? 6 : 4) : result.reason} />
        ) : (
          <Facts c={result} topology={topology} prefixFrom={input.prefixFrom} prefixLen={input.prefixLen} lang={lang} />
        )}
      </div>
    </section>
  );
}

function Refused({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <p className="inspect-refused">
      <strong>{t('lab.inspRefused')}</strong> {reason}
    </p>
  );
}

const PILL_KEY = { public: 'lab.pillPublic', private: 'lab.pillPrivate', special: 'lab.pillSpecial' } as const;
const USABLE_KEY = { source: 'lab.usableSource', destination: 'lab.usableDestination', both: 'lab.usableBoth', neither: 'lab.usableNeither' } as const;
const ROLE_KEY = { 'network-address': 'lab.roleNetwork', 'broadcast-address': 'lab.roleBroadcast', host: 'lab.roleHost' } as const;

interface FactsProps {
  c: Exclude<Classification, { ok: false }>;
  topology: Topology;
  prefixFrom: string | null;
  prefixLen: number | undefined;
  lang: Lang;
}

/** NAT for the address: netmodel's English, or the Chinese by scope/kind (a directed broadcast has its own line). */
function natText(c: Exclude<Classification, { ok: false }>, lang: Lang): string {
  if (lang !== 'zh') return c.nat;
  if (c.version === 6) return KIND_NAT_ZH[c.kind];
  return c.special?.row.startsWith('{net-id') ? NAT_V4_ZH['directed-broadcast'] : NAT_V4_ZH[c.scope];
}

function Facts({ c, topology, prefixFrom, prefixLen, lang }: FactsProps) {
  const { t } = useTranslation();
  return (
    <dl className="inspect-facts">
      <dt>{t('lab.factAddress')}</dt>
      <dd>
        <code>{c.address}</code> <span className={`pill pill-${c.publicOrPrivate}`}>{t(PILL_KEY[c.publicOrPrivate])}</span>
        {prefixLen !== undefined && (
          <span className="muted">
            {t('lab.withPrefix', { len: prefixLen })}
            {prefixFrom && t('lab.prefixFrom', { from: prefixFrom })}
          </span>
        )}
      </dd>
      {c.version === 4 ? <V4Facts c={c} lang={lang} /> : <V6Facts c={c} lang={lang} />}
      <dt>{t('lab.factBind')}</dt>
      <dd>
        <ul className="inspect-bind">
          {topology.hosts.map((h) => {
            const here = classifyAddress(c.address, undefined, cardAddresses(topology, h.name));
            const b = here.ok ? here.bindable : null;
            const yes = b?.here === true || b?.verdict === 'yes';
            return (
              <li key={h.name} data-host={h.name} data-bindable={yes}>
                <span className={yes ? 'bind-yes' : 'bind-no'}>{yes ? '✓' : '✗'}</span> <strong>{h.name}</strong>
                {lang === 'zh' ? '：' : ': '}
                {b && (lang === 'zh' ? bindableZh(b) : b.meaning)}
              </li>
            );
          })}
        </ul>
      </dd>
      <dt>{t('lab.factNat')}</dt>
      <dd data-testid="inspect-nat">{natText(c, lang)}</dd>
    </dl>
  );
}

function V4Facts({ c, lang }: { c: Ipv4Classification; lang: Lang }) {
  const { t } = useTranslation();
  const zh = lang === 'zh';
  const bits = octetBits(c.address);
  const lead = c.class.leadingBits.length;
  return (
    <>
      <dt>{t('lab.factClass')}</dt>
      <dd>
        <strong>{c.class.letter}</strong>{' '}
        {bits && (
          <span className="inspect-bits mono" title={t('lab.leadingBits')}>
            <span className="bits-lead">{bits[0]!.slice(0, lead)}</span>
            {bits[0]!.slice(lead)}.{bits.slice(1).join('.')}
          </span>
        )}
        <div className="muted" data-testid="inspect-class">
          {zh ? CLASS_MEANING_ZH[c.class.letter] : c.class.meaning}
        </div>
        {c.class.networkPart !== null && (
          <div className="inspect-split mono">
            <span className="split-net" title={t('lab.networkPart')}>
              {c.class.networkPart}
            </span>
            .
            <span className="split-host" title={t('lab.hostPart')}>
              {c.class.hostPart}
            </span>
            <span className="muted">{t('lab.classfulSplit')}</span>
          </div>
        )}
      </dd>
      <dt>{t('lab.factRange')}</dt>
      <dd data-testid="inspect-range">
        {zh ? SCOPE_TEXT_ZH[c.scope] : c.scopeText}
        {c.privateRange && (
          <>
            {t('lab.inRange')}
            <code>{c.privateRange}</code>
          </>
        )}
      </dd>
      <dt>{t('lab.factSpecial')}</dt>
      <dd data-testid="inspect-special">
        {c.special ? (
          <>
            <code>{c.special.row}</code> {zh ? specialRowZh(c.special.row, c.subnet) : c.special.meaning}{' '}
            <span className="muted">{t('lab.usableAs', { as: t(USABLE_KEY[c.special.usableAs]) })}</span>
          </>
        ) : (
          <span className="muted">{t('lab.noSpecialRow')}</span>
        )}
      </dd>
      {c.subnet && (
        <>
          <dt>{t('lab.factSubnet')}</dt>
          <dd>
            <code>
              {c.subnet.network}/{c.subnet.prefixLen}
            </code>{' '}
            {t('lab.mask')} <code>{c.subnet.mask}</code>
            {c.subnet.broadcast && (
              <>
                {' '}
                {t('lab.broadcast')} <code>{c.subnet.broadcast}</code>
              </>
            )}
            {t('lab.addressIs')}
            <strong>{t(ROLE_KEY[c.subnet.role])}</strong>
          </dd>
        </>
      )}
    </>
  );
}

function V6Facts({ c, lang }: { c: Ipv6Classification; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t('lab.factKind')}</dt>
      <dd data-testid="inspect-kind">{lang === 'zh' ? kindTextZh(c.kind, c.mapsTo) : c.kindText}</dd>
      {c.subnet && (
        <>
          <dt>{t('lab.factPrefix')}</dt>
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
