// The cable pulled mid-transaction (socat killed) and plugged back (a new socat on the same device
// names): the daemon notices, shows the terminal offline, fails the preauth without a hold, reopens the
// port with backoff and takes payments again.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually } from '../helpers/http.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';

describeWithTool('socat', 'a ZVT terminal whose cable is pulled and plugged back', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let sim: RunningZvtSimulator;
  let d: TestDaemon;
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir, 'cable');
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 30 });
    d = await startTestDaemon({
      providers: { zvt: { t3_ms: 1_000, t4_ms: 5_000, reopen_base_ms: 200, reopen_max_ms: 600, status_poll_ms: 500 } },
      terminals: [{ id: 'cable', provider: 'zvt', currency: 'EUR', transport: { type: 'serial', path: pair.a } }],
    });
  });
  afterAll(async () => {
    await d.stop();
    await sim.close().catch(() => undefined);
    pair.close();
    tmp.cleanup();
  });

  const terminalView = async () =>
    (await d.call('GET', '/v1/terminals')).body.data.find((t: { id: string }) => t.id === 'cable');

  it('fails the preauth in flight, shows the terminal offline, and works again once plugged back', async () => {
    expect(
      (
        await d.call('POST', '/v1/preauths', {
          terminal_id: 'cable',
          amount: 1_000,
          currency: 'EUR',
          reference: 'cable-before',
        })
      ).body.state,
    ).toBe('authorized');
    sim.terminal.cardMs = 5_000;
    const p = await d.call(
      'POST',
      '/v1/preauths',
      { terminal_id: 'cable', amount: 2_000, currency: 'EUR', reference: 'cable-pulled' },
      { prefer: 'respond-async' },
    );
    await eventually(async () =>
      expect((await d.call('GET', `/v1/preauths/${p.body.id}`)).body.state).toBe('in_progress'),
    );
    pair.close(); // the cable is pulled while the terminal waits for the card
    await pair.exited;
    const failed = await eventually(async () => {
      const tx = (await d.call('GET', `/v1/preauths/${p.body.id}`)).body;
      return tx.state === 'failed' ? tx : undefined;
    }, 10_000);
    expect(['interrupted', 'provider_unavailable']).toContain(failed.error.code);
    await eventually(
      async () =>
        expect(await terminalView()).toMatchObject({
          state: 'offline',
          link: { online: false, last_error: expect.any(String) },
        }),
      10_000,
    );

    // Plugged back: the same device names, a terminal that starts afresh.
    await sim.close().catch(() => undefined);
    rmSync(pair.a, { force: true });
    rmSync(pair.b, { force: true });
    pair = await ptyPair(tmp.dir, 'cable');
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 30 });
    await eventually(
      async () => expect(await terminalView()).toMatchObject({ state: 'ready', link: { online: true } }),
      15_000,
    );
    expect(
      (
        await d.call('POST', '/v1/preauths', {
          terminal_id: 'cable',
          amount: 3_000,
          currency: 'EUR',
          reference: 'cable-after',
        })
      ).body.state,
    ).toBe('authorized');
  }, 60_000);
});
