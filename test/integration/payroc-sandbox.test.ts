// The Payroc sandbox behaves as Payroc's documents describe: identity, mandatory Idempotency-Key,
// replay and conflict, problem+json with errors[], and the adjust/capture/reverse rules. README.md
// beside the sandbox names the source of each behaviour.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PAYROC_IDEMPOTENCY_MS,
  startPayrocSandbox,
  SANDBOX_PAYROC_API_KEY,
  type RunningSandbox,
} from '../../bridge/sandbox/payroc/server.js';
import { http } from '../helpers/http.js';

let sb: RunningSandbox;
let token: string;
let now = Date.now();

beforeAll(async () => {
  sb = await startPayrocSandbox(0, { tokenTtlS: 60, now: () => now });
  token = (await http('POST', `${sb.url}/authorize`, { headers: { 'x-api-key': SANDBOX_PAYROC_API_KEY } })).body
    .access_token;
});
afterAll(async () => {
  await sb.close();
});

const payment = (orderId: string, amount = 4999) => ({
  channel: 'moto',
  processingTerminalId: '1234001',
  order: { orderId, amount, currency: 'USD' },
  paymentMethod: {
    type: 'card',
    cardDetails: {
      entryMethod: 'keyed',
      keyedData: { dataFormat: 'plainText', cardNumber: '4111111111111111', expiryDate: '1230', cvv: '123' },
    },
  },
  autoCapture: false,
  processAsSale: false,
});
const post = (path: string, body: unknown, key: string | null = randomUUID(), auth = token) =>
  http('POST', `${sb.url}/v1${path}`, {
    body,
    headers: { authorization: `Bearer ${auth}`, ...(key ? { 'idempotency-key': key } : {}) },
  });
const reauthorize = async () => {
  token = (await http('POST', `${sb.url}/authorize`, { headers: { 'x-api-key': SANDBOX_PAYROC_API_KEY } })).body
    .access_token;
};

describe('payroc sandbox', () => {
  it('issues tokens only for the right API key, and they expire', async () => {
    expect((await http('POST', `${sb.url}/authorize`, { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    const r = await http('POST', `${sb.url}/authorize`, { headers: { 'x-api-key': SANDBOX_PAYROC_API_KEY } });
    expect(r.body).toMatchObject({ expires_in: 60, token_type: 'Bearer' });
    now += 61_000;
    const expired = await post('/payments', payment('tok-1'), randomUUID(), r.body.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.type).toBe('https://docs.payroc.com/api/errors#not-authorized');
    token = (await http('POST', `${sb.url}/authorize`, { headers: { 'x-api-key': SANDBOX_PAYROC_API_KEY } })).body
      .access_token;
  });

  it('requires an Idempotency-Key (UUID v4) on POST', async () => {
    const missing = await post('/payments', payment('idem-0'), null);
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.type).toBe('https://docs.payroc.com/api/errors#idempotency-key-missing');
    expect((await post('/payments', payment('idem-0'), 'not-a-uuid')).status).toBe(400);
  });

  it('replays the stored response for the same key and body, 409 for another body', async () => {
    const key = randomUUID();
    const a = await post('/payments', payment('idem-1'), key);
    const b = await post('/payments', payment('idem-1'), key);
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const c = await post('/payments', payment('idem-1', 5000), key);
    expect(c.status).toBe(409);
    expect(c.body.type).toBe('https://docs.payroc.com/api/errors#idempotency-key-in-use');
    expect(sb.sandbox.ledger.holds().filter((h) => h.reference === 'idem-1')).toHaveLength(1);
  });

  // payroc/skills integrate-apple-pay/references/idempotency.md: "Payroc retains the request/response
  // pairing for 7 days". After that the same key is a new request: a resend would run again.
  it('replays a key for 7 days on its own clock; after that the same key is a new request', async () => {
    const key = randomUUID();
    const a = await post('/payments', payment('win-1'), key);
    now += PAYROC_IDEMPOTENCY_MS - 1_000;
    await reauthorize();
    const b = await post('/payments', payment('win-1'), key);
    expect(b.body.paymentId).toBe(a.body.paymentId);
    now += 2_000;
    await reauthorize();
    const c = await post('/payments', payment('win-1'), key);
    expect(c.status).toBe(201);
    expect(c.body.paymentId).not.toBe(a.body.paymentId);
    expect(sb.sandbox.ledger.holds().filter((h) => h.reference === 'win-1')).toHaveLength(2);
  });

  // payroc/skills boarding/add-processing-account/SKILL.md: "A 400 validation error creates nothing, so
  // when you fix the payload and resubmit, keep the same key".
  it('a 400 leaves the key free for the corrected request', async () => {
    const key = randomUUID();
    expect((await post('/payments', payment('fix-1', 5105), key)).status).toBe(400);
    expect((await post('/payments', payment('fix-1'), key)).status).toBe(201);
  });

  it('answers validation errors as RFC 7807 with errors[] {parameter, detail, message}', async () => {
    const r = await post('/payments', { channel: 'fax', order: { orderId: 'v-1', amount: -1 } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      type: 'https://docs.payroc.com/api/errors#bad-request',
      title: 'Bad request',
      status: 400,
    });
    expect((await post('/payments', payment('o'.repeat(25)))).body.errors).toEqual([
      { parameter: 'order.orderId', detail: 'Invalid format', message: "'orderId' size must be between 1 and 24" },
    ]);
    const params = r.body.errors.map((e: { parameter: string }) => e.parameter);
    expect(params).toEqual(
      expect.arrayContaining(['channel', 'processingTerminalId', 'order.amount', 'order.currency', 'paymentMethod']),
    );
    for (const e of r.body.errors) expect(Object.keys(e).sort()).toEqual(['detail', 'message', 'parameter']);
  });

  it('enforces adjust, capture and reverse rules', async () => {
    const p = (await post('/payments', payment('rules-1', 10_000))).body;
    expect(p.supportedOperations).toContain('capture');
    expect((await post(`/payments/${p.paymentId}/capture`, { amount: 10_001 })).status).toBe(400);
    expect(
      (await post(`/payments/${p.paymentId}/adjust`, { adjustments: [{ type: 'order', amount: 15_000 }] })).body.order
        .amount,
    ).toBe(15_000);
    const cap = await post(`/payments/${p.paymentId}/capture`, { amount: 15_000 });
    expect(cap.status).toBe(200);
    expect(cap.body.supportedOperations).not.toContain('capture');
    expect((await post(`/payments/${p.paymentId}/capture`, {})).status).toBe(400);
    expect(
      (await post(`/payments/${p.paymentId}/adjust`, { adjustments: [{ type: 'order', amount: 20_000 }] })).status,
    ).toBe(400);

    const q = (await post('/payments', payment('rules-2'))).body;
    const rev = await post(`/payments/${q.paymentId}/reverse`, {});
    expect(rev.body.transactionResult.status).toBe('reversal');
    const after = await post(`/payments/${q.paymentId}/capture`, {});
    expect(after.status).toBe(400);
    expect(after.body.errors[0]).toMatchObject({ parameter: 'paymentId', detail: 'Invalid operation' });
    // skills view-disputes/references/error-response-format.md: a 404 carries `resource`.
    expect(await post('/payments/NOPE000000/capture', {})).toMatchObject({
      status: 404,
      body: { type: 'https://docs.payroc.com/api/errors#not-found', resource: 'payment' },
    });
  });

  it('lists payments by orderId and shows one ledger entry per hold', async () => {
    const r = await http('GET', `${sb.url}/v1/payments?orderId=rules-1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.body.data).toHaveLength(1);
    const holds = (await http('GET', `${sb.url}/__sandbox/ledger`)).body.holds;
    expect(holds.find((h: { reference: string }) => h.reference === 'rules-1')).toMatchObject({
      amount: 15_000,
      currency: 'USD',
      state: 'captured',
      captured: 15_000,
    });
    expect(holds.find((h: { reference: string }) => h.reference === 'rules-2')).toMatchObject({
      state: 'voided',
      captured: 0,
    });
  });

  it('refuses malformed fault scripts', async () => {
    expect((await http('POST', `${sb.url}/__sandbox/faults`, { body: { faults: [{ kind: 'explode' }] } })).status).toBe(
      400,
    );
  });
});
