export { startBridge, BRIDGE_HOST, type BridgeOptions, type RunningBridge } from './bridge.ts';
