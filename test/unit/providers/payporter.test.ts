// PayPorter connector: requests asserted; the seed's ApiPaymentResponse fields replayed through parse.
import { describe, expect, it } from 'vitest';
import type { PayPorterTerminalSettings } from '../../../bridge/providers/payporter/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { payPorterConnector } from '../../../bridge/providers/payporter/connector.js';
import type { OperationContext } from '../../../bridge/core/connector.js';

const cfg = parseConfig({
  providers: {
    payporter: {
      api_url: 'https://api.example.com/',
      api_key: 'k',
      api_secret: 's',
      request_ip: '192.168.1.1',
      request_port: 8080,
    },
  },
}).providers.payporter!;
const pp = payPorterConnector(cfg, 'key-1', 'secret-1');

function ctx(
  kind: OperationContext['kind'],
  providerRef: string | null = '8f14e45f-ceea-467f-9575-1c4b5f8c2a10',
  amount: number | null = null,
): OperationContext<PayPorterTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'pa0123456789abcdefghjk',
      reference: 'ORD-12345',
      currency: 'TRY',
      amountRequested: 10_050,
      amountAuthorized: 10_050,
      providerRef,
      providerRefs: {},
      operator: null,
      expiresAt: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    operation: {
      id: 'op1',
      amount,
      idempotencyKey: 'unused',
      providerRef: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: { id: 'web', currency: null, settings: storedSettings(pp, {}) },
    now: '2026-05-01T14:30:00.000Z',
    card: { number: '5421190122090656', expiry_month: 4, expiry_year: 2028, cvv: '916', holder_name: 'Ali Veli' },
  };
}

// The seed's example values (004): TRY, PAN 5421190122090656, expiry 04/28, CVV 916, requestPort 8080.
const seedResponse = {
  paymentId: '8f14e45f-ceea-467f-9575-1c4b5f8c2a10',
  orderId: 'pa0123456789abcdefghjk',
  amount: 100.5,
  installmentCount: 1,
  currency: 'TRY',
  merchantCommission: 0,
  status: 'SUCCESS',
  paymentDate: '2023-05-01T14:30:00Z',
  cardHolderName: 'Ali Veli',
  pan: '542119******0656',
  domInt: 'DOM',
  cardScheme: 'MASTERCARD',
  cardType: 'CREDIT',
  loyaltyCode: null,
  externalTransactionId: 'ext-1',
  authCode: 'A7C2',
  resultCode: '00',
  resultMessage: 'Approved',
  customerId: null,
};

describe('payporter connector', () => {
  it("builds the seed's pre-authorisation with configured requestIp/requestPort and key+secret headers", () => {
    const req = pp.build(ctx('preauth', null));
    expect(req).toMatchObject({ method: 'POST', url: 'https://api.example.com/api/pre-authorization', auth: 'none' });
    expect(req.headers).toMatchObject({
      'x-api-key': 'key-1',
      'x-api-secret': 'secret-1',
      'content-type': 'application/json',
    });
    expect(req.body).toEqual({
      orderId: 'pa0123456789abcdefghjk',
      amount: 100.5,
      currency: 'TRY',
      cardHolderName: 'Ali Veli',
      pan: '5421190122090656',
      expiryMonth: '04',
      expiryYear: '28',
      cvv: '916',
      requestIp: '192.168.1.1',
      requestPort: 8080,
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
    expect(pp.lookup!(ctx('capture'))?.url).toBe(
      'https://api.example.com/api/payment/8f14e45f-ceea-467f-9575-1c4b5f8c2a10',
    );
  });

  it('demands holder name and CVV at intake', () => {
    expect(
      pp.checkPreauth!({
        currency: 'TRY',
        amount: 1,
        card: { number: '4111111111111111', expiry_month: 1, expiry_year: 2030 },
      }),
    ).toHaveLength(2);
    expect(pp.checkPreauth!({ currency: 'TRY', amount: 1, card: ctx('preauth').card! })).toEqual([]);
  });

  it("reads the seed's response: approval, a decline whatever its resultCode, capture and cancel records", () => {
    expect(pp.parse(ctx('preauth', null), { status: 200, headers: {}, body: seedResponse })).toEqual({
      kind: 'approved',
      approval: {
        providerRef: seedResponse.paymentId,
        providerRefs: { paymentId: seedResponse.paymentId },
        authCode: 'A7C2',
        amountAuthorized: 10_050,
        card: { brand: 'mastercard', maskedPan: '542119******0656', entryMode: 'keyed' },
      },
    });
    // pre-auth.md gives no decline codes (resultCode is "from the payment provider"): no ISO 8583 mapping.
    expect(
      pp.parse(ctx('preauth', null), {
        status: 200,
        headers: {},
        body: { ...seedResponse, status: 'FAILED', resultCode: '51', resultMessage: 'Insufficient funds' },
      }),
    ).toEqual({ kind: 'declined', code: 'card_declined', message: 'Insufficient funds (51)' });
    expect(
      pp.parse(ctx('preauth', null), { status: 200, headers: {}, body: { ...seedResponse, status: 'ENROLLED' } }).kind,
    ).toBe('rejected');
    expect(
      pp.parse(ctx('void'), {
        status: 200,
        headers: {},
        body: {
          ...seedResponse,
          paymentId: 'new-cancel',
          status: 'SUCCESS',
          transactionType: 'CANCEL',
          parentPaymentId: seedResponse.paymentId,
        },
      }),
    ).toEqual({ kind: 'approved', approval: { operationRef: 'new-cancel' } });
  });

  // commitup/api-doc-v2 docs/pos-api/capture-auth.md: the success example answers "status": "SUCCESS";
  // api.html lists CAPTURED too. Either means captured; the amount is what we asked to capture.
  it('reads a capture answered SUCCESS (as documented) or CAPTURED as captured', () => {
    for (const status of ['SUCCESS', 'CAPTURED']) {
      expect(
        pp.parse(ctx('capture', undefined, 7_500), { status: 200, headers: {}, body: { ...seedResponse, status } }),
      ).toEqual({ kind: 'approved', approval: { amountCaptured: 7_500 } });
    }
    expect(
      pp.parse(ctx('capture', undefined, 7_500), {
        status: 200,
        headers: {},
        body: { ...seedResponse, status: 'FAILED' },
      }).kind,
    ).toBe('rejected');
  });

  // refund-payment.md: PENDING_APPROVAL is queued, not final; webhooks.md fires only on final states.
  it('waits on PENDING_APPROVAL, keeping the paymentId so the record can be looked up', () => {
    expect(
      pp.parse(ctx('preauth', null), {
        status: 200,
        headers: {},
        body: { ...seedResponse, status: 'PENDING_APPROVAL', resultCode: 'PENDING_APPROVAL' },
      }),
    ).toMatchObject({ kind: 'pending', approval: { providerRef: seedResponse.paymentId } });
  });

  // cancel-payment.md reads a failed answer as `error.message`; docs/introduction/intro.md (money
  // transfer API, same docs) uses body.restHeader.message; the older assumption was errorMessage.
  it("reads the error message from every shape PayPorter's docs show; classifies by HTTP status", () => {
    const refused = (body: unknown) => pp.parse(ctx('preauth', null), { status: 400, headers: {}, body });
    expect(refused({ message: 'amount must be positive' })).toEqual({
      kind: 'rejected',
      code: 'provider_rejected',
      message: 'PayPorter refused the request (400): amount must be positive',
      fieldErrors: [],
    });
    expect(
      refused({
        body: { restHeader: { code: '99', message: 'Invalid amount', success: false, messageCode: 'INVALID_AMOUNT' } },
      }),
    ).toMatchObject({ message: 'PayPorter refused the request (400): INVALID_AMOUNT: Invalid amount' });
    expect(
      refused({
        errorCode: 'VALIDATION_ERROR',
        errorMessage: 'Request validation failed',
        details: [{ field: 'pan', message: 'must be the card number' }],
      }),
    ).toEqual({
      kind: 'rejected',
      code: 'provider_rejected',
      message: 'PayPorter refused the request (400): VALIDATION_ERROR: Request validation failed',
      fieldErrors: [{ field: 'pan', message: 'must be the card number' }],
    });
    expect(refused('<html>Bad Request</html>')).toMatchObject({
      message: 'PayPorter refused the request (400): <html>Bad Request</html>',
    });
    expect(refused(undefined)).toMatchObject({ message: 'PayPorter refused the request (400): HTTP 400' });
    expect(pp.parse(ctx('preauth', null), { status: 401, headers: {}, body: { message: 'x' } })).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
    });
    expect(pp.parse(ctx('preauth', null), { status: 500, headers: {}, body: { message: 'x' } }).kind).toBe('unknown');
  });

  // Our reading (sandbox README): a captured pre-auth reads CAPTURED, a cancelled one CANCELLED (api.html
  // status list; refund-payment.md "SUCCESS or CAPTURED"). A SUCCESS record proves a capture only by
  // its amount changing to exactly what we asked for.
  it('tells from the looked-up pre-authorisation whether a capture or cancel happened', () => {
    const get = (status: string, amount = 100.5) => ({
      status: 200,
      headers: {},
      body: { ...seedResponse, status, amount },
    });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('SUCCESS'))).toEqual({ kind: 'not_found' });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('CAPTURED'))).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { amountCaptured: 7_500 } },
    });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('SUCCESS', 75))).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { amountCaptured: 7_500 } },
    });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('SUCCESS', 80))).toEqual({ kind: 'not_found' });
    expect(pp.parseLookup!(ctx('capture', undefined, 7_500), get('CANCELLED'))).toEqual({ kind: 'not_found' });
    expect(pp.parseLookup!(ctx('void'), get('CANCELLED'))).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: {} },
    });
    expect(pp.parseLookup!(ctx('void'), get('SUCCESS'))).toEqual({ kind: 'not_found' });
    expect(pp.parseLookup!(ctx('preauth'), get('SUCCESS'))).toMatchObject({
      kind: 'found',
      outcome: { kind: 'approved' },
    });
    expect(pp.parseLookup!(ctx('preauth'), get('CAPTURED'))).toMatchObject({
      kind: 'found',
      outcome: { kind: 'approved', approval: { amountAuthorized: 10_050 } },
    });
    expect(pp.parseLookup!(ctx('preauth'), { status: 404, headers: {}, body: { message: 'no such payment' } })).toEqual(
      { kind: 'not_found' },
    );
    expect(pp.parseLookup!(ctx('preauth'), { status: 503, headers: {}, body: undefined }).kind).toBe('inconclusive');
  });
});
