import type { StepperInfo } from '@socket-playground/protocol';

/** A stepped blocking echo server as the lab reports it (step1 on 127.0.0.1:65432, backlog 1), with changes. */
export const steppedServer = (patch: Partial<StepperInfo> = {}): StepperInfo => ({
  stepperId: 'step1',
  labHost: 'local',
  program: 'blocking-echo-server',
  next: 'listen',
  blockedIn: null,
  running: false,
  finished: false,
  bufsize: 1024,
  target: { host: '127.0.0.1', port: 65432 },
  backlog: 1,
  ...patch,
});

/** A stepped echo client (step2) about to connect to it. */
export const steppedClient = (patch: Partial<StepperInfo> = {}): StepperInfo => steppedServer({ stepperId: 'step2', program: 'echo-client', next: 'connect', backlog: undefined, ...patch });

/** What the step panel knows before anything happened. */
export const noStepFacts = { accepted: null, lastRecv: null, sent: 0 };
