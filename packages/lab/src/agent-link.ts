import type { AgentCommand, AgentMessage } from '@socket-playground/protocol';
import { HostAgent } from './host-agent.ts';

/**
 * How the bridge talks to one host agent, wherever it runs. Messages arrive in order;
 * `close()` makes the agent close every socket and resolves when it has.
 */
export interface AgentLink {
  readonly labHost: string;
  send(command: AgentCommand): void;
  onMessage(listener: (message: AgentMessage) => void): void;
  /** Called once if the agent dies without being asked to. */
  onExit(listener: (detail: string) => void): void;
  close(): Promise<void>;
}

/** The agent for the learner's own machine, in the bridge's process. */
export class InProcessAgentLink implements AgentLink {
  private readonly agent: HostAgent;
  private listener: (message: AgentMessage) => void = () => {};

  constructor(
    readonly labHost: string,
    /** CIDRs besides loopback it may connect to (single-host mode: this machine's own addresses). */
    extraDestinations: readonly string[] = [],
  ) {
    this.agent = new HostAgent({ labHost, extraDestinations, send: (m) => this.listener(m) });
  }

  send(command: AgentCommand): void {
    void this.agent.handle(command);
  }

  onMessage(listener: (message: AgentMessage) => void): void {
    this.listener = listener;
  }

  onExit(): void {
    // An in-process agent cannot exit on its own.
  }

  close(): Promise<void> {
    return this.agent.shutdown();
  }
}
