// SmartRetry's status answer in our terms: every status value, the card from BIN and last four digits,
// soft declines with an automatic retry still to come, and the two ways "not found" is documented.
import { describe, expect, it } from 'vitest';
import type { SmartRetryTerminalSettings } from '../../../bridge/providers/smartretry/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { smartRetryConnector } from '../../../bridge/providers/smartretry/connector.js';
import { MAX_RETRY_POLL_MS } from '../../../bridge/providers/smartretry/retry.js';
import type { OperationContext } from '../../../bridge/core/connector.js';

const cfg = parseConfig({ providers: { smartretry: { api_key: 'k', poll_ms: 500 } } }).providers.smartretry!;
const sr = smartRetryConnector(cfg, 'sk_test_secret');
const NOW = '2026-03-31T14:22:13.000Z';

function ctx(
  kind: OperationContext['kind'],
  opRef: string | null = null,
  card = true,
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
      createdAt: NOW,
    },
    operation: {
      id: 'op1',
      amount: kind === 'capture' ? 4000 : null,
      idempotencyKey: 'k',
      providerRef: opRef,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: { id: 'web', currency: null, settings: storedSettings(sr, { terminal_friendly_id: 'ABC123' }) },
    now: NOW,
    ...(card ? { card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2027 } } : {}),
  };
}

/** The documented fields of payments/status, with a status and extras of the test's choosing. */
const answer = (
  st: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  instrument: Record<string, unknown> = {
    token: 'tok',
    payment_method: 'cards',
    card_card_last_four_digit: '1111',
    card_bin: '411111',
  },
) => ({
  status: 200,
  headers: {},
  body: {
    transaction_id: 'TX8A3F2C',
    type: 'preauth',
    amount: 49.99,
    currency: 'USD',
    authorization_code: 'AUTH042',
    attempt_number: 1,
    created_at: '2026-03-31T14:22:10Z',
    updated_at: '2026-03-31T14:22:13Z',
    status: { reasonCode: 'AUTH.APPROVED', name: 'n', ...st },
    order: { order_id: 'OR7B9E1D', payment_instrument: instrument },
    ...extra,
  },
});
const outcome = (c: OperationContext<SmartRetryTerminalSettings>, reply: ReturnType<typeof answer>) => {
  const step = sr.parseLookup!(c, reply);
  if (step.kind !== 'found') throw new Error(`expected found, got ${step.kind}`);
  return step.outcome;
};

describe('smartretry status: every status value', () => {
  // https://www.smartretry.com/docs/api-reference/payments/status ("Status values") and
  // https://www.smartretry.com/docs/concepts/transaction-statuses ("Treat UNKNOWN status as unresolved")
  it('APPROVED settles the preauth with amount, auth code, both ids and the card', () => {
    expect(outcome(ctx('preauth'), answer({ status: 'APPROVED' }))).toEqual({
      kind: 'approved',
      approval: {
        providerRef: 'TX8A3F2C',
        providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' },
        amountAuthorized: 4999,
        authCode: 'AUTH042',
        card: { brand: 'visa', maskedPan: '411111******1111', entryMode: 'keyed' },
      },
    });
  });

  it("APPROVED on a capture's or void's own transaction settles that operation", () => {
    expect(
      outcome(
        ctx('capture', 'TX9C4D1E'),
        answer({ status: 'APPROVED' }, { transaction_id: 'TX9C4D1E', type: 'capture', amount: 40 }),
      ),
    ).toEqual({ kind: 'approved', approval: { operationRef: 'TX9C4D1E', amountCaptured: 4000 } });
    expect(
      outcome(ctx('void', 'TX5F1K2L'), answer({ status: 'APPROVED' }, { transaction_id: 'TX5F1K2L', type: 'void' })),
    ).toEqual({ kind: 'approved', approval: { operationRef: 'TX5F1K2L' } });
  });

  it('PROCESSING polls on, UNKNOWN stays in doubt, ERROR and CANCELLED refuse', () => {
    expect(outcome(ctx('preauth'), answer({ status: 'PROCESSING' }))).toEqual({ kind: 'pending', pollAfterMs: 500 });
    expect(
      outcome(ctx('preauth'), answer({ status: 'UNKNOWN', reasonCode: 'PROCESSOR.PROVIDER_TIMEOUT' })),
    ).toMatchObject({ kind: 'unknown' });
    expect(outcome(ctx('preauth'), answer({ status: 'ERROR', reasonCode: 'PROCESSOR.SYSTEM_ERROR' }))).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
    });
    expect(outcome(ctx('preauth'), answer({ status: 'CANCELLED', reasonCode: 'SYSTEM.CANCELLED' }))).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
    });
  });

  it('DECLINED maps the reason code to ours, in both documented formats', () => {
    // payments/status: "{domain}.{reason}"; concepts/transaction-statuses example: "INSUFFICIENT_FUNDS"
    expect(
      outcome(ctx('preauth'), answer({ status: 'DECLINED', reasonCode: 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS' })),
    ).toMatchObject({ kind: 'declined', code: 'insufficient_funds' });
    expect(outcome(ctx('preauth'), answer({ status: 'DECLINED', reasonCode: 'INSUFFICIENT_FUNDS' }))).toMatchObject({
      kind: 'declined',
      code: 'insufficient_funds',
    });
    expect(
      outcome(ctx('preauth'), answer({ status: 'DECLINED', reasonCode: 'PAYMENT_METHOD.EXPIRED_CARD' })),
    ).toMatchObject({ kind: 'declined', code: 'expired_card' });
    expect(outcome(ctx('preauth'), answer({ status: 'DECLINED', reasonCode: 'AUTH.DO_NOT_HONOR' }))).toMatchObject({
      kind: 'declined',
      code: 'card_declined',
    });
  });

  it('falls back to the requested amount when the answer has none (optional in the OpenAPI schema)', () => {
    const reply = answer({ status: 'APPROVED' });
    const { amount: _a, currency: _c, ...rest } = reply.body;
    expect(outcome(ctx('preauth'), { ...reply, body: rest as typeof reply.body })).toMatchObject({
      kind: 'approved',
      approval: { amountAuthorized: 4999 },
    });
  });

  it('an amount with more decimals than the currency is inconclusive, not a crash', () => {
    expect(sr.parseLookup!(ctx('preauth'), answer({ status: 'APPROVED' }, { amount: 49.999 }))).toMatchObject({
      kind: 'inconclusive',
    });
  });
});

describe('smartretry status: the card from card_bin and card_card_last_four_digit', () => {
  // https://www.smartretry.com/docs/api-reference/payments/status (payment_instrument: card_card_last_four_digit,
  // card_bin "first six or eleven digits", card_profile.brand.name, card_profile.panLength; "Full card numbers are never returned")
  const card = (instrument: Record<string, unknown>, c = ctx('preauth')) => {
    const o = outcome(c, answer({ status: 'APPROVED' }, {}, instrument));
    return o.kind === 'approved' ? o.approval.card : undefined;
  };

  it('builds the masked PAN from BIN and last four, the brand from the BIN', () => {
    expect(card({ card_bin: '411111', card_card_last_four_digit: '1111' })).toEqual({
      brand: 'visa',
      maskedPan: '411111******1111',
      entryMode: 'keyed',
    });
  });

  it('uses card_profile for the brand and the length', () => {
    expect(
      card(
        {
          card_bin: '378282',
          card_card_last_four_digit: '0005',
          card_profile: { brand: { name: 'Amex' }, panLength: 15 },
        },
        ctx('preauth', null, false),
      ),
    ).toEqual({ brand: 'amex', maskedPan: '378282*****0005', entryMode: 'keyed' });
  });

  it('keeps our first-six form for an eleven-digit BIN, and the card in memory gives the length', () => {
    expect(card({ card_bin: '41111111111', card_card_last_four_digit: '1111' })).toEqual({
      brand: 'visa',
      maskedPan: '411111******1111',
      entryMode: 'keyed',
    });
  });

  it('assumes 16 digits after a restart when nothing tells the length', () => {
    expect(card({ card_bin: '555555', card_card_last_four_digit: '4444' }, ctx('preauth', null, false))).toEqual({
      brand: 'mastercard',
      maskedPan: '555555******4444',
      entryMode: 'keyed',
    });
  });

  it('reads the old card_number / card_brand where the documented fields are absent, never keeping a full PAN', () => {
    expect(card({ card_number: '411111******1111', card_brand: 'VISA' })).toEqual({
      brand: 'visa',
      maskedPan: '411111******1111',
      entryMode: 'keyed',
    });
    expect(card({ card_number: '4111111111111111' })).toEqual({ maskedPan: '411111******1111', entryMode: 'keyed' });
    expect(
      card({ card_bin: '411111', card_card_last_four_digit: '1111', card_number: '999999******9999' })?.maskedPan,
    ).toBe('411111******1111');
  });

  it('has no card when the answer describes none', () => {
    expect(card({ token: 'tok', payment_method: 'cards' })).toBeUndefined();
  });
});

describe("smartretry status: soft declines and SmartRetry's automatic retries", () => {
  // Reading written next to the code (bridge/providers/smartretry/retry.ts):
  // https://www.smartretry.com/docs/api-reference/payments/status (attempt_number),
  // https://www.smartretry.com/docs/integration/webhooks (transaction.retry_scheduled "for a soft decline"),
  // https://www.smartretry.com/docs/concepts/decline-codes (soft declines are retried),
  // github.com/smartretry/docs faq/troubleshooting.mdx ("DECLINED … means all retry attempts have been exhausted").
  const declined = (extra: Record<string, unknown>) =>
    answer({ status: 'DECLINED', reasonCode: 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS' }, extra);

  it('keeps polling a DECLINED while a retry is scheduled', () => {
    expect(outcome(ctx('preauth'), declined({ retry_scheduled: true }))).toEqual({ kind: 'pending', pollAfterMs: 500 });
    // Not before the retry SmartRetry announced…
    expect(outcome(ctx('preauth'), declined({ next_retry_at: '2026-03-31T14:22:43.000Z' }))).toEqual({
      kind: 'pending',
      pollAfterMs: 30_000,
    });
    // …and at least every few minutes when it is far ahead.
    expect(outcome(ctx('preauth'), declined({ retry_scheduled: true, next_retry_at: '2026-04-02T09:00:00Z' }))).toEqual(
      { kind: 'pending', pollAfterMs: MAX_RETRY_POLL_MS },
    );
    // A retry time already past: the retry may be running, ask again at the usual pace.
    expect(outcome(ctx('preauth'), declined({ retry_scheduled: true, next_retry_at: '2026-03-31T14:00:00Z' }))).toEqual(
      { kind: 'pending', pollAfterMs: 500 },
    );
  });

  it('treats a DECLINED with no retry pending as final', () => {
    expect(outcome(ctx('preauth'), declined({}))).toMatchObject({ kind: 'declined', code: 'insufficient_funds' });
    expect(
      outcome(ctx('preauth'), declined({ retry_scheduled: false, next_retry_at: '2026-04-01T00:00:00Z' })),
    ).toMatchObject({ kind: 'declined' });
    expect(outcome(ctx('preauth'), declined({ next_retry_at: null }))).toMatchObject({ kind: 'declined' });
  });

  it('does not read a higher attempt_number as a pending retry, but reports it', () => {
    expect(outcome(ctx('preauth'), declined({ attempt_number: 3 }))).toEqual({
      kind: 'declined',
      code: 'insufficient_funds',
      message: 'n (PAYER_ACCOUNT.INSUFFICIENT_FUNDS), after 3 attempts',
    });
  });

  it('ignores retry markers on any other status', () => {
    expect(
      outcome(ctx('preauth'), answer({ status: 'APPROVED' }, { attempt_number: 2, retry_scheduled: true })),
    ).toMatchObject({ kind: 'approved' });
  });
});

describe('smartretry status: not found', () => {
  it('reads 404 and 400 TRANSACTION_NOT_FOUND as not found, anything else as inconclusive', () => {
    // https://www.smartretry.com/docs/api-reference/errors (404 TRANSACTION_NOT_FOUND on a status request) and
    // https://www.smartretry.com/docs/api-reference/payments/status (its 400 example, same reason code)
    const problem = (status: number, reason_code?: string) => ({
      status,
      headers: {},
      body: { type: 'x', title: 't', status, detail: 'd', ...(reason_code ? { reason_code } : {}) },
    });
    expect(sr.parseLookup!(ctx('preauth'), problem(404, 'TRANSACTION_NOT_FOUND'))).toEqual({ kind: 'not_found' });
    expect(sr.parseLookup!(ctx('preauth'), problem(400, 'TRANSACTION_NOT_FOUND'))).toEqual({ kind: 'not_found' });
    expect(sr.parseLookup!(ctx('preauth'), { status: 404, headers: {}, body: {} })).toEqual({ kind: 'not_found' });
    expect(sr.parseLookup!(ctx('preauth'), problem(403, 'TERMINAL_NOT_FOUND'))).toMatchObject({ kind: 'inconclusive' });
    expect(sr.parseLookup!(ctx('preauth'), problem(400, 'INVALID_FIELD'))).toMatchObject({ kind: 'inconclusive' });
    expect(sr.parseLookup!(ctx('preauth'), problem(429, 'RATE_LIMIT_EXCEEDED'))).toMatchObject({
      kind: 'inconclusive',
    });
  });
});
