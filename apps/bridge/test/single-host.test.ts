/**
 * Single-host mode through the bridge, with stand-in cards on loopback (127.0.2.1/24): tests never
 * touch the machine's real cards. What may run runs for real; everything else is modelled and says so.
 */
import { describe, expect, it } from 'vitest';
import type { MatrixResult } from '@socket-playground/protocol';
import { parseStandInCards } from '../src/stand-in-cards.ts';
import { PageClient, resultOf, startTestBridge, trackResources, until } from './helpers.ts';

const defer = trackResources();
const CARD = '127.0.2.1';

async function singleHostPage(cards = `fake0=${CARD}/24`) {
  const parsed = parseStandInCards(cards);
  if (!parsed.ok) throw new Error(parsed.why);
  const bridge = await startTestBridge(defer, {
    netlab: { support: () => ({ ok: false, why: 'this test asks for single-host mode', code: 'asked' }), interfaces: () => parsed.interfaces },
  });
  const page = await PageClient.connect(bridge, defer);
  await page.hello();
  return { bridge, page };
}

const cellOf = (matrix: MatrixResult, client: string, target: string) => matrix.cells.find((c) => c.client === client && c.target === target);

describe('single-host mode', () => {
  it('builds the topology from this machine’s cards, with a modelled neighbour', async () => {
    const { bridge, page } = await singleHostPage();
    const { netlab } = resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    expect(netlab).toMatchObject({ status: 'up', mode: 'single-host', why: 'this test asks for single-host mode', whyCode: 'asked', ownAddresses: [CARD] });
    expect(netlab?.topology.hosts.map((h) => [h.name, h.label, h.modelledOnly ?? false])).toEqual([
      ['pc1', 'this computer', false],
      ['pc2', 'a neighbour (modelled)', true],
    ]);
    expect(netlab?.topology.hosts[0]?.cards).toEqual([{ name: 'fake0', network: 'lan1', addresses: [`${CARD}/24`] }]);
    expect(bridge.session.labHosts).toEqual(['local', 'pc1']);
    resultOf(await page.request({ type: 'netlab.stop' }), 'netlab');
    expect(bridge.session.labHosts).toEqual(['local']);
  });

  it('a loopback bind runs this computer’s loopback cells for real; card cells wait for consent', async () => {
    const { bridge, page } = await singleHostPage();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    const { matrix } = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['127.0.0.1'], port: 0 } }), 'matrix');
    expect(matrix.mode).toBe('single-host');
    expect(cellOf(matrix, 'pc1', '127.0.0.1')).toMatchObject({ outcome: 'connected', echoed: true });
    expect(cellOf(matrix, 'pc1', '127.0.0.1')?.modelled).toBeUndefined();
    expect(cellOf(matrix, 'pc1', '0.0.0.0')).toMatchObject({ outcome: 'connected' }); // Linux: 0.0.0.0 → 127.0.0.1, measured
    expect(cellOf(matrix, 'pc1', '::1')?.outcome).toBe('ECONNREFUSED');
    expect(cellOf(matrix, 'pc1', CARD)?.modelled).toBe(true);
    expect(matrix.cells.filter((c) => c.client === 'pc2').every((c) => c.modelled)).toBe(true);
    expect(matrix.note).toMatch(/use my real network cards/);
    await until(() => (bridge.session.state.servers.length === 0 ? true : undefined), 'the probe servers to be closed');
  });

  it('a card bind is modelled until the learner agrees, then runs for real and agrees with the model', async () => {
    const { bridge, page } = await singleHostPage();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    const bind = { hosts: [CARD], port: 0 };
    const refused = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind }), 'matrix').matrix;
    expect(refused.cells.every((c) => c.modelled)).toBe(true);
    expect(refused.note).toMatch(/other machines on your network/);
    expect(bridge.session.state.servers).toEqual([]);

    const { matrix } = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind, useRealCards: true }), 'matrix');
    expect(matrix.listeners).toMatchObject([{ address: CARD }]);
    expect(cellOf(matrix, 'pc1', CARD)).toMatchObject({ outcome: 'connected', echoed: true });
    expect(cellOf(matrix, 'pc1', CARD)?.modelled).toBeUndefined();
    expect(cellOf(matrix, 'pc1', '127.0.0.1')).toMatchObject({ outcome: 'ECONNREFUSED' });
    // The notes say 0.0.0.0 reaches every address; on Linux it is 127.0.0.1, measured here.
    expect(cellOf(matrix, 'pc1', '0.0.0.0')).toMatchObject({ outcome: 'ECONNREFUSED' });
    // The neighbour is never contacted: its cells are all modelled.
    expect(matrix.cells.filter((c) => c.client === 'pc2').every((c) => c.modelled)).toBe(true);
    // Measured and modelled agree on every cell this computer ran.
    const measured = matrix.cells.filter((c) => !c.modelled);
    expect(measured.length).toBeGreaterThanOrEqual(5);
    for (const c of measured) expect([c.target, c.outcome]).toEqual([c.target, cellOf(refused, c.client, c.target)?.outcome]);
    const pc2Address = matrix.cells.find((c) => c.client === 'pc1' && c.target !== CARD && c.target.startsWith('127.0.2.'));
    expect(pc2Address?.modelled).toBe(true);
    await until(() => (bridge.session.state.servers.length === 0 ? true : undefined), 'the probe servers to be closed');
  });

  it('a wildcard bind with consent reaches this computer’s card', async () => {
    const { page } = await singleHostPage();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    const { matrix } = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['0.0.0.0'], port: 0 }, useRealCards: true }), 'matrix');
    for (const target of ['127.0.0.1', '0.0.0.0', 'localhost', CARD]) expect(cellOf(matrix, 'pc1', target)).toMatchObject({ outcome: 'connected' });
    expect(matrix.note).toBeUndefined();
  });

  it('an address this computer does not have is modelled, with the reason', async () => {
    const { page } = await singleHostPage();
    resultOf(await page.request({ type: 'netlab.start' }), 'netlab');
    const { matrix } = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['192.168.0.1'], port: 0 }, useRealCards: true }), 'matrix');
    expect(matrix.cells.every((c) => c.modelled)).toBe(true);
    expect(matrix.note).toMatch(/EADDRNOTAVAIL/);
  });

  it('a lesson’s own topology is kept: its cards are modelled, loopback still runs', async () => {
    const { page } = await singleHostPage();
    const { NOTES_TOPOLOGY } = await import('@socket-playground/protocol');
    const { netlab } = resultOf(await page.request({ type: 'netlab.start', topology: NOTES_TOPOLOGY }), 'netlab');
    expect(netlab?.topology.name).toBe('notes');
    const { matrix } = resultOf(await page.request({ type: 'netlab.matrix', serverHost: 'pc1', bind: { hosts: ['0.0.0.0'], port: 0 } }), 'matrix');
    expect(matrix.cells.every((c) => c.modelled === true && typeof c.rule === 'string')).toBe(true);
    expect(cellOf(matrix, 'pc2', '10.10.152.8')).toMatchObject({ outcome: 'connected', rule: 'R-WEAK-HOST' });
  });
});
