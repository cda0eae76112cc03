// Store-and-forward: a provider goes unreachable (its link unplugged), requests wait in order with their
// card data sealed, survive a restart, and drain in order when it is back — one hold per reference.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { DATABASE_FILE, startDaemon, type RunningDaemon } from '../../bridge/daemon.js';
import { createLogger } from '../../bridge/logging.js';
import {
  SANDBOX_BLINK_KEY,
  SANDBOX_BLINK_SECRET,
  SANDBOX_BLINK_TERMINAL,
  startBlinkSandbox,
} from '../../bridge/sandbox/blink/server.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { eventually, http } from '../helpers/http.js';
import { Link } from '../helpers/link.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir();
let payroc: RunningSandbox;
let blink: Awaited<ReturnType<typeof startBlinkSandbox>>;
let payrocLink: Link;
let blinkLink: Link;
let daemon: RunningDaemon;
let key: string;
let clockOffset = 0;

const config = () =>
  parseConfig({
    wait_timeout_ms: 3000,
    retry: { base_ms: 50, max_ms: 300, max_attempts: 8, resolve_window_ms: 5000 },
    offline: {
      breaker_threshold: 2,
      probe_base_ms: 200,
      probe_max_ms: 500,
      max_amount: { USD: 20_000 },
      max_age_ms: 60_000,
    },
    providers: {
      payroc: {
        api_url: `${payrocLink.url}/v1`,
        identity_url: `${payrocLink.url}/authorize`,
        api_key: SANDBOX_PAYROC_API_KEY,
        timeout_ms: 2000,
        connect_timeout_ms: 300,
      },
      blink: {
        api_url: blinkLink.url,
        pos_api_key: SANDBOX_BLINK_KEY,
        pos_api_secret: SANDBOX_BLINK_SECRET,
        timeout_ms: 2000,
        connect_timeout_ms: 300,
      },
    },
    terminals: [
      { id: 'desk', provider: 'payroc', processing_terminal_id: '1234001' },
      {
        id: 'bar',
        provider: 'blink',
        currency: 'GBP',
        blink_terminal_id: SANDBOX_BLINK_TERMINAL,
        site_branch_id: 'London',
        pos_location: 'POS-1',
      },
    ],
  });
const start = async () => {
  daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: config(),
    sandbox: false,
    log: createLogger('silent'),
    shutdownGraceMs: 1000,
    clock: { now: () => Date.now() + clockOffset },
  });
};
const call = (method: string, path: string, body?: unknown) =>
  http(method, `${daemon.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}` },
  });
const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2034, cvv: '123' };
const preauth = (reference: string, amount = 10_000) => ({
  terminal_id: 'desk',
  amount,
  currency: 'USD',
  reference,
  card: CARD,
});
const payrocPosts = () =>
  payroc.sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/payments'));

beforeAll(async () => {
  payroc = await startPayrocSandbox(0);
  blink = await startBlinkSandbox(0, { cardMs: 10 });
  payrocLink = new Link(Number(new URL(payroc.url).port));
  blinkLink = new Link(Number(new URL(blink.url).port));
  await payrocLink.up();
  await blinkLink.up();
  await start();
  key = daemon.store.write((w) => daemon.store.apiKeys.create('pos', w.at)).key;
});
afterAll(async () => {
  await daemon.stop();
  await payroc.close();
  await blink.close();
  await payrocLink.down();
  await blinkLink.down();
  tmp.cleanup();
});

describe('offline operation', () => {
  let a: string;
  let c: string;
  let b: string;

  it('queues while the provider is unreachable, refuses what may not wait, and shows the queue', async () => {
    a = (await call('POST', '/v1/preauths', preauth('off-a'))).body.id;
    c = (await call('POST', '/v1/preauths', preauth('off-c'))).body.id;
    await payrocLink.down();
    await blinkLink.down();

    // The capture finds the provider gone: refused connections open the breaker and the capture waits.
    const cap = await call('POST', `/v1/preauths/${a}/capture`, { amount: 9_000 });
    expect(cap.status).toBe(202);
    await eventually(async () =>
      (await call('GET', '/v1/health')).body.providers.payroc.state !== 'closed' ? true : undefined,
    );
    expect((await call('GET', '/v1/terminals')).body.data.find((t: { id: string }) => t.id === 'desk').state).toBe(
      'offline',
    );

    // A keyed preauth now waits at once, its card sealed in its row.
    const queued = await call('POST', '/v1/preauths', preauth('off-b', 15_000));
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ state: 'pending', queued_reason: 'provider_unreachable' });
    b = queued.body.id;
    const row = daemon.store.operations.byTransaction(b)[0]!;
    expect(row.card_blob).not.toBeNull();
    expect(row.card_blob!.toString('latin1')).not.toContain('4111111111111111');

    expect((await call('POST', `/v1/preauths/${c}/void`)).status).toBe(202);

    // Over the queue limit: refused, nothing written.
    const big = await call('POST', '/v1/preauths', preauth('off-big', 30_000));
    expect(big.status).toBe(503);
    expect(big.body.code).toBe('queue_limit_reached');
    expect((await call('GET', '/v1/preauths?reference=off-big')).body.data).toHaveLength(0);

    // A card-present preauth cannot wait: no card can be read; refused at once, nothing written.
    await call('POST', '/v1/preauths', { terminal_id: 'bar', amount: 500, currency: 'GBP', reference: 'bar-1' }); // finds Blink gone
    await eventually(async () =>
      (await call('GET', '/v1/health')).body.providers.blink.state !== 'closed' ? true : undefined,
    );
    const bar = await call('POST', '/v1/preauths', {
      terminal_id: 'bar',
      amount: 500,
      currency: 'GBP',
      reference: 'bar-2',
    });
    expect(bar.status).toBe(503);
    expect(bar.body.code).toBe('provider_unavailable');

    const q = (await call('GET', '/v1/queue')).body;
    expect(q.items.map((i: { transaction_id: string; kind: string }) => `${i.kind}:${i.transaction_id}`)).toEqual([
      `capture:${a}`,
      `preauth:${b}`,
      `void:${c}`,
    ]);
    expect(q.exposure).toEqual({ USD: 15_000 });
    expect(q.oldest_age_ms).toBeGreaterThanOrEqual(0);
    expect(
      daemon.store.events
        .since(0, 10_000)
        .some((e) => e.type === 'provider.unreachable' && e.data.provider === 'payroc'),
    ).toBe(true);
  });

  it('keeps the queue, sealed card included, across a restart', async () => {
    await daemon.stop();
    await start();
    expect((await call('GET', '/v1/queue')).body.count).toBe(3);
    expect(daemon.store.operations.byTransaction(b)[0]!.card_blob).not.toBeNull();
  });

  it('drains in order when the provider is back, one hold per reference, card data wiped', async () => {
    const postsBefore = payrocPosts().length;
    await payrocLink.up();
    const forward = await call('POST', '/v1/queue/forward');
    expect(forward.status).toBe(200);
    await eventually(async () => ((await call('GET', '/v1/queue')).body.count === 0 ? true : undefined), 20_000);
    const [ta, tb, tc] = await Promise.all([a, b, c].map(async (id) => (await call('GET', `/v1/preauths/${id}`)).body));
    expect([ta.state, tb.state, tc.state]).toEqual(['captured', 'authorized', 'voided']);
    const sent = payrocPosts()
      .slice(postsBefore)
      .map((r) => (r.path.endsWith('/capture') ? 'capture' : r.path.endsWith('/reverse') ? 'void' : 'preauth'));
    expect(sent).toEqual(['capture', 'preauth', 'void']);
    for (const id of [a, b, c]) expect(payroc.sandbox.ledger.holds().filter((h) => h.reference === id)).toHaveLength(1);
    expect(daemon.store.operations.byTransaction(b)[0]!.card_blob).toBeNull();
    expect((await call('GET', '/v1/health')).body.providers.payroc.state).toBe('closed');
  });

  it('leaves no card number or CVV in the database or its WAL', async () => {
    const wal = join(tmp.dir, `${DATABASE_FILE}-wal`);
    const bytes = Buffer.concat([
      readFileSync(join(tmp.dir, DATABASE_FILE)),
      existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0),
    ]).toString('latin1');
    expect(bytes.includes('4111111111111111')).toBe(false);
    expect(/"cvv"\s*:/.test(bytes)).toBe(false);
  });

  it('a queued operation that waits too long fails as never sent, with its card data wiped', async () => {
    await payrocLink.down();
    await call('POST', '/v1/preauths', preauth('off-trigger', 1_000)); // finds the provider gone again
    await eventually(async () =>
      (await call('GET', '/v1/health')).body.providers.payroc.state !== 'closed' ? true : undefined,
    );
    const old = await call('POST', '/v1/preauths', preauth('off-old', 2_000));
    expect(old.body.queued_reason).toBe('provider_unreachable');
    clockOffset += 61_000;
    const failed = await eventually(async () => {
      const g = await call('GET', `/v1/preauths/${old.body.id}`);
      return g.body.state === 'failed' ? g.body : undefined;
    });
    expect(failed.error.code).toBe('queue_expired');
    expect(daemon.store.operations.byTransaction(old.body.id)[0]!.card_blob).toBeNull();
    await payrocLink.up();
  });
});
