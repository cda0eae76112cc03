// The PayPorter sandbox follows PayPorter's documented rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PAYPORTER_KEY, SANDBOX_PAYPORTER_SECRET, startPayPorterSandbox } from '../../bridge/sandbox/payporter/server.js';
import { http } from '../helpers/http.js';

let clock = Date.UTC(2026, 4, 1, 10, 0); // 13:00 in Istanbul
let sb: Awaited<ReturnType<typeof startPayPorterSandbox>>;
beforeAll(async () => { sb = await startPayPorterSandbox(0, { now: () => clock }); });
afterAll(async () => { await sb.close(); });

const auth = { 'x-api-key': SANDBOX_PAYPORTER_KEY, 'x-api-secret': SANDBOX_PAYPORTER_SECRET };
const body = (orderId: string, amount = 100.5) => ({ orderId, amount, currency: 'TRY', cardHolderName: 'Ali Veli', pan: '5421190122090656', expiryMonth: '04', expiryYear: '28', cvv: '916', requestIp: '192.168.1.1', requestPort: 8080 });
const post = (path: string, b?: unknown, headers: Record<string, string> = auth) => http('POST', `${sb.url}${path}`, { ...(b !== undefined ? { body: b } : {}), headers });

describe('payporter sandbox', () => {
  it('requires X-API-KEY and X-API-SECRET (401)', async () => {
    expect((await post('/api/pre-authorization', body('a'), { 'x-api-key': SANDBOX_PAYPORTER_KEY })).status).toBe(401);
  });

  it('validates every documented field', async () => {
    const r = await post('/api/pre-authorization', { amount: -1 });
    expect(r.status).toBe(400);
    expect(r.body.details.map((x: { field: string }) => x.field)).toEqual(expect.arrayContaining(['orderId', 'amount', 'currency', 'cardHolderName', 'pan', 'expiryMonth', 'expiryYear', 'cvv', 'requestIp', 'requestPort']));
  });

  it('answers the seed\'s ApiPaymentResponse synchronously', async () => {
    const r = await post('/api/pre-authorization', body('seed-1'));
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['paymentId', 'orderId', 'amount', 'installmentCount', 'currency', 'merchantCommission', 'status', 'paymentDate', 'cardHolderName', 'pan', 'domInt', 'cardScheme', 'cardType', 'loyaltyCode', 'externalTransactionId', 'authCode', 'resultCode', 'resultMessage', 'customerId']));
    expect(r.body).toMatchObject({ status: 'SUCCESS', pan: '542119******0656', domInt: 'DOM', cardScheme: 'MASTERCARD' });
  });

  it('captures partially, never more than the pre-authorisation, and not after cancel', async () => {
    const p = (await post('/api/pre-authorization', body('cap-1'))).body;
    expect((await post(`/api/pre-authorization/${p.paymentId}/capture`, { amount: 100.51, currency: 'TRY' })).status).toBe(400);
    const c = await post(`/api/pre-authorization/${p.paymentId}/capture`, { amount: 60, currency: 'TRY' });
    expect(c.body).toMatchObject({ status: 'CAPTURED', amount: 60 });
    expect((await post(`/api/payment/${p.paymentId}/cancel`)).status).toBe(409);
  });

  it('cancels the same day only, creating a CANCEL record with parentPaymentId', async () => {
    const p = (await post('/api/pre-authorization', body('cancel-1'))).body;
    const c = await post(`/api/payment/${p.paymentId}/cancel`);
    expect(c.body).toMatchObject({ transactionType: 'CANCEL', parentPaymentId: p.paymentId, status: 'SUCCESS' });
    expect((await http('GET', `${sb.url}/api/payment/${p.paymentId}`, { headers: auth })).body.status).toBe('CANCELLED');
    const q = (await post('/api/pre-authorization', body('cancel-2'))).body;
    clock += 12 * 3600 * 1000; // past midnight in Istanbul
    const late = await post(`/api/payment/${q.paymentId}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.errorCode).toBe('CANCEL_NOT_ALLOWED');
  });
});
