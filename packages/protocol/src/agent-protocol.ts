import { z } from 'zod';
import { LabCommand, Reply } from './lab-command.ts';
import { LabEvent } from './lab-event.ts';
import { LabState } from './lab-state.ts';

/**
 * Bridge ↔ host agent. One JSON object per line over stdio when the agent is a child process
 * (e.g. inside a network namespace); plain objects when it runs in the bridge's process.
 */
export const AgentCommand = z.discriminatedUnion('type', [...LabCommand.options, z.object({ type: z.literal('shutdown') })]);
export type AgentCommand = z.infer<typeof AgentCommand>;

export const AgentMessage = z.union([
  z.object({ type: z.literal('ready'), labHost: z.string(), pid: z.number().int() }),
  z.object({ type: z.literal('lab'), event: LabEvent }),
  z.object({ type: z.literal('state'), state: LabState }),
  Reply,
]);
export type AgentMessage = z.infer<typeof AgentMessage>;
