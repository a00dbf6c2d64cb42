export { HostAgent, type HostAgentOptions } from './host-agent.ts';
export { InProcessAgentLink, type AgentLink } from './agent-link.ts';
export { ChildAgentLink, AGENT_MAIN, type ChildAgentOptions } from './child-agent-link.ts';
export { checkHost, checkPort, destinationAllowed, scopeOf } from './address.ts';
export { mapNodeError } from './wire-error.ts';
export { NetLab, netnsSupport, type NetLabOptions } from './netlab/netns-lab.ts';
export { runMatrix, matrixTargets, requesterFor, type RunOnHost } from './netlab/matrix-runner.ts';
export { planNamespaces, NETNS_PREFIX } from './netlab/netns-plan.ts';
export { listNamespaces } from './netlab/ip-command.ts';
