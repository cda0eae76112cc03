// The SmartRetry sandbox follows SmartRetry's documented rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SMARTRETRY_API_KEY, startSmartRetrySandbox } from '../../bridge/sandbox/smartretry/server.js';
import { http } from '../helpers/http.js';

let sb: Awaited<ReturnType<typeof startSmartRetrySandbox>>;
beforeAll(async () => { sb = await startSmartRetrySandbox(0, { processingMs: 50, paymentRps: 5, lockWaitMs: 300 }); });
afterAll(async () => { await sb.close(); });

const preauth = (mtid: string, amount = 49.99) => ({
  merchant_transaction_id: mtid, amount, currency: 'USD',
  order: { merchant_order_id: mtid, payment_instrument: { card_number: '4111111111111111', expiry_month: 12, expiry_year: 2030, payment_method: 'cards' } }, cvv: '123',
});
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => http('POST', `${sb.url}${path}`, { body, headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY, ...headers } });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('smartretry sandbox', () => {
  it('refuses a bad key (401 INVALID_API_KEY) and an unknown terminal (404)', async () => {
    const r = await post('/v1/payments/preauth/SBX001', preauth('a'), { 'x-api-key': 'sk_test_wrong' });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 401, reason_code: 'INVALID_API_KEY', title: expect.any(String), detail: expect.any(String), instance: expect.any(String) });
    expect((await post('/v1/payments/preauth/NOPE00', preauth('a'))).status).toBe(404);
  });

  it('accepts, then settles behind the status endpoint', async () => {
    const r = await post('/v1/payments/preauth/SBX001', preauth('settle-1'));
    expect(r.body).toMatchObject({ accepted: true, merchant_transaction_id: 'settle-1' });
    expect(r.body.transaction_id).toHaveLength(8);
    expect(r.body.order_id).toHaveLength(8);
    const status = () => http('GET', `${sb.url}/v1/payments/status/SBX001/${r.body.transaction_id}`, { headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY } });
    expect((await status()).body.status.status).toBe('PROCESSING');
    await pause(80);
    expect((await status()).body.status).toMatchObject({ status: 'APPROVED' });
  });

  it('replays for the same key and body, 409 IDEMPOTENCY_CONFLICT for another body', async () => {
    await pause(1100);
    const a = await post('/v1/payments/preauth/SBX001', preauth('idem-1'), { 'idempotency-key': 'key-1' });
    const b = await post('/v1/payments/preauth/SBX001', preauth('idem-1'), { 'idempotency-key': 'key-1' });
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotency-replayed']).toBe('true');
    expect(b.headers['idempotency-expires']).toBeTruthy();
    const c = await post('/v1/payments/preauth/SBX001', preauth('idem-1', 50), { 'idempotency-key': 'key-1' });
    expect(c.status).toBe(409);
    expect(c.body.reason_code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('answers 503 RESOURCE_LOCKED to a duplicate that waits too long for the first', async () => {
    await pause(1100);
    await http('POST', `${sb.url}/__sandbox/faults`, { body: { faults: [{ kind: 'delay', ms: 800 }], path_prefix: '/v1/payments/preauth' } });
    const first = post('/v1/payments/preauth/SBX001', preauth('lock-1'), { 'idempotency-key': 'lock-key' });
    await pause(100);
    const second = await post('/v1/payments/preauth/SBX001', preauth('lock-1'), { 'idempotency-key': 'lock-key' });
    expect(second.status).toBe(503);
    expect(second.body.reason_code).toBe('RESOURCE_LOCKED');
    expect((await first).status).toBe(200);
  });

  it('rate-limits payment requests per key with Retry-After', async () => {
    // A fixed clock: the burst cannot straddle a second boundary.
    const fixed = await startSmartRetrySandbox(0, { paymentRps: 5, now: () => 1_900_000_000_000 });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => http('POST', `${fixed.url}/v1/payments/preauth/SBX001`, { body: preauth(`rl-${i}`), headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY } })));
      const limited = answers.filter((r) => r.status === 429);
      expect(limited).toHaveLength(3);
      expect(limited[0]!.headers['retry-after']).toBe('1');
      expect(limited[0]!.headers['x-ratelimit-limit']).toBe('5');
      expect(limited[0]!.body.reason_code).toBe('RATE_LIMIT_EXCEEDED');
    } finally {
      await fixed.close();
    }
  });

  it('validates fields and enforces capture and void rules', async () => {
    await pause(1100);
    const bad = await post('/v1/payments/preauth/SBX001', { amount: 'x' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.context)).toEqual(expect.arrayContaining(['merchant_transaction_id', 'amount', 'currency']));
    const p = await post('/v1/payments/preauth/SBX001', preauth('rules-1', 100));
    await pause(80);
    const refs = { transaction_reference_id: p.body.transaction_id, order_reference_id: p.body.order_id };
    expect((await post('/v1/payments/capture/SBX001', { ...refs, merchant_transaction_id: 'c1', amount: 100.01 })).status).toBe(400);
    expect((await post('/v1/payments/capture/SBX001', { ...refs, merchant_transaction_id: 'c1', amount: 60 })).body.accepted).toBe(true);
    expect((await post('/v1/payments/void/SBX001', refs)).status).toBe(409);
    const holds = (await http('GET', `${sb.url}/__sandbox/ledger`)).body.holds;
    expect(holds.find((h: { reference: string }) => h.reference === 'rules-1')).toMatchObject({ amount: 10_000, captured: 6_000, state: 'captured', currency: 'USD' });
  });
});
