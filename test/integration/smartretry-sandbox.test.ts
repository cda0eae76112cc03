// The SmartRetry sandbox over loopback HTTP follows SmartRetry's documented rules: authentication,
// terminal scope, error bodies, the Idempotency-Key (24 h replay window on the sandbox's clock, 409,
// 503), rate limits with their headers, and request validation. Each test names its source page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SMARTRETRY_API_KEY, startSmartRetrySandbox } from '../../bridge/sandbox/smartretry/server.js';
import { http } from '../helpers/http.js';

const DOCS = 'https://www.smartretry.com/docs/';
let clock = Date.UTC(2030, 2, 17, 12, 0, 0);
let sb: Awaited<ReturnType<typeof startSmartRetrySandbox>>;
beforeAll(async () => {
  sb = await startSmartRetrySandbox(0, { now: () => clock, processingMs: 50, lockWaitMs: 300 });
});
afterAll(async () => {
  await sb.close();
});

const HOUR = 3_600_000;
const preauth = (mtid: string, amount = 49.99, over: Record<string, unknown> = {}) => ({
  merchant_transaction_id: mtid,
  amount,
  currency: 'USD',
  order: {
    merchant_order_id: mtid,
    payment_instrument: {
      card_number: '4111111111111111',
      expiry_month: 12,
      expiry_year: 2035,
      payment_method: 'cards',
    },
  },
  cvv: '123',
  ...over,
});
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  http('POST', `${sb.url}${path}`, { body, headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY, ...headers } });
const status = (id: string) =>
  http('GET', `${sb.url}/v1/payments/status/SBX001/${id}`, { headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY } });
/** Moves the sandbox clock to a fresh rate-limit second, so tests do not share a window. */
const nextSecond = () => {
  clock = (Math.floor(clock / 1000) + 1) * 1000;
};

describe('smartretry sandbox: authentication, terminals, error bodies', () => {
  it('refuses a bad key (401 INVALID_API_KEY) with a problem-details body', async () => {
    // api-reference/errors (401 example; "All error responses share this shape"), authentication
    const r = await post('/v1/payments/preauth/SBX001', preauth('a'), { 'x-api-key': 'sk_test_wrong' });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toEqual({
      type: `${DOCS}api-reference/errors#invalid-api-key`,
      title: 'Unauthorized',
      status: 401,
      detail: expect.any(String),
      instance: '/v1/payments/preauth/SBX001',
      reason_code: 'INVALID_API_KEY',
      context: {},
    });
  });

  it('answers 403 TERMINAL_NOT_FOUND for a terminal the key cannot access, on payments and status', async () => {
    // api-reference/overview ("requests to terminals your key cannot access return 403 Forbidden"), api-reference/errors
    nextSecond();
    const r = await post('/v1/payments/preauth/NOPE00', preauth('a'));
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ reason_code: 'TERMINAL_NOT_FOUND', context: { terminal_friendly_id: 'NOPE00' } });
    expect(
      (
        await http('GET', `${sb.url}/v1/payments/status/NOPE00/TX000000`, {
          headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY },
        })
      ).status,
    ).toBe(403);
  });

  it("answers 404 TRANSACTION_NOT_FOUND for an unknown transaction, as the errors page's example", async () => {
    // api-reference/errors (404 example on /v1/payments/status/ABC123/txn_001)
    const r = await status('TXNOPE00');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      status: 404,
      reason_code: 'TRANSACTION_NOT_FOUND',
      instance: '/v1/payments/status/SBX001/TXNOPE00',
      context: { terminal_friendly_id: 'SBX001', transaction_id: 'TXNOPE00' },
    });
  });

  it('validates the body with the documented reason codes, the field in context.field', async () => {
    // api-reference/errors (reason codes; 400 example with context.field), api-reference/payments/sale (limits)
    nextSecond();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...preauth('v1'), amount: undefined }, 'MISSING_REQUIRED_FIELD', 'amount'],
      [{ ...preauth('v2'), amount: 0.5 }, 'INVALID_AMOUNT', 'amount'],
      [{ ...preauth('v3'), amount: 10.001 }, 'INVALID_AMOUNT', 'amount'],
      [{ ...preauth('v4'), currency: 'ISK' }, 'INVALID_CURRENCY', 'currency'],
      [
        preauth('v5', 49.99, {
          order: {
            payment_instrument: {
              card_number: '4111111111111112',
              expiry_month: 12,
              expiry_year: 2035,
              payment_method: 'cards',
            },
          },
        }),
        'INVALID_CARD_NUMBER',
        'order.payment_instrument.card_number',
      ],
      [
        preauth('v6', 49.99, {
          order: {
            payment_instrument: {
              card_number: '4111111111111111',
              expiry_month: 1,
              expiry_year: 2030,
              payment_method: 'cards',
            },
          },
        }),
        'INVALID_EXPIRY',
        'order.payment_instrument.expiry_year',
      ],
      [
        preauth('v7', 49.99, {
          order: { payment_instrument: { card_number: '4111111111111111', expiry_month: 12, expiry_year: 2035 } },
        }),
        'MISSING_REQUIRED_FIELD',
        'order.payment_instrument.payment_method',
      ],
      [
        preauth('v8', 49.99, {
          order: {
            payment_instrument: {
              card_number: '4111111111111111',
              expiry_month: 12,
              expiry_year: 2035,
              payment_method: 'cards',
            },
            payer: { first_name: 'Jane' },
          },
        }),
        'MISSING_REQUIRED_FIELD',
        'order.payer.last_name',
      ],
      [preauth('v9', 51.05), 'INVALID_AMOUNT', 'amount'],
    ];
    for (const [body, reason, field] of cases) {
      const r = await post('/v1/payments/preauth/SBX001', body);
      expect({ status: r.status, reason: r.body.reason_code, field: r.body.context.field }).toEqual({
        status: 400,
        reason,
        field,
      });
    }
    // payer is optional (payments/sale marks no `required` on it), and accepted when complete.
    const ok = preauth('v10', 49.99, {
      order: {
        payment_instrument: {
          card_number: '4111111111111111',
          expiry_month: 12,
          expiry_year: 2035,
          payment_method: 'cards',
        },
        payer: { first_name: 'Jane', last_name: 'Doe', email: 'jane.doe@example.com' },
      },
    });
    expect((await post('/v1/payments/preauth/SBX001', ok)).body.accepted).toBe(true);
  });
});

describe('smartretry sandbox: Idempotency-Key', () => {
  // api-reference/idempotency
  it('replays the same key and body with the documented headers; 409 IDEMPOTENCY_CONFLICT for another body', async () => {
    nextSecond();
    const a = await post('/v1/payments/preauth/SBX001', preauth('idem-1'), { 'idempotency-key': 'key-1' });
    expect(a.headers).toMatchObject({
      'idempotency-key': 'key-1',
      'idempotency-replayed': 'false',
      'idempotency-expires': new Date(clock + 24 * HOUR).toISOString(),
    });
    const b = await post('/v1/payments/preauth/SBX001', preauth('idem-1'), { 'idempotency-key': 'key-1' });
    expect(b.body).toEqual(a.body);
    expect(b.headers).toMatchObject({
      'idempotency-replayed': 'true',
      'idempotency-expires': a.headers['idempotency-expires'],
    });
    const c = await post('/v1/payments/preauth/SBX001', preauth('idem-1', 50), { 'idempotency-key': 'key-1' });
    expect(c.status).toBe(409);
    expect(c.body).toMatchObject({ reason_code: 'IDEMPOTENCY_CONFLICT', context: { idempotency_key: 'key-1' } });
  });

  it('replays non-5xx refusals too, with their original status', async () => {
    // "A repeated request can replay a prior 200, 400, 403, 404, or other cached non-5xx response."
    nextSecond();
    for (const [path, body, expected] of [
      ['/v1/payments/preauth/SBX001', { ...preauth('r400'), currency: 'ISK' }, 400],
      ['/v1/payments/preauth/NOPE00', preauth('r403'), 403],
    ] as const) {
      const key = `replay-${expected}`;
      const first = await post(path, body, { 'idempotency-key': key });
      const again = await post(path, body, { 'idempotency-key': key });
      expect([first.status, again.status, again.headers['idempotency-replayed']]).toEqual([expected, expected, 'true']);
      expect(again.body).toEqual(first.body);
    }
  });

  it('does not store a 5xx: the same key runs again', async () => {
    // "5xx responses are not cached."
    nextSecond();
    await http('POST', `${sb.url}/__sandbox/faults`, {
      body: { faults: [{ kind: 'http_500' }], path_prefix: '/v1/payments/preauth' },
    });
    const first = await post('/v1/payments/preauth/SBX001', preauth('idem-500'), { 'idempotency-key': 'key-500' });
    expect(first.status).toBe(500);
    const second = await post('/v1/payments/preauth/SBX001', preauth('idem-500'), { 'idempotency-key': 'key-500' });
    expect([second.status, second.headers['idempotency-replayed'], second.body.accepted]).toEqual([200, 'false', true]);
  });

  it('honours the 24 h replay window on the sandbox clock: after it, the same key is a new request', async () => {
    // "SmartRetry stores the original HTTP status and response body for 24 hours"
    nextSecond();
    const first = await post('/v1/payments/preauth/SBX001', preauth('idem-24h'), { 'idempotency-key': 'key-24h' });
    clock += 24 * HOUR - 1_000;
    const inside = await post('/v1/payments/preauth/SBX001', preauth('idem-24h'), { 'idempotency-key': 'key-24h' });
    expect([inside.headers['idempotency-replayed'], inside.body.transaction_id]).toEqual([
      'true',
      first.body.transaction_id,
    ]);
    clock += 2_000;
    const after = await post('/v1/payments/preauth/SBX001', preauth('idem-24h'), { 'idempotency-key': 'key-24h' });
    expect(after.headers['idempotency-replayed']).toBe('false');
    expect(after.body.transaction_id).not.toBe(first.body.transaction_id);
    expect(after.headers['idempotency-expires']).toBe(new Date(clock + 24 * HOUR).toISOString());
    const holds = (await http('GET', `${sb.url}/__sandbox/ledger`)).body.holds.filter(
      (h: { reference: string }) => h.reference === 'idem-24h',
    );
    expect(holds).toHaveLength(2);
  });

  it('answers 503 RESOURCE_LOCKED to a duplicate that waits too long for the first', async () => {
    // "SmartRetry waits briefly for the original result before returning 503 Resource Locked" (at most 10 s; 300 ms here)
    nextSecond();
    await http('POST', `${sb.url}/__sandbox/faults`, {
      body: { faults: [{ kind: 'delay', ms: 800 }], path_prefix: '/v1/payments/preauth' },
    });
    const first = post('/v1/payments/preauth/SBX001', preauth('lock-1'), { 'idempotency-key': 'lock-key' });
    await new Promise((r) => setTimeout(r, 100));
    const second = await post('/v1/payments/preauth/SBX001', preauth('lock-1'), { 'idempotency-key': 'lock-key' });
    expect(second.status).toBe(503);
    expect(second.body.reason_code).toBe('RESOURCE_LOCKED');
    expect((await first).status).toBe(200);
  });

  it('refuses a malformed key with 400 INVALID_IDEMPOTENCY_KEY', async () => {
    // "Maximum 255 characters. Allowed characters: letters, numbers, underscore, and hyphen."
    nextSecond();
    for (const key of ['has space', 'x'.repeat(256), 'dot.ted']) {
      const r = await post('/v1/payments/preauth/SBX001', preauth('bad-key'), { 'idempotency-key': key });
      expect([r.status, r.body.reason_code]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY']);
    }
  });
});

describe('smartretry sandbox: rate limits', () => {
  // api-reference/rate-limiting
  it('puts X-RateLimit-* on every answer, refusals included', async () => {
    nextSecond();
    const ok = await post('/v1/payments/preauth/SBX001', preauth('rl-h'));
    const bad = await post('/v1/payments/preauth/SBX001', { ...preauth('rl-h2'), currency: 'ISK' });
    const st = await status(ok.body.transaction_id);
    expect(ok.headers).toMatchObject({
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '99',
      'x-ratelimit-reset': String(Math.floor(clock / 1000) + 1),
    });
    expect(bad.headers['x-ratelimit-remaining']).toBe('98');
    // Status queries have their own, higher limit.
    expect(st.headers).toMatchObject({ 'x-ratelimit-limit': '500', 'x-ratelimit-remaining': '499' });
  });

  it('answers 429 RATE_LIMIT_EXCEEDED with Retry-After past the per-key limit', async () => {
    const fixed = await startSmartRetrySandbox(0, { paymentRps: 5, statusRps: 2, now: () => 1_900_000_000_000 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          http('POST', `${fixed.url}/v1/payments/preauth/SBX001`, {
            body: preauth(`rl-${i}`),
            headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY },
          }),
        ),
      );
      const limited = answers.filter((r) => r.status === 429);
      expect(limited).toHaveLength(3);
      expect(limited[0]!.headers).toMatchObject({
        'retry-after': '1',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
      });
      expect(limited[0]!.body).toMatchObject({
        status: 429,
        reason_code: 'RATE_LIMIT_EXCEEDED',
        context: { retry_after_seconds: 1 },
      });
      const id = answers.find((r) => r.status === 200)!.body.transaction_id;
      const statuses = await Promise.all(
        Array.from({ length: 3 }, () =>
          http('GET', `${fixed.url}/v1/payments/status/SBX001/${id}`, {
            headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY },
          }),
        ),
      );
      expect(statuses.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    } finally {
      await fixed.close();
    }
  });
});
