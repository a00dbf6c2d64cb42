import type { NetworkInterfaceInfo } from 'node:os';
import type { MachineInterfaces } from '@socket-playground/lab';
import ipaddr from 'ipaddr.js';

/**
 * `--cards "fake0=127.0.0.2/8,fake1=127.0.0.3/8"`: stand-in network cards for single-host mode,
 * used instead of the machine's real ones by tests and classroom demos. Only loopback addresses
 * are accepted: the lab agent may connect to "its own cards", and a stand-in must never turn that
 * into a way to reach another machine.
 */
export function parseStandInCards(spec: string): { ok: true; interfaces: MachineInterfaces } | { ok: false; why: string } {
  const interfaces: MachineInterfaces = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z][\w-]{0,15})=(.+)$/.exec(part);
    if (!match) return { ok: false, why: `"${part}" is not NAME=ADDRESS/PREFIX` };
    const [, name, cidr] = match as unknown as [string, string, string];
    let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      parsed = ipaddr.parseCIDR(cidr);
    } catch {
      return { ok: false, why: `"${cidr}" is not an address with a prefix length` };
    }
    const [address, bits] = parsed;
    if (address.range() !== 'loopback') return { ok: false, why: `${cidr} is not a loopback address; stand-in cards must be (e.g. 127.0.0.2/8)` };
    const family = address.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
    const text = address.toString();
    const info = {
      address: text,
      netmask: ipaddr.IPv4.subnetMaskFromPrefixLength(family === 'IPv4' ? bits : 32).toString(),
      family,
      mac: '00:00:00:00:00:00',
      internal: false,
      cidr: `${text}/${bits}`,
      ...(family === 'IPv6' ? { scopeid: 0 } : {}),
    } as NetworkInterfaceInfo;
    (interfaces[name] ??= []).push(info);
  }
  return Object.keys(interfaces).length > 0 ? { ok: true, interfaces } : { ok: false, why: 'no cards given' };
}
