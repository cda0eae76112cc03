// PayPorter connector: requests asserted; the seed's ApiPaymentResponse fields replayed through parse.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../bridge/config/load.js';
import { payPorterConnector } from '../../../bridge/providers/payporter/connector.js';
import type { OperationContext } from '../../../bridge/providers/types.js';

const cfg = parseConfig({ providers: { payporter: { api_url: 'https://api.example.com/', api_key: 'k', api_secret: 's', request_ip: '192.168.1.1', request_port: 8080 } } }).providers.payporter!;
const pp = payPorterConnector(cfg, 'key-1', 'secret-1');

function ctx(kind: OperationContext['kind'], providerRef: string | null = '8f14e45f-ceea-467f-9575-1c4b5f8c2a10', amount: number | null = null): OperationContext {
  return {
    kind,
    transaction: { id: 'pa0123456789abcdefghjk', reference: 'ORD-12345', currency: 'TRY', amountRequested: 10_050, amountAuthorized: 10_050, providerRef, providerRefs: {}, operator: null, expiresAt: null, createdAt: '2026-01-01T10:00:00.000Z' },
    operation: { id: 'op1', amount, idempotencyKey: 'unused', providerRef: null },
    terminal: { id: 'web', currency: null, settings: {} },
    now: '2026-05-01T14:30:00.000Z',
    card: { number: '5421190122090656', expiry_month: 4, expiry_year: 2028, cvv: '916', holder_name: 'Ali Veli' },
  };
}

// The seed's example values (004): TRY, PAN 5421190122090656, expiry 04/28, CVV 916, requestPort 8080.
const seedResponse = {
  paymentId: '8f14e45f-ceea-467f-9575-1c4b5f8c2a10', orderId: 'pa0123456789abcdefghjk', amount: 100.5, installmentCount: 1, currency: 'TRY', merchantCommission: 0,
  status: 'SUCCESS', paymentDate: '2023-05-01T14:30:00Z', cardHolderName: 'Ali Veli', pan: '542119******0656', domInt: 'DOM', cardScheme: 'MASTERCARD', cardType: 'CREDIT',
  loyaltyCode: null, externalTransactionId: 'ext-1', authCode: 'A7C2', resultCode: '00', resultMessage: 'Approved', customerId: null,
};

describe('payporter connector', () => {
  it('builds the seed\'s pre-authorisation with configured requestIp/requestPort and key+secret headers', () => {
    const req = pp.build(ctx('preauth', null));
    expect(req).toMatchObject({ method: 'POST', url: 'https://api.example.com/api/pre-authorization', auth: 'none' });
    expect(req.headers).toMatchObject({ 'x-api-key': 'key-1', 'x-api-secret': 'secret-1', 'content-type': 'application/json' });
    expect(req.body).toEqual({
      orderId: 'pa0123456789abcdefghjk', amount: 100.5, currency: 'TRY', cardHolderName: 'Ali Veli', pan: '5421190122090656',
      expiryMonth: '04', expiryYear: '28', cvv: '916', requestIp: '192.168.1.1', requestPort: 8080,
    });
  });

  it('captures with amount and currency; cancels with no body; looks up by paymentId only', () => {
    const c = pp.build(ctx('capture', undefined, 7_500));
    expect(c.url).toBe('https://api.example.com/api/pre-authorization/8f14e45f-ceea-467f-9575-1c4b5f8c2a10/capture');
    expect(c.body).toEqual({ amount: 75, currency: 'TRY' });
    const v = pp.build(ctx('void'));
    expect(v.url).toBe('https://api.example.com/api/payment/8f14e45f-ceea-467f-9575-1c4b5f8c2a10/cancel');
    expect(v.body).toBeUndefined();
    expect(pp.lookup!(ctx('preauth', null))).toBeUndefined();
    expect(pp.lookup!(ctx('capture'))?.url).toBe('https://api.example.com/api/payment/8f14e45f-ceea-467f-9575-1c4b5f8c2a10');
  });

  it('demands holder name and CVV at intake', () => {
    expect(pp.checkPreauth!({ currency: 'TRY', amount: 1, card: { number: '4111111111111111', expiry_month: 1, expiry_year: 2030 } })).toHaveLength(2);
    expect(pp.checkPreauth!({ currency: 'TRY', amount: 1, card: ctx('preauth').card! })).toEqual([]);
  });

  it('reads the seed\'s response: approval, declines by resultCode, capture and cancel records', () => {
    expect(pp.parse(ctx('preauth', null), { status: 200, headers: {}, body: seedResponse })).toEqual({
      kind: 'approved',
      approval: { providerRef: seedResponse.paymentId, providerRefs: { paymentId: seedResponse.paymentId }, authCode: 'A7C2', amountAuthorized: 10_050, card: { brand: 'mastercard', maskedPan: '542119******0656', entryMode: 'keyed' } },
    });
    expect(pp.parse(ctx('preauth', null), { status: 200, headers: {}, body: { ...seedResponse, status: 'FAILED', resultCode: '51', resultMessage: 'Insufficient funds' } })).toMatchObject({ kind: 'declined', code: 'insufficient_funds' });
    expect(pp.parse(ctx('preauth', null), { status: 200, headers: {}, body: { ...seedResponse, status: 'ENROLLED' } }).kind).toBe('rejected');
    expect(pp.parse(ctx('capture', undefined, 7_500), { status: 200, headers: {}, body: { ...seedResponse, status: 'CAPTURED', amount: 75 } })).toEqual({ kind: 'approved', approval: { amountCaptured: 7_500 } });
    expect(pp.parse(ctx('void'), { status: 200, headers: {}, body: { ...seedResponse, paymentId: 'new-cancel', status: 'SUCCESS', transactionType: 'CANCEL', parentPaymentId: seedResponse.paymentId } })).toEqual({ kind: 'approved', approval: { operationRef: 'new-cancel' } });
  });

  it('maps errors: 400 with details, 401 credentials, 5xx unknown', () => {
    expect(pp.parse(ctx('preauth', null), { status: 400, headers: {}, body: { errorCode: 'VALIDATION_ERROR', errorMessage: 'Request validation failed', details: [{ field: 'pan', message: 'must be the card number' }] } }))
      .toEqual({ kind: 'rejected', code: 'provider_rejected', message: 'PayPorter refused the request (400) VALIDATION_ERROR: Request validation failed', fieldErrors: [{ field: 'pan', message: 'must be the card number' }] });
    expect(pp.parse(ctx('preauth', null), { status: 401, headers: {}, body: { errorCode: 'UNAUTHORIZED', errorMessage: 'x' } })).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    expect(pp.parse(ctx('preauth', null), { status: 500, headers: {}, body: { errorCode: 'INTERNAL_ERROR', errorMessage: 'x' } }).kind).toBe('unknown');
  });

  it('tells from the looked-up pre-authorisation whether a capture or cancel happened', () => {
    const get = (status: string, amount = 100.5) => ({ status: 200, headers: {}, body: { ...seedResponse, status, amount } });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('SUCCESS'))).toEqual({ kind: 'not_found' });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('CAPTURED', 75))).toEqual({ kind: 'found', outcome: { kind: 'approved', approval: { amountCaptured: 7_500 } } });
    expect(pp.parseLookup!(ctx('void'), get('CANCELLED'))).toEqual({ kind: 'found', outcome: { kind: 'approved', approval: {} } });
    expect(pp.parseLookup!(ctx('preauth'), get('SUCCESS'))).toMatchObject({ kind: 'found', outcome: { kind: 'approved' } });
  });
});
