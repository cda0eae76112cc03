// SmartRetry connector: requests asserted field by field; the seed's response and status answers replayed.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../bridge/config/load.js';
import { smartRetryConnector } from '../../../bridge/providers/smartretry/connector.js';
import type { OperationContext } from '../../../bridge/providers/types.js';

const cfg = parseConfig({ providers: { smartretry: { api_key: 'k', poll_ms: 500 } } }).providers.smartretry!;
const sr = smartRetryConnector(cfg, 'sk_test_secret');

function ctx(kind: OperationContext['kind'], over: Partial<OperationContext['transaction']> = {}, amount: number | null = null, opRef: string | null = null): OperationContext {
  return {
    kind,
    transaction: { id: 'pa0123456789abcdefghjk', reference: 'hotel-7', currency: 'USD', amountRequested: 4999, amountAuthorized: 4999, providerRef: 'TX8A3F2C', providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' }, operator: null, expiresAt: null, createdAt: '2026-01-01T10:00:00.000Z', ...over },
    operation: { id: 'opcapture1', amount, idempotencyKey: '3b1f2a4e-0d5c-4f7a-9b1e-2c3d4e5f6a7b', providerRef: opRef },
    terminal: { id: 'web', currency: null, settings: { terminal_friendly_id: 'ABC123' } },
    now: '2026-03-31T10:00:00.000Z',
    card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2027, cvv: '123', holder_name: 'Jane Doe' },
  };
}

describe('smartretry connector: requests', () => {
  it('builds the seed\'s preauth: major-unit amount, card in payment_instrument, cvv at the top, Idempotency-Key', () => {
    const req = sr.build(ctx('preauth', { providerRef: null, providerRefs: {} }));
    expect(req).toMatchObject({ method: 'POST', url: 'https://api.smartretry.com/v1/payments/preauth/ABC123', auth: 'none' });
    expect(req.headers).toMatchObject({ 'x-api-key': 'sk_test_secret', 'idempotency-key': '3b1f2a4e-0d5c-4f7a-9b1e-2c3d4e5f6a7b', 'content-type': 'application/json' });
    expect(req.body).toEqual({
      merchant_transaction_id: 'pa0123456789abcdefghjk',
      amount: 49.99,
      currency: 'USD',
      order: {
        merchant_order_id: 'pa0123456789abcdefghjk',
        payment_instrument: { card_number: '4111111111111111', expiry_month: 12, expiry_year: 2027, payment_method: 'cards', card_cardholder_name: 'Jane Doe' },
        description: 'posbridge hotel-7',
      },
      cvv: '123',
    });
  });

  it('converts by the currency\'s exponent', () => {
    const jpy = sr.build({ ...ctx('preauth', { currency: 'JPY', amountRequested: 5000, providerRefs: {} }) });
    expect((jpy.body as { amount: number }).amount).toBe(5000);
    const kwd = sr.build({ ...ctx('preauth', { currency: 'KWD', amountRequested: 12345, providerRefs: {} }) });
    expect((kwd.body as { amount: number }).amount).toBe(12.345);
  });

  it('captures and voids with both reference ids', () => {
    expect(sr.build(ctx('capture', {}, 4000)).body).toEqual({ transaction_reference_id: 'TX8A3F2C', order_reference_id: 'OR7B9E1D', merchant_transaction_id: 'opcapture1', amount: 40 });
    const v = sr.build(ctx('void'));
    expect(v.url).toBe('https://api.smartretry.com/v1/payments/void/ABC123');
    expect(v.body).toEqual({ transaction_reference_id: 'TX8A3F2C', order_reference_id: 'OR7B9E1D' });
  });

  it('asks for the status of the preauth, or of the capture\'s own transaction once known', () => {
    expect(sr.lookup!(ctx('preauth'))?.url).toBe('https://api.smartretry.com/v1/payments/status/ABC123/TX8A3F2C');
    expect(sr.lookup!(ctx('capture', {}, 4000))).toBeUndefined();
    expect(sr.lookup!(ctx('capture', {}, 4000, 'TXCAPT01'))?.url).toBe('https://api.smartretry.com/v1/payments/status/ABC123/TXCAPT01');
  });
});

describe('smartretry connector: responses', () => {
  it('reads the seed\'s accepted answer as pending, keeping both ids', () => {
    const reply = { status: 200, headers: {}, body: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D', merchant_transaction_id: 'preauth-20260331-001', accepted: true } };
    expect(sr.parse(ctx('preauth'), reply)).toEqual({ kind: 'pending', pollAfterMs: 500, approval: { providerRef: 'TX8A3F2C', providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' } } });
    expect(sr.parse(ctx('capture', {}, 4000), { ...reply, body: { ...reply.body, transaction_id: 'TXCAPT01' } })).toEqual({ kind: 'pending', pollAfterMs: 500, approval: { operationRef: 'TXCAPT01' } });
  });

  const status = (st: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ status: 200, headers: {}, body: { transaction_id: 'TX8A3F2C', type: 'PREAUTH', amount: 49.99, currency: 'USD', authorization_code: 'A1B2C3', status: st, order: { payment_instrument: { card_number: '411111******1111', card_brand: 'VISA' } }, ...extra } });

  it('maps every status', () => {
    expect(sr.parseLookup!(ctx('preauth'), status({ status: 'APPROVED' }))).toEqual({ kind: 'found', outcome: { kind: 'approved', approval: { providerRef: 'TX8A3F2C', amountAuthorized: 4999, authCode: 'A1B2C3', card: { brand: 'visa', maskedPan: '411111******1111', entryMode: 'keyed' } } } });
    expect(sr.parseLookup!(ctx('preauth'), status({ status: 'PROCESSING' }))).toEqual({ kind: 'found', outcome: { kind: 'pending', pollAfterMs: 500 } });
    expect(sr.parseLookup!(ctx('preauth'), status({ status: 'UNKNOWN' }))).toMatchObject({ kind: 'found', outcome: { kind: 'unknown' } });
    expect(sr.parseLookup!(ctx('preauth'), status({ status: 'DECLINED', reasonCode: 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS' }))).toMatchObject({ kind: 'found', outcome: { kind: 'declined', code: 'insufficient_funds' } });
    expect(sr.parseLookup!(ctx('preauth'), status({ status: 'DECLINED', reasonCode: 'AUTH.DO_NOT_HONOR' }))).toMatchObject({ kind: 'found', outcome: { kind: 'declined', code: 'card_declined' } });
    expect(sr.parseLookup!(ctx('preauth'), status({ status: 'ERROR', reasonCode: 'PROCESSOR.SYSTEM_ERROR' }))).toMatchObject({ kind: 'found', outcome: { kind: 'rejected', code: 'provider_rejected' } });
    expect(sr.parseLookup!(ctx('preauth'), { status: 404, headers: {}, body: {} })).toEqual({ kind: 'not_found' });
    expect(sr.parseLookup!(ctx('capture', {}, 4000, 'TXC'), status({ status: 'APPROVED' }, { transaction_id: 'TXC', amount: 40 }))).toMatchObject({ kind: 'found', outcome: { kind: 'approved', approval: { operationRef: 'TXC', amountCaptured: 4000 } } });
  });

  it('maps errors: 429 with Retry-After, 409 and 503 RESOURCE_LOCKED as unknown, 400 with fields, 401 credentials', () => {
    const problem = (status: number, reason_code: string, context?: Record<string, string>) => ({ status, headers: (status === 429 ? { 'retry-after': '2' } : {}) as Record<string, string>, body: { type: 'x', title: 't', status, detail: 'd', instance: '/v1', reason_code, ...(context ? { context } : {}) } });
    expect(sr.parse(ctx('preauth'), problem(429, 'RATE_LIMIT_EXCEEDED'))).toEqual({ kind: 'retryable', notSent: true, reason: 'smartretry RATE_LIMIT_EXCEEDED', retryAfterMs: 2000 });
    expect(sr.parse(ctx('preauth'), problem(409, 'IDEMPOTENCY_CONFLICT')).kind).toBe('unknown');
    expect(sr.parse(ctx('preauth'), problem(503, 'RESOURCE_LOCKED')).kind).toBe('unknown');
    expect(sr.parse(ctx('preauth'), problem(400, 'VALIDATION_ERROR', { amount: 'too small' }))).toMatchObject({ kind: 'rejected', code: 'provider_rejected', fieldErrors: [{ field: 'amount', message: 'too small' }] });
    expect(sr.parse(ctx('preauth'), problem(401, 'INVALID_API_KEY'))).toMatchObject({ kind: 'rejected', code: 'provider_error' });
  });
});
