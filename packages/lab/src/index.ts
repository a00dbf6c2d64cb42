export { HostAgent, type HostAgentOptions } from './host-agent.ts';
export { InProcessAgentLink, type AgentLink } from './agent-link.ts';
export { ChildAgentLink, AGENT_MAIN, type ChildAgentOptions } from './child-agent-link.ts';
export { checkHost, checkPort, destinationAllowed, scopeOf } from './address.ts';
export { mapNodeError } from './wire-error.ts';
