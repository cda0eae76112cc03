// SmartRetry connector: requests asserted field by field; the answers to its POSTs (accepted, declined,
// refused, in doubt) as SmartRetry's API reference describes them.
import { describe, expect, it } from 'vitest';
import type { SmartRetryTerminalSettings } from '../../../bridge/providers/smartretry/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { smartRetryConnector } from '../../../bridge/providers/smartretry/connector.js';
import type { OperationContext } from '../../../bridge/core/connector.js';

const cfg = parseConfig({ providers: { smartretry: { api_key: 'k', poll_ms: 500 } } }).providers.smartretry!;
const sr = smartRetryConnector(cfg, 'sk_test_secret');

function ctx(
  kind: OperationContext['kind'],
  over: Partial<OperationContext['transaction']> = {},
  amount: number | null = null,
  opRef: string | null = null,
): OperationContext<SmartRetryTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'pa0123456789abcdefghjk',
      reference: 'hotel-7',
      currency: 'USD',
      amountRequested: 4999,
      amountAuthorized: 4999,
      providerRef: 'TX8A3F2C',
      providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' },
      operator: null,
      expiresAt: null,
      createdAt: '2026-01-01T10:00:00.000Z',
      ...over,
    },
    operation: {
      id: 'opcapture1',
      amount,
      idempotencyKey: '3b1f2a4e-0d5c-4f7a-9b1e-2c3d4e5f6a7b',
      providerRef: opRef,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: { id: 'web', currency: null, settings: storedSettings(sr, { terminal_friendly_id: 'ABC123' }) },
    now: '2026-03-31T10:00:00.000Z',
    card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2027, cvv: '123', holder_name: 'Jane Doe' },
  };
}

const problem = (
  status: number,
  reason_code?: string,
  context?: Record<string, unknown>,
  headers: Record<string, string> = {},
) => ({
  status,
  headers,
  body: {
    type: 'https://www.smartretry.com/docs/api-reference/errors',
    title: 't',
    status,
    detail: 'd',
    ...(reason_code ? { reason_code } : {}),
    ...(context ? { context } : {}),
  },
});

describe('smartretry connector: requests', () => {
  it('builds the preauth: major-unit amount, card in payment_instrument, cvv at the top, Idempotency-Key', () => {
    // https://www.smartretry.com/docs/api-reference/payments/preauth (and payments/sale for the fields)
    const req = sr.build(ctx('preauth', { providerRef: null, providerRefs: {} }));
    expect(req).toMatchObject({
      method: 'POST',
      url: 'https://api.smartretry.com/v1/payments/preauth/ABC123',
      auth: 'none',
    });
    expect(req.headers).toMatchObject({
      'x-api-key': 'sk_test_secret',
      'idempotency-key': '3b1f2a4e-0d5c-4f7a-9b1e-2c3d4e5f6a7b',
      'content-type': 'application/json',
    });
    expect(req.body).toEqual({
      merchant_transaction_id: 'pa0123456789abcdefghjk',
      amount: 49.99,
      currency: 'USD',
      order: {
        merchant_order_id: 'pa0123456789abcdefghjk',
        payment_instrument: {
          card_number: '4111111111111111',
          expiry_month: 12,
          expiry_year: 2027,
          payment_method: 'cards',
          card_cardholder_name: 'Jane Doe',
        },
        description: 'posbridge hotel-7',
      },
      cvv: '123',
    });
  });

  it("converts by the currency's exponent", () => {
    // https://www.smartretry.com/docs/api-reference/overview ("Amount format": JPY 0, KWD 3 decimals)
    const jpy = sr.build({ ...ctx('preauth', { currency: 'JPY', amountRequested: 5000, providerRefs: {} }) });
    expect((jpy.body as { amount: number }).amount).toBe(5000);
    const kwd = sr.build({ ...ctx('preauth', { currency: 'KWD', amountRequested: 12345, providerRefs: {} }) });
    expect((kwd.body as { amount: number }).amount).toBe(12.345);
  });

  it('captures and voids with both reference ids', () => {
    // https://www.smartretry.com/docs/api-reference/payments/capture, .../payments/void
    expect(sr.build(ctx('capture', {}, 4000)).body).toEqual({
      transaction_reference_id: 'TX8A3F2C',
      order_reference_id: 'OR7B9E1D',
      merchant_transaction_id: 'opcapture1',
      amount: 40,
    });
    const v = sr.build(ctx('void'));
    expect(v.url).toBe('https://api.smartretry.com/v1/payments/void/ABC123');
    expect(v.body).toEqual({ transaction_reference_id: 'TX8A3F2C', order_reference_id: 'OR7B9E1D' });
  });

  it("asks for the status of the preauth, or of the capture's own transaction once known", () => {
    // https://www.smartretry.com/docs/api-reference/payments/status ("returned by the … capture … or void response")
    expect(sr.lookup!(ctx('preauth'))?.url).toBe('https://api.smartretry.com/v1/payments/status/ABC123/TX8A3F2C');
    expect(sr.lookup!(ctx('capture', {}, 4000))).toBeUndefined();
    expect(sr.lookup!(ctx('capture', {}, 4000, 'TXCAPT01'))?.url).toBe(
      'https://api.smartretry.com/v1/payments/status/ABC123/TXCAPT01',
    );
  });

  it('declares the 24 h replay window of the Idempotency-Key', () => {
    // https://www.smartretry.com/docs/api-reference/idempotency ("stores the original HTTP status and response body for 24 hours")
    expect(sr.capabilities.idempotencyKey).toBe(true);
    expect(sr.capabilities.idempotencyWindowMs).toBe(24 * 3_600_000);
  });
});

describe('smartretry connector: intake checks', () => {
  const card = { number: '4111111111111111', expiry_month: 12, expiry_year: 2030 };
  it('refuses what SmartRetry documents it refuses, before anything is sent', () => {
    // https://www.smartretry.com/docs/api-reference/payments/sale (amount 1 – 999999999, card 13 – 19 digits,
    // expiry year 2024 – 2099) and https://www.smartretry.com/docs/api-reference/overview ("Supported currencies")
    expect(sr.checkPreauth!({ card, currency: 'USD', amount: 4999 })).toEqual([]);
    expect(sr.checkPreauth!({ card, currency: 'USD', amount: 99 })).toEqual([
      { field: 'amount', message: expect.stringMatching(/1 to 999999999/) },
    ]);
    expect(sr.checkPreauth!({ card, currency: 'JPY', amount: 1 })).toEqual([]);
    expect(sr.checkPreauth!({ card, currency: 'ISK', amount: 5000 })).toEqual([
      { field: 'currency', message: expect.any(String) },
    ]);
    expect(sr.checkPreauth!({ card: { ...card, number: '411111111111' }, currency: 'USD', amount: 4999 })).toEqual([
      { field: 'card.number', message: expect.any(String) },
    ]);
    expect(sr.checkPreauth!({ card: { ...card, expiry_year: 2100 }, currency: 'USD', amount: 4999 })).toEqual([
      { field: 'card.expiry_year', message: expect.any(String) },
    ]);
    expect(sr.checkPreauth!({ card: { ...card, expiry_year: 30 }, currency: 'USD', amount: 4999 })).toEqual([]);
  });
});

describe('smartretry connector: answers to the POSTs', () => {
  it('reads the accepted answer as pending, keeping both ids', () => {
    // https://www.smartretry.com/docs/api-reference/payments/preauth ("Poll the status endpoint to confirm")
    const reply = {
      status: 200,
      headers: {},
      body: {
        transaction_id: 'TX8A3F2C',
        order_id: 'OR7B9E1D',
        merchant_transaction_id: 'preauth-20260331-001',
        accepted: true,
      },
    };
    expect(sr.parse(ctx('preauth'), reply)).toEqual({
      kind: 'pending',
      pollAfterMs: 500,
      approval: { providerRef: 'TX8A3F2C', providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' } },
    });
    expect(
      sr.parse(ctx('capture', {}, 4000), { ...reply, body: { ...reply.body, transaction_id: 'TXCAPT01' } }),
    ).toEqual({ kind: 'pending', pollAfterMs: 500, approval: { operationRef: 'TXCAPT01' } });
  });

  it('reads accepted: false as a decline, not a provider error', () => {
    // https://www.smartretry.com/docs/api-reference/errors: "a 200 with "accepted": false means the
    // transaction was declined" … "this is not an error response"
    const reply = {
      status: 200,
      headers: {},
      body: {
        transaction_id: 'TX8A3F2C',
        order_id: 'OR7B9E1D',
        merchant_transaction_id: 'preauth-20260331-001',
        accepted: false,
      },
    };
    expect(sr.parse(ctx('preauth'), reply)).toEqual({
      kind: 'declined',
      code: 'card_declined',
      message: expect.stringMatching(/accepted: false/),
      approval: { providerRef: 'TX8A3F2C', providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' } },
    });
    expect(
      sr.parse(ctx('void'), { ...reply, body: { transaction_id: 'TX5F1K2L', order_id: 'OR7B9E1D', accepted: false } }),
    ).toMatchObject({ kind: 'declined', code: 'card_declined' });
  });

  it('accepts a void answer without merchant_transaction_id and a preauth answer without order_id', () => {
    // https://www.smartretry.com/docs/api-reference/payments/void (no merchant_transaction_id); the OpenAPI
    // schema TransactionAccepted requires only transaction_id and accepted (github.com/smartretry/docs api-reference/openapi.json)
    expect(
      sr.parse(ctx('void'), {
        status: 200,
        headers: {},
        body: { transaction_id: 'TX5F1K2L', order_id: 'OR7B9E1D', accepted: true },
      }),
    ).toEqual({ kind: 'pending', pollAfterMs: 500, approval: { operationRef: 'TX5F1K2L' } });
    expect(
      sr.parse(ctx('preauth'), { status: 200, headers: {}, body: { transaction_id: 'TX8A3F2C', accepted: true } }),
    ).toEqual({
      kind: 'pending',
      pollAfterMs: 500,
      approval: { providerRef: 'TX8A3F2C', providerRefs: { transaction_id: 'TX8A3F2C' } },
    });
  });

  it('takes the field at fault from context.field', () => {
    // https://www.smartretry.com/docs/api-reference/errors ("Common keys include `field`"; 400 example context {"field": "amount"})
    expect(sr.parse(ctx('preauth'), problem(400, 'MISSING_REQUIRED_FIELD', { field: 'amount' }))).toEqual({
      kind: 'rejected',
      code: 'provider_rejected',
      message: expect.stringMatching(/400 MISSING_REQUIRED_FIELD/),
      fieldErrors: [{ field: 'amount', message: 'd' }],
    });
    // Other context keys are facts, not fields.
    expect(
      sr.parse(
        ctx('capture', {}, 4000),
        problem(404, 'TRANSACTION_NOT_FOUND', { terminal_friendly_id: 'ABC123', transaction_id: 'txn_001' }),
      ),
    ).toMatchObject({ kind: 'rejected', code: 'provider_rejected', fieldErrors: [] });
  });

  it('maps 429 with Retry-After (or context.retry_after_seconds) as not sent', () => {
    // https://www.smartretry.com/docs/api-reference/rate-limiting ("Retry-After: 1"); api-reference/errors (429 context retry_after_seconds)
    expect(sr.parse(ctx('preauth'), problem(429, 'RATE_LIMIT_EXCEEDED', undefined, { 'retry-after': '2' }))).toEqual({
      kind: 'retryable',
      notSent: true,
      reason: 'smartretry RATE_LIMIT_EXCEEDED',
      retryAfterMs: 2000,
    });
    expect(sr.parse(ctx('preauth'), problem(429, 'RATE_LIMIT_EXCEEDED', { retry_after_seconds: 30 }))).toMatchObject({
      kind: 'retryable',
      retryAfterMs: 30_000,
    });
  });

  it('treats 409 IDEMPOTENCY_CONFLICT, 503 RESOURCE_LOCKED and 500 as in doubt', () => {
    // https://www.smartretry.com/docs/api-reference/idempotency (409, 503 RESOURCE_LOCKED; "5xx responses are not cached")
    expect(sr.parse(ctx('preauth'), problem(409, 'IDEMPOTENCY_CONFLICT')).kind).toBe('unknown');
    expect(sr.parse(ctx('preauth'), problem(503, 'RESOURCE_LOCKED')).kind).toBe('unknown');
    expect(sr.parse(ctx('preauth'), problem(500, 'INTERNAL_ERROR')).kind).toBe('unknown');
    expect(sr.parse(ctx('preauth'), { status: 200, headers: {}, body: { accepted: true } }).kind).toBe('unknown');
  });

  it('refuses on state conflicts, business rules, credentials and terminal scope', () => {
    // https://www.smartretry.com/docs/api-reference/payments/void (400 TRANSACTION_ALREADY_CAPTURED), api-reference/errors
    // (401 INVALID_API_KEY, 403 key not scoped to the terminal, 422 business logic), OpenAPI 409 "not in a state that allows this operation"
    expect(sr.parse(ctx('void'), problem(400, 'TRANSACTION_ALREADY_CAPTURED'))).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
    });
    expect(sr.parse(ctx('capture', {}, 4000), problem(422, 'ALREADY_FULLY_CAPTURED'))).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
    });
    expect(sr.parse(ctx('capture', {}, 4000), problem(409, 'CAPTURE_NOT_ALLOWED_VOIDED'))).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
    });
    expect(sr.parse(ctx('preauth'), problem(401, 'INVALID_API_KEY'))).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
    });
    expect(sr.parse(ctx('preauth'), problem(403, 'TERMINAL_NOT_FOUND'))).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
    });
    expect(sr.parse(ctx('preauth'), problem(404, 'TERMINAL_NOT_FOUND'))).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
    });
  });
});
