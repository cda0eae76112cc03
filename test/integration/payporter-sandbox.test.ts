// The PayPorter sandbox follows PayPorter's documented rules (commitup/api-doc-v2, docs/pos-api/*.md;
// README.md beside the sandbox gives the source of each behaviour).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_PAYPORTER_KEY,
  SANDBOX_PAYPORTER_SECRET,
  startPayPorterSandbox,
} from '../../bridge/sandbox/payporter/server.js';
import { http } from '../helpers/http.js';

let clock = Date.UTC(2026, 4, 1, 10, 0); // 13:00 in Istanbul
let sb: Awaited<ReturnType<typeof startPayPorterSandbox>>;
beforeAll(async () => {
  sb = await startPayPorterSandbox(0, { now: () => clock });
});
afterAll(async () => {
  await sb.close();
});

const auth = { 'x-api-key': SANDBOX_PAYPORTER_KEY, 'x-api-secret': SANDBOX_PAYPORTER_SECRET };
const body = (orderId: string, amount = 100.5) => ({
  orderId,
  amount,
  currency: 'TRY',
  cardHolderName: 'Ali Veli',
  pan: '5421190122090656',
  expiryMonth: '04',
  expiryYear: '28',
  cvv: '916',
  requestIp: '192.168.1.1',
  requestPort: 8080,
});
const post = (path: string, b?: unknown, headers: Record<string, string> = auth) =>
  http('POST', `${sb.url}${path}`, { ...(b !== undefined ? { body: b } : {}), headers });

describe('payporter sandbox', () => {
  it('requires X-API-KEY and X-API-SECRET (401)', async () => {
    expect((await post('/api/pre-authorization', body('a'), { 'x-api-key': SANDBOX_PAYPORTER_KEY })).status).toBe(401);
  });

  // pre-auth.md's parameter table; the error body is {message} as cancel-payment.md reads it.
  it('validates every documented field and answers {message}', async () => {
    const r = await post('/api/pre-authorization', { amount: -1 });
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(['message']);
    for (const field of [
      'orderId',
      'amount',
      'currency',
      'cardHolderName',
      'pan',
      'expiryMonth',
      'expiryYear',
      'cvv',
      'requestIp',
      'requestPort',
    ])
      expect(r.body.message).toContain(field);
    expect((await post('/api/pre-authorization', { ...body('opt-1'), customerId: 'CUST-12345' })).body.customerId).toBe(
      'CUST-12345',
    );
  });

  it("answers the seed's ApiPaymentResponse synchronously", async () => {
    const r = await post('/api/pre-authorization', body('seed-1'));
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(
      expect.arrayContaining([
        'paymentId',
        'orderId',
        'amount',
        'installmentCount',
        'currency',
        'merchantCommission',
        'status',
        'paymentDate',
        'cardHolderName',
        'pan',
        'domInt',
        'cardScheme',
        'cardType',
        'loyaltyCode',
        'externalTransactionId',
        'authCode',
        'resultCode',
        'resultMessage',
        'customerId',
      ]),
    );
    expect(r.body).toMatchObject({
      status: 'SUCCESS',
      resultCode: 'SUCCESS',
      resultMessage: 'Successful',
      pan: '542119******0656',
      domInt: 'DOM',
      cardScheme: 'MASTERCARD',
    });
    expect(r.body).not.toHaveProperty('transactionType');
  });

  // capture-auth.md: the success example answers status SUCCESS with the record's paymentId and amount
  // (90.00 captured, 100.50 answered). GET reading CAPTURED afterwards is our reading (README).
  it('captures partially, answering SUCCESS; never more than the pre-authorisation, and not after cancel', async () => {
    const p = (await post('/api/pre-authorization', body('cap-1'))).body;
    expect(
      (await post(`/api/pre-authorization/${p.paymentId}/capture`, { amount: 100.51, currency: 'TRY' })).status,
    ).toBe(400);
    const c = await post(`/api/pre-authorization/${p.paymentId}/capture`, { amount: 60, currency: 'TRY' });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ paymentId: p.paymentId, status: 'SUCCESS', resultCode: 'SUCCESS', amount: 100.5 });
    expect((await http('GET', `${sb.url}/api/payment/${p.paymentId}`, { headers: auth })).body.status).toBe('CAPTURED');
    expect((await post(`/api/payment/${p.paymentId}/cancel`)).status).toBe(409);
    expect(sb.sandbox.holds().find((h) => h.id === p.paymentId)).toMatchObject({
      state: 'captured',
      amount: 10_050,
      captured: 6_000,
    });
  });

  it('cancels the same day only, creating a CANCEL record with parentPaymentId', async () => {
    const p = (await post('/api/pre-authorization', body('cancel-1'))).body;
    const c = await post(`/api/payment/${p.paymentId}/cancel`);
    expect(c.body).toMatchObject({ transactionType: 'CANCEL', parentPaymentId: p.paymentId, status: 'SUCCESS' });
    expect((await http('GET', `${sb.url}/api/payment/${p.paymentId}`, { headers: auth })).body.status).toBe(
      'CANCELLED',
    );
    const q = (await post('/api/pre-authorization', body('cancel-2'))).body;
    clock += 12 * 3600 * 1000; // past midnight in Istanbul
    const late = await post(`/api/payment/${q.paymentId}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body).toEqual({ message: expect.stringContaining('same-day') });
  });
});
