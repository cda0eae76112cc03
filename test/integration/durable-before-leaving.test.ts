// Nothing leaves the daemon before what it depends on is on disk. Intake, claim, attempt and answer
// commit without waiting for the disk (group commit, store.ts); the request to the provider waits for the
// shared sync, and so does every reply to the POS. Observed from outside the code that does it: the
// Payroc sandbox notes, as each request arrives, whether the daemon's store still had a commit that was
// not on disk; the POS notes the same as each answer arrives. Real daemon in-process, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { startDaemon, type RunningDaemon } from '../../bridge/daemon.js';
import { createLogger } from '../../bridge/logging.js';
import { listenSandbox, type RunningServer } from '../../bridge/sandbox/kit.js';
import { PayrocSandbox, SANDBOX_PAYROC_API_KEY } from '../../bridge/sandbox/payroc/server.js';
import { CARD } from '../helpers/daemon.js';
import { http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

let sandbox: RunningServer;
let daemon: RunningDaemon;
let key: string;
let tmp: ReturnType<typeof tempDir>;
const arrivals: Array<{ path: string; awaitingSync: boolean }> = [];

beforeAll(async () => {
  const app = new PayrocSandbox().build();
  app.addHook('onRequest', async (request) => {
    arrivals.push({ path: request.url, awaitingSync: daemon?.store.awaitingSync ?? false });
  });
  sandbox = await listenSandbox(app, 0);
  tmp = tempDir();
  daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: parseConfig({
      providers: {
        payroc: {
          api_url: `${sandbox.url}/v1`,
          identity_url: `${sandbox.url}/authorize`,
          api_key: SANDBOX_PAYROC_API_KEY,
        },
      },
      terminals: [{ id: 'desk', provider: 'payroc', processing_terminal_id: '1234001', channel: 'moto' }],
    }),
    sandbox: false,
    log: createLogger('silent'),
    shutdownGraceMs: 2_000,
  });
  key = daemon.store.write((w) => daemon.store.apiKeys.create('pos', w.at)).key;
});
afterAll(async () => {
  await daemon?.stop();
  await sandbox?.close();
  tmp?.cleanup();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(method, `${daemon.url}${path}`, { body, headers: { authorization: `Bearer ${key}`, ...headers } });

describe('durable before anything leaves', () => {
  it('a preauth and its capture reach Payroc only once their records are on disk, and are answered the same way', async () => {
    const preauth = await call('POST', '/v1/preauths', {
      terminal_id: 'desk',
      amount: 5_000,
      currency: 'USD',
      reference: 'durable-1',
      card: CARD,
    });
    expect(preauth.status).toBe(201);
    expect(preauth.body).toMatchObject({ state: 'authorized', result: 'approved' });
    // The answer was committed unsynced; the reply waited for the sync.
    expect(daemon.store.awaitingSync).toBe(false);

    const capture = await call('POST', `/v1/preauths/${preauth.body.id}/capture`, { amount: 4_000 });
    expect(capture.status).toBe(200);
    expect(capture.body).toMatchObject({ state: 'captured', result: 'approved' });
    expect(daemon.store.awaitingSync).toBe(false);

    const payments = arrivals.filter((a) => a.path.startsWith('/v1/payments'));
    expect(payments.length).toBeGreaterThanOrEqual(2);
    expect(payments.filter((a) => a.awaitingSync)).toEqual([]);
  });
});
