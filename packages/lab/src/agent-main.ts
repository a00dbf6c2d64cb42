/**
 * A host agent as its own process: commands as JSON lines on stdin, messages as JSON lines on
 * stdout, diagnostics on stderr. Run by ChildAgentLink, e.g. inside a network namespace.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AgentCommand, parseMessage } from '@socket-playground/protocol';
import { HostAgent } from './host-agent.ts';

const { values } = parseArgs({
  options: {
    'lab-host': { type: 'string', default: 'local' },
    allow: { type: 'string', multiple: true, default: [] },
    isolated: { type: 'boolean', default: false },
  },
});
const labHost = values['lab-host'];

const agent = new HostAgent({
  labHost,
  extraDestinations: values.allow,
  isolated: values.isolated,
  send: (message) => process.stdout.write(`${JSON.stringify(message)}\n`),
});

let exiting = false;
async function exit(): Promise<void> {
  if (exiting) return;
  exiting = true;
  await agent.shutdown();
  process.exit(0);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const parsed = parseMessage(AgentCommand, line);
  if (!parsed.ok) {
    process.stderr.write(`[agent ${labHost}] ignored a malformed command: ${parsed.error.message}\n`);
    return;
  }
  if (parsed.value.type === 'shutdown') void exit();
  else void agent.handle(parsed.value);
});
lines.on('close', () => void exit());
process.on('SIGTERM', () => void exit());
// A bug: say what it was as the last line on stderr (the bridge shows it as the reason this host is
// down), then exit non-zero; the kernel closes this process's sockets.
process.on('uncaughtException', (err) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.stderr.write(`[agent ${labHost}] crashed: ${err.message.split('\n')[0] ?? 'unknown error'}\n`);
  process.exit(1);
});
process.on('SIGINT', () => void exit());

process.stdout.write(`${JSON.stringify({ type: 'ready', labHost, pid: process.pid })}\n`);
