import type { Topology } from '@socket-playground/protocol';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/i18n.ts';
import type { Lang } from '../../i18n/prefs.ts';
import { hostLabelZh } from '../../netlab/address-words-zh.ts';
import { isWildcard, listenerFor, listenerLabel, type DrawnListener } from '../../netlab/drawn-listeners.ts';
import { ownerOf, type LiveLink } from '../../netlab/live-links.ts';
import { hostBox, layoutTopology, listenerSpot, type Chip, type HostBox } from '../../netlab/topology-layout.ts';
import { boundChips, routeLink } from '../../netlab/topology-routes.ts';

interface Props {
  topology: Topology;
  serverHost: string;
  /** Host order, left to right (the server host first). */
  order: readonly string[];
  listeners: readonly DrawnListener[];
  links: readonly LiveLink[];
}

interface Placed {
  listener: DrawnListener;
  x: number;
  y: number;
  chips: Chip[];
}

const PILL_H = 22;

function pillText(l: DrawnListener): string {
  if (l.state === 'failed') return `${listenerLabel(l)} ✗ ${l.errorCode ?? ''}`;
  return `${isWildcard(l.address) ? '⁎ ' : ''}${listenerLabel(l)}`;
}

/** Wide enough for its monospace text. */
function pillWidth(l: DrawnListener): number {
  return Math.max(110, pillText(l).length * 6.9 + 22);
}

/**
 * Place the server host's listening sockets in its middle row: a listener on one card sits
 * above that card; the others (loopback, wildcards, failed ones) side by side in the middle.
 */
function placeListeners(topology: Topology, server: HostBox, listeners: readonly DrawnListener[]): Placed[] {
  const onOneCard = (l: DrawnListener) => boundChips(topology, server, l.address).filter((c) => c.card !== 'lo').length === 1 && l.state !== 'failed';
  const centred = listeners.filter((l) => !onOneCard(l));
  const total = centred.reduce((sum, l) => sum + pillWidth(l), 0) + (centred.length - 1) * 10;
  let left = server.x + (server.w - total) / 2;
  return listeners.map((listener) => {
    const chips = listener.state === 'failed' ? [] : boundChips(topology, server, listener.address);
    if (onOneCard(listener)) {
      const spot = listenerSpot(server, chips, 0, 1);
      return { listener, x: spot.x, y: spot.y, chips };
    }
    const w = pillWidth(listener);
    const x = left + w / 2;
    left += w + 10;
    return { listener, x, y: server.socketRowY + 14, chips };
  });
}

/** The lab as a drawing: hosts, their cards and LANs, the listening sockets and the connections of the run. */
export function TopologyDiagram({ topology, serverHost, order, listeners, links }: Props) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const layout = useMemo(() => layoutTopology(topology, order), [topology, order]);
  const server = hostBox(layout, serverHost);
  const placed = server ? placeListeners(topology, server, listeners) : [];
  // Connections from one client host get their own offsets, so a run's several lines stay apart.
  const perClient = new Map<string, number>();
  const routes = links.flatMap((link) => {
    const client = ownerOf(topology, link.remote.address, serverHost) ?? link.remote.address;
    const offset = perClient.get(client) ?? 0;
    const route = routeLink(
      layout,
      topology,
      serverHost,
      link,
      (l) => {
        const owner = listenerFor(listeners, l);
        const p = placed.find((x) => x.listener === owner);
        return p ? { x: p.x, y: p.y } : null;
      },
      offset % 5,
    );
    perClient.set(client, offset + 1);
    return route ? [{ link, route }] : [];
  });
  const chipKey = (r: (typeof routes)[number]) => `${serverHost}/${r.route.targetCard ?? ''}`;
  const hotCards = new Set(routes.filter((r) => r.link.open).map(chipKey));
  const reachedCards = new Set(routes.map(chipKey));

  return (
    <svg className="topology-svg" data-testid="topology" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={t('lab.topoAria', { hosts: order.join(', ') })} style={{ maxWidth: layout.width * 1.25 }}>
      {layout.lans.map((lan) => (
        <g key={lan.name} className="topo-lan" data-testid="topology-lan" data-lan={lan.name}>
          <title>{t('lab.topoLan', { lan: lan.name, prefix: lan.prefix })}</title>
          <line x1={lan.x1} y1={lan.y} x2={lan.x2} y2={lan.y} />
          <text x={lan.label.x} y={lan.label.y}>
            <tspan className="topo-lan-name">{lan.name}</tspan> <tspan className="topo-lan-prefix">{lan.prefix}</tspan>
          </text>
        </g>
      ))}
      {layout.drops.map((d) => (
        <g key={`${d.host}/${d.card}`} className="topo-drop">
          <line className="topo-drop-halo" x1={d.x} y1={d.y1} x2={d.x} y2={d.y2} />
          <line x1={d.x} y1={d.y1} x2={d.x} y2={d.y2} />
          <circle cx={d.x} cy={d.y2} r={3.5} />
        </g>
      ))}
      {layout.hosts.map((h) => (
        <g key={h.name} className={hostClass(topology, h.name, serverHost)} data-testid="topology-host" data-host={h.name}>
          <title>{t('lab.topoHost', { host: h.name, role: hostRole(topology, h.name, serverHost, t, lang) })}</title>
          <rect x={h.x} y={h.y} width={h.w} height={h.h} rx={8} />
          <text className="topo-host-name" x={h.x + 12} y={h.y + 19}>
            {h.name}
          </text>
          <text className="topo-host-role" x={h.x + 12 + h.name.length * 9 + 8} y={h.y + 19}>
            {hostRole(topology, h.name, serverHost, t, lang)}
          </text>
        </g>
      ))}
      {layout.hosts.map((h) => [h.lo, ...h.cards].map((c) => <ChipShape key={`${h.name}/${c.card}`} host={h.name} chip={c} state={hotCards.has(`${h.name}/${c.card}`) ? 'hot' : reachedCards.has(`${h.name}/${c.card}`) ? 'reached' : null} />))}
      {routes.map(({ link, route }) => (
        <path
          key={link.socketId}
          d={route.d}
          className={link.open ? 'topo-link topo-link-open' : 'topo-link topo-link-closed'}
          data-testid="topology-link"
          data-open={link.open}
          data-client={route.client}
          data-target-card={route.targetCard ?? ''}
          data-cross-card={route.crossCard}
        >
          <title>
            {route.client} {link.remote.address}:{link.remote.port} → {link.local.address}:{link.local.port}
            {route.crossCard ? t('lab.topoWeak', { entry: route.entryCard ?? '?', target: route.targetCard ?? '?' }) : ''}
          </title>
        </path>
      ))}
      {server &&
        placed.map((p) =>
          p.chips.map((c) => <line key={`${p.listener.key}-${c.card}`} className={`topo-attach topo-attach-${p.listener.state}`} x1={p.x} y1={p.y} x2={c.x + c.w / 2} y2={c.card === 'lo' ? c.y + c.h : c.y} />),
        )}
      {placed.map((p) => (
        <g key={p.listener.key} className={`topo-listener topo-listener-${p.listener.state}`} data-testid="topology-listener" data-address={p.listener.address} data-state={p.listener.state}>
          <rect x={p.x - pillWidth(p.listener) / 2} y={p.y - PILL_H / 2} width={pillWidth(p.listener)} height={PILL_H} rx={PILL_H / 2} />
          <text x={p.x} y={p.y + 4}>
            {pillText(p.listener)}
          </text>
          <title>
            {p.listener.state === 'planned'
              ? t('lab.topoPlanned')
              : p.listener.state === 'listening'
                ? t('lab.topoListening')
                : p.listener.state === 'failed'
                  ? t('lab.topoFailed', { code: p.listener.errorCode ?? '' })
                  : t('lab.topoClosed')}
          </title>
        </g>
      ))}
      {layout.hosts.map((h) => (
        <g key={h.name} className="topo-client">
          <title>{t('lab.topoClientTip', { host: h.name })}</title>
          <rect x={h.client.x - 26} y={h.client.y - 9} width={52} height={18} rx={9} />
          <text x={h.client.x} y={h.client.y + 4}>
            {t('lab.topoClient')}
          </text>
        </g>
      ))}
    </svg>
  );
}

function ChipShape({ host, chip, state }: { host: string; chip: Chip; state: 'hot' | 'reached' | null }) {
  const { t } = useTranslation();
  const lo = chip.card === 'lo';
  return (
    <g className={`topo-chip${lo ? ' topo-chip-lo' : ''}${state ? ` topo-chip-${state}` : ''}`} data-card={chip.card}>
      <title>{t('lab.topoCard', { host, card: chip.card, addresses: chip.addresses.join(', ') })}</title>
      <rect x={chip.x} y={chip.y} width={chip.w} height={chip.h} rx={5} />
      <text x={chip.x + 8} y={chip.y + (lo ? 18 : 16)}>
        <tspan className="topo-chip-name">{chip.card}</tspan>
        {lo && <tspan className="topo-chip-addr"> {chip.addresses.join(' · ')}</tspan>}
      </text>
      {!lo && (
        <text className="topo-chip-addr" x={chip.x + 8} y={chip.y + 31}>
          {chip.addresses.join(' ')}
        </text>
      )}
    </g>
  );
}

/** Single-host mode's neighbour exists only in the model: drawn dashed. */
function hostClass(topology: Topology, name: string, serverHost: string): string {
  const spec = topology.hosts.find((h) => h.name === name);
  return ['topo-host', name === serverHost ? 'topo-host-server' : '', spec?.modelledOnly ? 'topo-host-modelled' : ''].filter(Boolean).join(' ');
}

/** "server + client", or the host's own label ("this computer") with its role. */
function hostRole(topology: Topology, name: string, serverHost: string, t: TFunction, lang: Lang): string {
  const role = name === serverHost ? t('lab.roleServerClient') : t('lab.roleClient');
  const label = topology.hosts.find((h) => h.name === name)?.label;
  if (!label) return role;
  return `${lang === 'zh' ? hostLabelZh(label) : label} · ${role}`;
}
