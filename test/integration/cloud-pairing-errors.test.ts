// Pairing a cloud provider's terminal when posbridge's own credentials for it are wrong: the provider's
// refusal (401/403) is told apart from an outage and from a wrong one-time password, so the wizard can
// say to check the settings rather than the internet. A daemon configured by hand (not --sandbox, which
// fills in the right keys) against the Blink and Lab4Pay sandboxes on loopback.
import { afterAll, beforeAll, expect, it, describe } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { startDaemon, type RunningDaemon } from '../../bridge/daemon.js';
import { createLogger } from '../../bridge/logging.js';
import { SANDBOX_BLINK_SECRET, startBlinkSandbox } from '../../bridge/sandbox/blink/server.js';
import { SANDBOX_LAB4PAY_FIRST_OTP, startLab4PaySandbox } from '../../bridge/sandbox/lab4pay/server.js';
import { http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

type Sandbox = Awaited<ReturnType<typeof startBlinkSandbox>>;
const tmp = tempDir();
let blink: Sandbox;
let lab4pay: Awaited<ReturnType<typeof startLab4PaySandbox>>;
let daemon: RunningDaemon;
let key: string;
const call = (method: string, path: string, body?: unknown) =>
  http(method, `${daemon.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}` },
  });

beforeAll(async () => {
  blink = await startBlinkSandbox(0, { cardMs: 10 });
  lab4pay = await startLab4PaySandbox(0);
  daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: parseConfig({
      providers: {
        // A key Blink does not know (its sandbox answers 403, as Blink does for a wrong key or secret).
        blink: { api_url: blink.url, pos_api_key: 'not-the-key', pos_api_secret: SANDBOX_BLINK_SECRET },
        lab4pay: { api_url: lab4pay.url, integrator_id: 'not-our-integrator', poll_ms: 250 },
      },
    }),
    sandbox: false,
    log: createLogger('silent'),
    shutdownGraceMs: 1000,
  });
  key = daemon.store.write((w) => daemon.store.apiKeys.create('pos', w.at)).key;
});
afterAll(async () => {
  await daemon.stop();
  await blink.close();
  await lab4pay.close();
  tmp.cleanup();
});

describe('cloud pairing with posbridge refused', () => {
  it("Blink's terminal list refused for a wrong key is provider_rejected, not provider_unavailable", async () => {
    const r = await call('GET', '/v1/providers/blink/terminals');
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('provider_rejected');
    expect(r.body.detail).toMatch(/refused posbridge's credentials/);
    expect(r.body.detail).not.toContain('not-the-key');
  });

  it('Lab4Pay refusing the integrator id is provider_rejected, and the one-time password stays unused', async () => {
    expect((await call('POST', '/v1/terminals', { id: 'l4p', kind: 'lab4pay', currency: 'EUR' })).status).toBe(201);
    const r = await call('POST', '/v1/terminals/l4p/pair', { otp: SANDBOX_LAB4PAY_FIRST_OTP });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('provider_rejected');
    expect(daemon.store.credentials.get('l4p')).toBeUndefined();
  });
});
