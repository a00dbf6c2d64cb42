import { z } from 'zod';

/**
 * A lab topology as data: hosts with network cards on shared LANs. The real lab builds it from
 * network namespaces; the address model predicts from the same description.
 */
/** "local" is the learner's own machine (the bridge's own agent): no lab host may take that name. */
export const HostName = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,7}$/)
  .refine((name) => name !== 'local', { message: '"local" is this machine, not a lab host' });

export const NetworkCard = z.object({
  /** Interface name inside the host, e.g. eth0. */
  name: z.string().regex(/^[a-z][a-z0-9]{0,7}$/),
  /** The LAN it is plugged into (a key of `networks`). */
  network: z.string(),
  /** Address with prefix length, e.g. "192.168.0.1/24" or "fd00::1/64". */
  addresses: z.array(z.string()).min(1),
  /** The card's own name where it differs (a real machine's "Wi-Fi" or "wlp0s20f3"). */
  label: z.string().max(64).optional(),
});

export const LabHostSpec = z.object({
  name: HostName,
  /** What the host is for in the lesson; a client-only host runs no servers by default. */
  role: z.enum(['server', 'client', 'both']),
  cards: z.array(NetworkCard),
  /** Routes beyond the connected LANs, e.g. { to: 'default', via: '192.168.0.1' }. */
  routes: z.array(z.object({ to: z.string(), via: z.string() })).default([]),
  /** What the page calls the host, e.g. "this computer" in single-host mode. */
  label: z.string().max(64).optional(),
  /** A host that exists only in the address model (single-host mode's neighbour): never run. */
  modelledOnly: z.boolean().optional(),
});
export type LabHostSpec = z.infer<typeof LabHostSpec>;

export const Topology = z.object({
  name: z.string(),
  hosts: z.array(LabHostSpec).min(1).max(8),
  /** LANs by name, each with its prefix, e.g. { lan1: "192.168.0.0/24" }. */
  networks: z.record(z.string(), z.string()),
});
export type Topology = z.infer<typeof Topology>;

/** The notes' example: pc1 with two cards, pc2 a client on pc1's first LAN. */
export const NOTES_TOPOLOGY: Topology = {
  name: 'notes',
  hosts: [
    {
      name: 'pc1',
      role: 'both',
      cards: [
        { name: 'eth0', network: 'lan1', addresses: ['192.168.0.1/24'] },
        { name: 'eth1', network: 'lan2', addresses: ['10.10.152.8/24'] },
      ],
      routes: [],
    },
    {
      name: 'pc2',
      role: 'client',
      cards: [{ name: 'eth0', network: 'lan1', addresses: ['192.168.0.2/24'] }],
      routes: [{ to: 'default', via: '192.168.0.1' }],
    },
  ],
  networks: { lan1: '192.168.0.0/24', lan2: '10.10.152.0/24' },
};

/** Where a server may be bound in the who-can-connect lab (several addresses = several listeners). */
export const BindChoice = z.object({
  /** Host names/addresses as typed: "127.0.0.1", "192.168.0.1", "0.0.0.0", "::", "::1", "localhost", "". */
  hosts: z.array(z.string().max(64)).min(1).max(4),
  port: z.number().int().min(0).max(65535),
});
export type BindChoice = z.infer<typeof BindChoice>;

/** The bind choices of the lesson, on the notes' topology and port (the lab tab offers these). */
export const NOTES_BIND_CHOICES: readonly BindChoice[] = [
  { hosts: ['127.0.0.1'], port: 65432 },
  { hosts: ['192.168.0.1'], port: 65432 },
  { hosts: ['192.168.0.1', '10.10.152.8'], port: 65432 },
  { hosts: ['0.0.0.0'], port: 65432 },
  { hosts: ['::'], port: 65432 },
  { hosts: ['::1'], port: 65432 },
  { hosts: ['localhost'], port: 65432 },
  { hosts: [''], port: 65432 },
];

/** Outcomes a connection attempt can have in the matrix. */
export const ReachOutcome = z.enum(['connected', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL', 'EINVAL', 'not-run']);
export type ReachOutcome = z.infer<typeof ReachOutcome>;

/** One listening socket the matrix run opened on the server host (or failed to). */
export const MatrixListener = z.object({
  host: z.string(),
  requested: z.string(),
  address: z.string().optional(),
  port: z.number().int().optional(),
  /** Why this listener could not be opened (e.g. EADDRINUSE when 0.0.0.0 and :: share a port). */
  errorCode: z.string().optional(),
  message: z.string().optional(),
});

/** One cell: a client on `client` connecting to `target`, for real. */
export const MatrixCell = z.object({
  client: z.string(),
  target: z.string(),
  outcome: ReachOutcome,
  latencyMs: z.number().min(0),
  /** For a connection: the addresses the kernel chose. */
  local: z.string().optional(),
  remote: z.string().optional(),
  /** Whether the echo came back intact. */
  echoed: z.boolean().optional(),
  message: z.string().optional(),
  /** Not run: the outcome comes from the address model (single-host mode). */
  modelled: z.boolean().optional(),
  /** The model's rule id and reason, when the cell was modelled. */
  rule: z.string().optional(),
});
export type MatrixCell = z.infer<typeof MatrixCell>;

export const MatrixResult = z.object({
  serverHost: z.string(),
  bind: BindChoice,
  listeners: z.array(MatrixListener),
  cells: z.array(MatrixCell),
  /** 'real' when every cell ran on real sockets; 'modelled' cells say so themselves (outcome from the model). */
  mode: z.enum(['namespaces', 'single-host']),
  durationMs: z.number().min(0),
  /** Single-host mode: why cells that could have run did not (e.g. the bind would expose this machine). */
  note: z.string().optional(),
});
export type MatrixResult = z.infer<typeof MatrixResult>;

/** A lab host whose agent process died while the lab was up (crash, kill -9): its sockets are gone. */
export const HostDown = z.object({
  /** In words, e.g. "exited with SIGKILL". */
  reason: z.string().max(200),
  /** The signal that ended it, or its exit code, for the page to say in the learner's language. */
  signal: z.string().max(16).optional(),
  exitCode: z.number().int().optional(),
  /** When the bridge noticed (ms since the epoch). */
  at: z.number().optional(),
});
export type HostDown = z.infer<typeof HostDown>;

/** The who-can-connect lab as the session holds it. */
export const NetLabState = z.object({
  status: z.enum(['starting', 'up', 'stopping', 'failed']),
  mode: z.enum(['namespaces', 'single-host']),
  /** Why this mode (e.g. "network namespaces need root here"). */
  why: z.string(),
  /** `why` as an id, so the page can say it in the learner's language; absent for reasons it cannot name. */
  whyCode: z.enum(['netns-root', 'netns-userns', 'netns-failed', 'not-linux', 'no-netns', 'asked']).optional(),
  topology: Topology,
  /** Single-host mode: this machine's own card addresses, which run for real once the learner agrees. */
  ownAddresses: z.array(z.string()).optional(),
  error: z.string().optional(),
  /** Hosts whose agent is down while the lab is up, by host name; absent when every host runs. */
  down: z.record(z.string(), HostDown).optional(),
});
export type NetLabState = z.infer<typeof NetLabState>;
export type NetLabWhyCode = NonNullable<NetLabState['whyCode']>;
