// The Lab4Pay sandbox follows Lab4Pay's documentation, not the connector: over real HTTP on loopback, its
// answers have the documented paths, fields and status codes. The documented examples themselves
// (test/fixtures/docs/lab4pay/) are the yardstick for the shapes; README.md beside the sandbox names the
// source of every behaviour.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_LAB4PAY_FIRST_OTP,
  SANDBOX_LAB4PAY_INTEGRATOR,
  startLab4PaySandbox,
} from '../../bridge/sandbox/lab4pay/server.js';
import { eventually, http } from '../helpers/http.js';

let sb: Awaited<ReturnType<typeof startLab4PaySandbox>>;
beforeAll(async () => {
  sb = await startLab4PaySandbox(0, { queueMs: 20, cardMs: 80, operationMs: 60 });
});
afterAll(async () => {
  await sb.close();
});

/** The documented example's field names: the sandbox must answer exactly these. */
const documentedKeys = (file: string) =>
  Object.keys(
    (JSON.parse(readFileSync(new URL(`../fixtures/docs/lab4pay/${file}`, import.meta.url), 'utf8')) as { body: object })
      .body,
  ).sort();
const INTEGRATOR = { 'x-pay-connect-integrator-id': SANDBOX_LAB4PAY_INTEGRATOR };

async function pair(webhookUrl?: string) {
  const { otp } = (await http('POST', `${sb.url}/__sandbox/otp`)).body as { otp: string };
  return http('POST', `${sb.url}/v1/pay-connect/pair/`, {
    headers: INTEGRATOR,
    body: { name: 'Counter 9', otp, ...(webhookUrl ? { webhook_url: webhookUrl } : {}) },
  });
}
async function bearer(): Promise<Record<string, string>> {
  const p = (await pair()).body as { client_id: string; client_secret: string };
  const t = await http('POST', `${sb.url}/v1/auth/token/`, {
    body: { grant_type: 'client_credentials', client_id: p.client_id, client_secret: p.client_secret },
  });
  return { ...INTEGRATOR, authorization: `Bearer ${t.body.access_token as string}` };
}
const get = (path: string, headers: Record<string, string>) =>
  http('GET', `${sb.url}/v1/pay-connect${path}`, { headers });
const post = (path: string, headers: Record<string, string>, body?: unknown) =>
  http('POST', `${sb.url}/v1/pay-connect${path}`, { headers, ...(body !== undefined ? { body } : {}) });

describe('lab4pay sandbox', () => {
  it('pairs as the pairing page documents: pay_connect_name, and webhook_secret_key null without a webhook_url', async () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/pairing ("webhook_secret_key string | null")
    const plain = await pair();
    expect(plain.status).toBe(200);
    expect(Object.keys(plain.body).sort()).toEqual(documentedKeys('pairing.response.json'));
    expect(plain.body).toMatchObject({ pay_connect_name: 'Counter 9', webhook_secret_key: null });
    const hooked = await pair('https://pos.example/hook');
    expect(hooked.body.webhook_secret_key).toMatch(/^[0-9a-f]{32}$/);
    // The first password is used up by its first pairing.
    const first = await http('POST', `${sb.url}/v1/pay-connect/pair/`, {
      headers: INTEGRATOR,
      body: { name: 'x', otp: SANDBOX_LAB4PAY_FIRST_OTP },
    });
    const again = await http('POST', `${sb.url}/v1/pay-connect/pair/`, {
      headers: INTEGRATOR,
      body: { name: 'x', otp: SANDBOX_LAB4PAY_FIRST_OTP },
    });
    expect([first.status, again.status]).toEqual([200, 400]);
  });

  it('issues tokens for a JSON body only, needs no integrator header there, and answers 400 (its only error) otherwise', async () => {
    // https://docs.lab4pay.com/api-reference/authorization/token: requestBody application/json; responses 200, 400, 500.
    const p = (await pair()).body as { client_id: string; client_secret: string };
    const json = await http('POST', `${sb.url}/v1/auth/token/`, {
      body: { grant_type: 'client_credentials', client_id: p.client_id, client_secret: p.client_secret },
    });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body).sort()).toEqual(documentedKeys('token.response.json'));
    expect(json.body).toMatchObject({ token_type: 'Bearer', scope: 'default', expires_in: '3600' });
    const form = await http('POST', `${sb.url}/v1/auth/token/`, {
      raw: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: p.client_id,
        client_secret: p.client_secret,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(400);
    const wrong = await http('POST', `${sb.url}/v1/auth/token/`, {
      body: { grant_type: 'client_credentials', client_id: p.client_id, client_secret: 'nope' },
    });
    expect(wrong.status).toBe(400);
  });

  it('needs the integrator header and the bearer token everywhere else (401)', async () => {
    const h = await bearer();
    expect((await post('/transactions/preauth/', { authorization: h.authorization! }, { amount: 100 })).status).toBe(
      401,
    );
    expect((await post('/transactions/preauth/', INTEGRATOR, { amount: 100 })).status).toBe(401);
  });

  it('serves the status path with {status} only, then the print slip with exactly the documented fields', async () => {
    // https://docs.lab4pay.com/pay-connect/payment-flows.md and …/api-reference/pay-connect/transaction-print-slip
    const h = await bearer();
    const created = await post('/transactions/preauth/', h, { amount: 2_500, client_transaction_id: 'ref-1' });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(['transaction_id']);
    const id = created.body.transaction_id as string;
    const early = (await get(`/transactions/${id}/status/`, h)).body;
    expect(Object.keys(early)).toEqual(['status']);
    expect(['INITIATED', 'IN_PROGRESS']).toContain(early.status);
    await eventually(async () =>
      (await get(`/transactions/${id}/status/`, h)).body.status === 'SUCCESS' ? true : undefined,
    );
    const slip = await get(`/transactions/${id}/print-slip/`, h);
    expect(slip.status).toBe(200);
    expect(Object.keys(slip.body).sort()).toEqual(documentedKeys('print-slip.response.json'));
    expect(slip.body).toMatchObject({
      transaction_id: id,
      amount: 2_500,
      tip_amount: 0,
      total_amount: 2_500,
      currency: 'EUR',
      status: 'SUCCESS',
      payment_method: 'CARD',
      card_type: 'VISA',
      card_number: '**** **** **** 0010',
    });
    expect(slip.body).not.toHaveProperty('id');
    expect(slip.body).not.toHaveProperty('card_brand');
    // The old, undocumented GET …/transactions/{id}/ is not served.
    expect(await get(`/transactions/${id}/`, h)).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it('answers operations as operation-status documents them: operation_id, never id', async () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/operation-status and …/revert-operation (no body sent)
    const h = await bearer();
    const id = (await post('/transactions/preauth/', h, { amount: 3_000 })).body.transaction_id as string;
    await eventually(async () =>
      (await get(`/transactions/${id}/status/`, h)).body.status === 'SUCCESS' ? true : undefined,
    );
    const revert = await post(`/transaction-operations/${id}/revert/`, h);
    expect(revert.status).toBe(200);
    expect(Object.keys(revert.body).sort()).toEqual(documentedKeys('revert.response.json'));
    const op = await get(`/transaction-operations/${revert.body.operation_id as string}/`, h);
    expect(Object.keys(op.body).sort()).toEqual(documentedKeys('operation-status.response.json'));
    expect(op.body).toMatchObject({
      operation_id: revert.body.operation_id,
      operation_type: 'transaction.revert',
      transaction_id: id,
    });
    const done = await eventually(async () => {
      const b = (await get(`/transaction-operations/${revert.body.operation_id as string}/`, h)).body;
      return b.status === 'SUCCESS' ? b : undefined;
    });
    expect(done).not.toHaveProperty('id');
    expect((await get(`/transactions/${id}/print-slip/`, h)).body).toMatchObject({
      status: 'REVERTED',
      reverted_at: expect.any(String),
    });
  });

  it('cancels with a bare 200 before the terminal acts, as cancel-transaction says', async () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/cancel-transaction
    const h = await bearer();
    const id = (await post('/transactions/preauth/', h, { amount: 5_104 })).body.transaction_id as string;
    const c = await post(`/transactions/${id}/cancel/`, h);
    expect(c.status).toBe(200);
    expect(c.text).toBe('');
    expect((await get(`/transactions/${id}/status/`, h)).body).toEqual({ status: 'CANCELED' });
    expect((await post(`/transactions/${id}/cancel/`, h)).status).toBe(400);
  });

  it('unpairs with the bearer token; the credentials then stop working', async () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/unpair.md
    const h = await bearer();
    expect((await post('/unpair/', INTEGRATOR)).status).toBe(401);
    const u = await post('/unpair/', h);
    expect(u.status).toBe(200);
    expect((await post('/transactions/preauth/', h, { amount: 100 })).status).toBe(401);
  });
});
