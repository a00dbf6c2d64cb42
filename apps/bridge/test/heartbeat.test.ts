/**
 * The heartbeat: the bridge pings every page; one that does not answer by the next round is
 * dropped (a closed laptop lid, a dead tab), while a live page stays connected.
 */
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { startTestBridge, trackResources, until, wsUrl } from './helpers.ts';

const defer = trackResources();

function openPage(port: number, token: string, autoPong: boolean): Promise<WebSocket> {
  // autoPong: false makes this client deaf to pings, like a page whose machine went to sleep.
  const ws = new WebSocket(wsUrl(port, { token }), { origin: `http://127.0.0.1:${port}`, autoPong });
  defer(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('heartbeat', () => {
  it('drops a page that stops answering pings and keeps one that answers', async () => {
    const bridge = await startTestBridge(defer, { heartbeatMs: 50 });
    const live = await openPage(bridge.port, bridge.token, true);
    const dead = await openPage(bridge.port, bridge.token, false);
    let pings = 0;
    live.on('ping', () => pings++);
    const deadClosed = new Promise<number>((resolve) => dead.once('close', (code) => resolve(code)));
    // Terminated, not closed politely: the peer is presumed gone, so no close frame (1006).
    expect(await deadClosed).toBe(1006);
    await until(() => (pings >= 3 ? true : undefined), 'three pings to the live page');
    expect(live.readyState).toBe(WebSocket.OPEN);
  });
});
