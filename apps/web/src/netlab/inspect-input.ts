import type { Topology } from '@socket-playground/protocol';

/**
 * The address inspector's input: "192.168.0.255" or "192.168.0.255/24". The address itself is
 * judged by netmodel's strict parser; this only splits off a prefix and, when none was typed,
 * borrows the prefix of the lab LAN the address lies in (so 192.168.0.255 is lan1's broadcast).
 */
export interface InspectInput {
  address: string;
  prefixLen: number | undefined;
  /** Where the prefix came from, when it was not typed. */
  prefixFrom: string | null;
  /** A problem with the prefix part; the address part is the classifier's to judge. */
  prefixError: string | null;
}

export function splitInspectInput(text: string, topology: Topology | null): InspectInput {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const address = text.slice(0, slash);
    const len = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(len)) {
      return { address, prefixLen: undefined, prefixFrom: null, prefixError: `"/${len}" is not a prefix length (a whole number such as /24)` };
    }
    return { address, prefixLen: Number(len), prefixFrom: null, prefixError: null };
  }
  const lan = topology ? lanOf(topology, text) : null;
  if (lan) return { address: text, prefixLen: lan.prefixLen, prefixFrom: `${lan.name} (${lan.prefix})`, prefixError: null };
  return { address: text, prefixLen: undefined, prefixFrom: null, prefixError: null };
}

/** Dotted-quad decimal only (the inspector's strictness is netmodel's; this is just for lookups). */
export function ipv4ToInt(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The lab LAN (IPv4) that contains `address`, if any. */
export function lanOf(topology: Topology, address: string): { name: string; prefix: string; prefixLen: number } | null {
  const ip = ipv4ToInt(address);
  if (ip === null) return null;
  for (const [name, prefix] of Object.entries(topology.networks)) {
    const [net = '', lenText = ''] = prefix.split('/');
    const base = ipv4ToInt(net);
    const len = Number(lenText);
    if (base === null || !Number.isInteger(len) || len < 0 || len > 32) continue;
    const size = 2 ** (32 - len);
    if (Math.floor(ip / size) === Math.floor(base / size)) return { name, prefix, prefixLen: len };
  }
  return null;
}

/** The 32 bits of a dotted quad as four groups of 8 (for showing the class's leading bits). */
export function octetBits(address: string): string[] | null {
  if (ipv4ToInt(address) === null) return null;
  return address.split('.').map((p) => Number(p).toString(2).padStart(8, '0'));
}

/** Examples a learner can click, from the notes and beyond; the last one is refused on purpose. */
export const INSPECT_EXAMPLES: readonly string[] = [
  '192.168.0.1',
  '10.10.152.8',
  '127.0.0.1',
  '0.0.0.0',
  '192.168.0.255',
  '255.255.255.255',
  '169.254.10.20',
  '100.64.0.1',
  '8.8.8.8',
  '224.0.0.251',
  '::ffff:192.168.0.2',
  'fe80::1',
  '0x7f.1',
];
