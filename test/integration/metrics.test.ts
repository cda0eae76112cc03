// GET /v1/metrics of a real daemon (in-process, real SQLite file, the Payroc sandbox on loopback, PayPorter
// pointed at a port where nothing listens), parsed with a strict text-format parser (test/helpers/prom-text.ts):
// a preauth and its capture, a decline, a hold expiring within 24 h, a preauth queued for an unreachable
// provider and a transaction in doubt each show up in the values. Access: a metrics-only key reads it and
// nothing else; no key is 401; a Host or Origin that is not loopback is refused as everywhere.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { startDaemon, type RunningDaemon } from '../../bridge/daemon.js';
import { createLogger } from '../../bridge/logging.js';
import { SANDBOX_PAYPORTER_KEY, SANDBOX_PAYPORTER_SECRET } from '../../bridge/sandbox/payporter/server.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { packageVersion } from '../../bridge/version.js';
import { eventually, http } from '../helpers/http.js';
import { parsePrometheusText, sampleValue, type Family } from '../helpers/prom-text.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir();
let payroc: RunningSandbox;
let daemon: RunningDaemon;
let key: string;
let metricsKey: string;
const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2034, cvv: '123' };

/** A loopback port with nothing listening: connections are refused, as when the internet is gone. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(method, `${daemon.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}`, ...headers },
  });
const scrape = async (): Promise<Map<string, Family>> => {
  const r = await http('GET', `${daemon.url}/v1/metrics`, { headers: { authorization: `Bearer ${metricsKey}` } });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(r.text);
};
const payrocPreauth = (reference: string, amount: number, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/preauths', { terminal_id: 'desk', amount, currency: 'USD', reference, card: CARD, ...extra });

beforeAll(async () => {
  payroc = await startPayrocSandbox(0);
  const nowhere = await deadPort();
  daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: parseConfig({
      wait_timeout_ms: 5000,
      retry: { base_ms: 50, max_ms: 300, max_attempts: 3, resolve_window_ms: 60_000 },
      offline: { breaker_threshold: 2, probe_base_ms: 60_000, probe_max_ms: 60_000 },
      providers: {
        payroc: {
          api_url: `${payroc.url}/v1`,
          identity_url: `${payroc.url}/authorize`,
          api_key: SANDBOX_PAYROC_API_KEY,
          timeout_ms: 2000,
          connect_timeout_ms: 500,
        },
        payporter: {
          api_url: `http://127.0.0.1:${nowhere}`,
          api_key: SANDBOX_PAYPORTER_KEY,
          api_secret: SANDBOX_PAYPORTER_SECRET,
          request_ip: '127.0.0.1',
          request_port: 7420,
          timeout_ms: 2000,
          connect_timeout_ms: 300,
        },
      },
      terminals: [
        { id: 'desk', provider: 'payroc', processing_terminal_id: '1234001' },
        { id: 'reception', provider: 'payporter', currency: 'TRY' },
      ],
    }),
    sandbox: false,
    log: createLogger('silent'),
    shutdownGraceMs: 1000,
  });
  key = daemon.store.write((w) => daemon.store.apiKeys.create('pos', w.at)).key;
  metricsKey = daemon.store.write((w) => daemon.store.apiKeys.create('scraper', w.at, 'metrics')).key;
});
afterAll(async () => {
  await daemon.stop();
  await payroc.close();
  tmp.cleanup();
});

describe('GET /v1/metrics', () => {
  it('shows holds, declines, the queue, a transaction in doubt and expiring holds as they are', async () => {
    // No check has run yet (the first is a minute after start): unknown, not sound.
    expect(Number.isNaN(sampleValue(await scrape(), 'posbridge_integrity_check_ok'))).toBe(true);
    await daemon.integrity.runNow();
    const before = await scrape();
    expect(sampleValue(before, 'posbridge_unresolved_transactions')).toBe(0);
    expect(sampleValue(before, 'posbridge_queue_depth', { terminal: 'reception' })).toBe(0);
    expect(sampleValue(before, 'posbridge_integrity_check_ok')).toBe(1);
    expect(sampleValue(before, 'posbridge_provider_breaker_state', { provider: 'payporter' })).toBe(0);

    const held = await payrocPreauth('m-capture', 10_000);
    expect(held.status).toBe(201);
    expect((await call('POST', `/v1/preauths/${held.body.id}/capture`, {})).status).toBe(200);
    expect((await payrocPreauth('m-decline', 5101)).status).toBe(402);
    const soon = new Date(Date.now() + 2 * 3_600_000).toISOString();
    expect((await payrocPreauth('m-expiring', 2_500, { expires_at: soon })).status).toBe(201);

    // PayPorter cannot be reached: the preauth waits (its card sealed), the breaker opens.
    const queued = await call(
      'POST',
      '/v1/preauths',
      {
        terminal_id: 'reception',
        amount: 4_999,
        currency: 'TRY',
        reference: 'm-queued',
        card: { ...CARD, holder_name: 'Ada Lovelace' },
      },
      { prefer: 'respond-async' },
    );
    expect(queued.status).toBe(202);
    await eventually(async () =>
      (await call('GET', '/v1/health')).body.providers.payporter.state === 'open' ? true : undefined,
    );

    // Payroc answers 500 to every POST: the preauth ends in doubt (unresolved), still asked after.
    const faults = await http('POST', `${payroc.url}/__sandbox/faults`, {
      body: {
        faults: Array.from({ length: 100 }, () => ({ kind: 'http_500' })),
        method: 'POST',
        path_prefix: '/v1/payments',
      },
    });
    expect(faults.status).toBe(200);
    const doubt = await payrocPreauth('m-doubt', 7_700);
    expect(doubt.status).toBe(202);
    expect(doubt.body.state).toBe('unresolved');

    const m = await scrape();
    // Open holds: the expiring one only (the first was captured); amounts in minor units.
    expect(sampleValue(m, 'posbridge_open_holds', { currency: 'USD' })).toBe(1);
    expect(sampleValue(m, 'posbridge_open_holds_amount_minor_units', { currency: 'USD' })).toBe(2_500);
    expect(sampleValue(m, 'posbridge_holds_expiring_24h')).toBe(1);
    expect(sampleValue(m, 'posbridge_unresolved_transactions')).toBe(1);

    expect(sampleValue(m, 'posbridge_queue_depth', { terminal: 'reception', provider: 'payporter' })).toBe(1);
    const age = sampleValue(m, 'posbridge_queue_oldest_age_seconds', { terminal: 'reception' })!;
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThan(120);
    expect(sampleValue(m, 'posbridge_provider_breaker_state', { provider: 'payporter' })).toBe(2);
    expect(sampleValue(m, 'posbridge_provider_breaker_state', { provider: 'payroc' })).toBe(0);

    const ops = (kind: string, outcome: string) =>
      sampleValue(m, 'posbridge_operations_total', { provider: 'payroc', kind, outcome });
    expect(ops('preauth', 'succeeded')).toBe(2);
    expect(ops('capture', 'succeeded')).toBe(1);
    expect(ops('preauth', 'declined')).toBe(1);

    // Every exchange with Payroc was timed: 3 good preauth sends, the decline, and the 500s of the doubt.
    const sends = sampleValue(m, 'posbridge_provider_exchange_duration_seconds_count', {
      provider: 'payroc',
      kind: 'preauth',
      purpose: 'send',
    })!;
    expect(sends).toBeGreaterThanOrEqual(4);
    expect(
      sampleValue(m, 'posbridge_provider_exchange_duration_seconds_bucket', {
        provider: 'payroc',
        kind: 'preauth',
        purpose: 'send',
        le: '+Inf',
      }),
    ).toBe(sends);
    expect(
      sampleValue(m, 'posbridge_provider_exchange_duration_seconds_count', { provider: 'payroc', kind: 'capture' }),
    ).toBe(1);

    expect(sampleValue(m, 'posbridge_database_size_bytes')).toBeGreaterThan(4096);
    expect(m.get('posbridge_build_info')!.samples).toEqual([
      { name: 'posbridge_build_info', labels: { version: packageVersion() }, value: 1 },
    ]);
    expect(sampleValue(m, 'posbridge_start_time_seconds')).toBeLessThanOrEqual(Date.now() / 1000);
    for (const f of m.values()) expect(f.name.startsWith('posbridge_'), f.name).toBe(true);

    // A scrape resets nothing: the counters read the same again.
    const again = await scrape();
    expect(
      sampleValue(again, 'posbridge_operations_total', { provider: 'payroc', kind: 'capture', outcome: 'succeeded' }),
    ).toBe(1);
    await http('POST', `${payroc.url}/__sandbox/faults`, { body: { faults: [], replace: true } });
  });

  it('lets a metrics-only key read it and nothing else; no key is 401; a foreign Host or Origin is refused', async () => {
    const url = `${daemon.url}/v1/metrics`;
    const bearer = { authorization: `Bearer ${metricsKey}` };
    for (const [method, path] of [
      ['GET', '/v1/preauths?reference=m-capture'],
      ['GET', '/v1/status'],
      ['GET', '/v1/queue'],
      ['POST', '/v1/pause'],
    ] as const) {
      const r = await http(method, `${daemon.url}${path}`, { headers: bearer });
      expect(r.status, path).toBe(403);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe('insufficient_scope');
    }
    expect((await call('GET', '/v1/metrics')).status).toBe(200); // a full key reads it too

    const none = await http('GET', url);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthorized');
    const host = await http('GET', url, { headers: { ...bearer, host: 'metrics.example.com' } });
    expect(host.status).toBe(403);
    expect(host.body.code).toBe('forbidden_host');
    const origin = await http('GET', url, { headers: { ...bearer, origin: 'http://evil.example' } });
    expect(origin.status).toBe(403);
    expect(origin.body.code).toBe('forbidden_origin');
    expect(host.text).not.toContain('posbridge_');
  });
});
