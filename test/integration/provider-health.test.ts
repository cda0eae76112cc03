// A provider's health follows what its requests get, against the real Payroc sandbox and its scripted
// faults: a run of 5xx answers or connections closed before the answer makes it "failing" everywhere
// people look (health, status, the terminal), without the breaker refusing payments; an answer clears it;
// a decline is an answer. And every "waiting to be sent" count reads the same set.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';

const DECLINED_CARD = { number: '4000000000000002', expiry_month: 12, expiry_year: 2035, cvv: '123' };

async function terminal(d: TestDaemon, id: string) {
  const list = (await d.call('GET', '/v1/terminals')).body.data as Array<Record<string, unknown>>;
  return list.find((t) => t.id === id) as {
    state: string;
    queue_depth: number;
    provider_reachability: { state: string; failing: boolean };
  };
}

async function clearFaults(d: TestDaemon) {
  await d.faults([], { replace: true });
}

describe('a provider that answers but does not work', () => {
  let d: TestDaemon;
  beforeAll(async () => {
    d = await startTestDaemon({
      retry: { base_ms: 50, max_ms: 200, max_attempts: 30, resolve_window_ms: 5_000 },
      offline: { breaker_threshold: 3 },
    });
  });
  afterAll(async () => {
    await d.stop();
  });
  afterEach(async () => {
    await clearFaults(d);
  });

  it.each(['http_500', 'close_before'])(
    '%s on every request: health degraded with the reason, the terminal not ready, the status amber; sending goes on; an answer clears it',
    async (kind) => {
      await d.faults(
        Array.from({ length: 100 }, () => ({ kind })),
        { replace: true },
      );
      const first = await d.call('POST', '/v1/preauths', preauthBody(`fail-${kind}`), { prefer: 'respond-async' });
      expect(first.status).toBe(202);

      const health = await eventually(async () => {
        const h = await d.call('GET', '/v1/health');
        return h.body.providers.payroc.failing ? h : undefined;
      });
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.reason).toMatch(/payroc is failing/);
      // The breaker counts only failures before sending: it stays closed, so payments are still sent.
      expect(health.body.providers.payroc.state).toBe('closed');

      const t = await terminal(d, 'sandbox-payroc');
      expect(t.state).toBe('failing');
      expect(t.provider_reachability).toMatchObject({ state: 'closed', failing: true });
      const status = (await d.call('GET', '/v1/status')).body;
      expect(status.level).toBe('degraded');
      expect(status.headline).toMatch(/^Payroc is not working for /);
      expect(status.problems.some((p: { terminal_id: string }) => p.terminal_id === 'sandbox-payroc')).toBe(true);
      // Plain words only.
      expect(`${status.headline} ${status.advice}`).not.toMatch(/HTTP|500|close_before|_/);
      expect(
        d.daemon.store.events
          .since(0, 10_000)
          .some((e) => e.type === 'provider.failing' && e.data.provider === 'payroc'),
      ).toBe(true);

      // The provider works again: the payment that was waiting goes through and clears "failing".
      await clearFaults(d);
      await eventually(async () => {
        const h = (await d.call('GET', '/v1/health')).body;
        return h.status === 'ok' && !h.providers.payroc.failing ? true : undefined;
      });
      await eventually(async () =>
        (await d.call('GET', `/v1/preauths/${first.body.id}`)).body.state === 'authorized' ? true : undefined,
      );
      await eventually(async () => ((await terminal(d, 'sandbox-payroc')).state === 'ready' ? true : undefined));
    },
  );

  it('Blink closing every connection before answering: its terminal is failing too, and comes back', async () => {
    const blink = d.daemon.sandboxes!.urls.blink!;
    const script = (faults: unknown[]) =>
      http('POST', `${blink}/__sandbox/faults`, { body: { faults, replace: true } });
    await script(Array.from({ length: 100 }, () => ({ kind: 'close_before' })));
    const sent = await d.call(
      'POST',
      '/v1/preauths',
      { terminal_id: 'sandbox-blink', amount: 1_500, currency: 'GBP', reference: 'blink-closed' },
      { prefer: 'respond-async' },
    );
    expect(sent.status).toBe(202);
    await eventually(async () => ((await terminal(d, 'sandbox-blink')).state === 'failing' ? true : undefined));
    const h = (await d.call('GET', '/v1/health')).body;
    expect(h.status).toBe('degraded');
    expect(h.reason).toMatch(/blink is failing/);
    expect(h.providers.blink).toMatchObject({ state: 'closed', failing: true });
    await script([]);
    await eventually(async () => ((await d.call('GET', '/v1/health')).body.providers.blink.failing ? undefined : true));
  });

  it('declines are answers: a run of them leaves the provider working', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await d.call('POST', '/v1/preauths', preauthBody(`declined-${i}`, 10_000, { card: DECLINED_CARD }));
      expect(r.status).toBe(402);
      expect(r.body.transaction.state).toBe('declined');
    }
    const h = (await d.call('GET', '/v1/health')).body;
    expect(h.status).toBe('ok');
    expect(h.reason).toBeNull();
    expect(h.providers.payroc.failing).toBe(false);
    expect((await terminal(d, 'sandbox-payroc')).state).toBe('ready');
  });

  it('one failure among answers is not a run', async () => {
    await d.faults([{ kind: 'http_500' }], { method: 'POST', path_prefix: '/v1/payments', replace: true });
    const r = await d.call('POST', '/v1/preauths', preauthBody('one-500'));
    expect(r.body.state).toBe('authorized');
    expect((await d.call('GET', '/v1/health')).body.providers.payroc.failing).toBe(false);
  });
});

describe('"waiting to be sent" counts', () => {
  let d: TestDaemon;
  beforeAll(async () => {
    // A failed attempt is tried again only after a minute: what waits stays put while the counts are read.
    d = await startTestDaemon({
      retry: { base_ms: 60_000, max_ms: 60_000, max_attempts: 8, resolve_window_ms: 600_000 },
    });
  });
  afterAll(async () => {
    await d.stop();
  });

  it('a payment waiting to be tried again after a 5xx counts the same on its terminal, in the queue and in the status', async () => {
    await d.faults(
      Array.from({ length: 20 }, () => ({ kind: 'http_500' })),
      { replace: true },
    );
    const ids: string[] = [];
    for (const ref of ['wait-1', 'wait-2']) {
      const r = await d.call('POST', '/v1/preauths', preauthBody(ref), { prefer: 'respond-async' });
      ids.push(r.body.id);
    }
    // Both have been tried once and now wait for their next try.
    await eventually(async () => {
      const open = d.daemon.store.db
        .prepare(`SELECT COUNT(*) AS n FROM operations WHERE state = 'queued' AND attempts > 0`)
        .get() as { n: number };
      return open.n === 2 ? true : undefined;
    });
    const t = await terminal(d, 'sandbox-payroc');
    const queue = (await d.call('GET', '/v1/queue')).body;
    const status = (await d.call('GET', '/v1/status')).body;
    const health = (await d.call('GET', '/v1/health')).body;
    expect(t.queue_depth).toBe(2);
    expect(queue.count).toBe(2);
    expect(queue.items.map((i: { transaction_id: string }) => i.transaction_id).sort()).toEqual([...ids].sort());
    expect(status.queued).toBe(2);
    expect(health.queue_depth).toBe(2);
    await http('POST', `${d.sandboxUrl}/__sandbox/faults`, { body: { faults: [], replace: true } });
  });
});
