// Lab4Pay connector: requests as the API reference shows them, the two-request preauth lookup (status, then
// print slip), operation records, lenient pairing. Sources are Lab4Pay's pages, named next to each test;
// lab4pay-docs.test.ts holds the documented examples themselves.
import { describe, expect, it } from 'vitest';
import type { Lab4PayTerminalSettings } from '../../../bridge/providers/lab4pay/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { RAW_PAIRING_REPLY as ENGINE_RAW_KEY } from '../../../bridge/engine/pairing.js';
import { lab4payConnector } from '../../../bridge/providers/lab4pay/connector.js';
import { RAW_PAIRING_REPLY } from '../../../bridge/providers/lab4pay/pairing.js';
import type { HttpReply, HttpRequestSpec, OperationContext } from '../../../bridge/core/connector.js';

const cfg = parseConfig({ providers: { lab4pay: { integrator_id: 'integrator-9', poll_ms: 700 } } }).providers.lab4pay!;
const l4p = lab4payConnector(cfg);
const terminal = {
  id: 'counter',
  currency: 'EUR',
  settings: storedSettings(l4p, {}),
  credentials: { client_id: 'cid', client_secret: 'csecret' },
};
const TX = 'b7a1c2d3-0000-4000-8000-000000000001';
const BASE = 'https://api-payment.lab4pay.com/v1/pay-connect';

function ctx(
  kind: OperationContext['kind'],
  providerRef: string | null = TX,
  amount: number | null = null,
  opRef: string | null = null,
): OperationContext<Lab4PayTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'pa0123456789abcdefghjk',
      reference: 'room-12',
      currency: 'EUR',
      amountRequested: 10_000,
      amountAuthorized: 12_500,
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
      providerRef: opRef,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal,
    now: '2026-01-01T00:00:00.000Z',
  };
}
const ok = (body: unknown, status = 200): HttpReply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body,
});

describe('lab4pay requests', () => {
  it('creates the preauth as the seed: amount in cents, our id as client_transaction_id, integrator header, bearer', () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/preauthorization-transaction
    expect(l4p.build(ctx('preauth', null))).toEqual({
      method: 'POST',
      url: `${BASE}/transactions/preauth/`,
      auth: 'bearer',
      headers: {
        'x-pay-connect-integrator-id': 'integrator-9',
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: { amount: 10_000, client_transaction_id: 'pa0123456789abcdefghjk' },
    });
  });

  it('keeps adjustments local and sends the final total at preauth-complete', () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/preauth-complete-operation: "Amount is the sum of the
    // incremental transaction and the original transaction".
    expect(l4p.local!(ctx('adjust', undefined, 12_500))).toEqual({
      kind: 'approved',
      approval: { amountAuthorized: 12_500 },
    });
    expect(l4p.local!(ctx('capture', undefined, 12_500))).toBeUndefined();
    const c = l4p.build(ctx('capture', undefined, 12_500));
    expect(c.url).toBe(`${BASE}/transaction-operations/${TX}/preauth-complete/`);
    expect(c.body).toEqual({ amount: 12_500 });
  });

  it('sends revert and cancel without a body or a Content-Type, as their curl examples do', () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/revert-operation and …/cancel-transaction
    const revert = l4p.build(ctx('void'));
    expect(revert).toEqual({
      method: 'POST',
      url: `${BASE}/transaction-operations/${TX}/revert/`,
      auth: 'bearer',
      headers: { 'x-pay-connect-integrator-id': 'integrator-9', accept: 'application/json' },
    });
    const cancel = l4p.cancel!(ctx('preauth'))!;
    expect(cancel).toEqual({
      method: 'POST',
      url: `${BASE}/transactions/${TX}/cancel/`,
      auth: 'bearer',
      headers: { 'x-pay-connect-integrator-id': 'integrator-9', accept: 'application/json' },
    });
    expect(l4p.cancel!(ctx('preauth', null))).toBeUndefined();
  });

  it('asks for a token with a JSON body, not a form', () => {
    // https://docs.lab4pay.com/api-reference/authorization/token: Content-Type: application/json,
    // {grant_type, client_id, client_secret}; the OpenAPI requestBody lists application/json only.
    const auth = l4p.authFor!(terminal)!;
    const t = auth.tokenRequest();
    expect(t).toEqual({
      method: 'POST',
      url: 'https://api-payment.lab4pay.com/v1/auth/token/',
      auth: 'none',
      headers: {
        'x-pay-connect-integrator-id': 'integrator-9',
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: { grant_type: 'client_credentials', client_id: 'cid', client_secret: 'csecret' },
    });
    expect(t.form).toBeUndefined();
    expect(
      auth.parseToken(ok({ access_token: 'tok', expires_in: '3600', token_type: 'Bearer', scope: 'default' })),
    ).toEqual({ accessToken: 'tok', expiresInMs: 3_600_000 });
    expect(auth.parseToken(ok({ access_token: 'tok', expires_in: 'soon' })).expiresInMs).toBe(300_000);
    expect(auth.cacheKey).not.toContain('csecret');
    expect(l4p.authFor!({ ...terminal, credentials: undefined })).toBeUndefined();
  });

  it('never quotes an unreadable 200 token answer (it may hold the token) but does quote a refusal', () => {
    const auth = l4p.authFor!(terminal)!;
    expect(() => auth.parseToken(ok({ token: 'secret-token' }))).toThrow(/^(?!.*secret-token).*cannot read/);
    expect(() => auth.parseToken(ok({ detail: 'Invalid client credentials.' }, 400))).toThrow(
      /400: Invalid client credentials/,
    );
  });
});

describe('lab4pay create answers', () => {
  it('reads them as pending with the ids to poll', () => {
    expect(l4p.parse(ctx('preauth', null), ok({ transaction_id: 'T1' }))).toEqual({
      kind: 'pending',
      pollAfterMs: 700,
      approval: { providerRef: 'T1', providerRefs: { transaction_id: 'T1' } },
    });
    expect(l4p.parse(ctx('capture'), ok({ operation_id: 'O1', transaction_id: TX }))).toEqual({
      kind: 'pending',
      pollAfterMs: 700,
      approval: { operationRef: 'O1' },
    });
    // An id mislabelled as text/plain is still an id: without it the preauth could never be looked up.
    expect(
      l4p.parse(ctx('preauth', null), {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: '{"transaction_id":"T2"}',
      }),
    ).toMatchObject({ kind: 'pending', approval: { providerRef: 'T2' } });
    expect(
      l4p.parse(ctx('preauth', null), ok({ amount: ['A valid positive integer (cents) is required.'] }, 400)),
    ).toMatchObject({ kind: 'rejected', fieldErrors: [{ field: 'amount' }] });
    expect(l4p.parse(ctx('preauth', null), ok({ detail: 'x' }, 401))).toMatchObject({
      kind: 'rejected',
      code: 'provider_error',
    });
    expect(l4p.parse(ctx('preauth', null), ok(undefined, 500)).kind).toBe('unknown');
  });
});

describe('lab4pay preauth lookup: status, then print slip', () => {
  // https://docs.lab4pay.com/pay-connect/payment-flows.md ("Successful Transaction"):
  // GET …/transactions/{id}/status/ → 200 { status: SUCCESS }, then GET …/transactions/{id}/print-slip/.
  const statusRequest = l4p.lookup!(ctx('preauth'))!;
  const status = (s: string, extra: Record<string, unknown> = {}) =>
    l4p.parseLookup!(ctx('preauth'), ok({ status: s, ...extra }), statusRequest);
  const slipRequest = (status('SUCCESS') as { request: HttpRequestSpec }).request;
  const slip = (body: unknown, code = 200) => l4p.parseLookup!(ctx('preauth'), ok(body, code), slipRequest);
  const SLIP = {
    transaction_id: TX,
    amount: 10_000,
    currency: 'EUR',
    status: 'SUCCESS',
    approve_code: 'AB12',
    card_type: 'VISA',
    card_number: '**** **** **** 0010',
  };

  it('polls the documented /status/ path, not GET …/transactions/{id}/', () => {
    expect(statusRequest).toMatchObject({ method: 'GET', url: `${BASE}/transactions/${TX}/status/`, auth: 'bearer' });
    expect(statusRequest.body).toBeUndefined();
    expect(l4p.lookup!(ctx('preauth', null))).toBeUndefined(); // no id yet: nothing to ask about
  });

  it('waits while INITIATED or IN_PROGRESS, and asks for the print slip in the same step on SUCCESS', () => {
    expect(status('INITIATED')).toEqual({ kind: 'found', outcome: { kind: 'pending', pollAfterMs: 700 } });
    expect(status('IN_PROGRESS')).toEqual({ kind: 'found', outcome: { kind: 'pending', pollAfterMs: 700 } });
    expect(status('SUCCESS')).toEqual({
      kind: 'next',
      request: {
        method: 'GET',
        url: `${BASE}/transactions/${TX}/print-slip/`,
        auth: 'bearer',
        headers: { 'x-pay-connect-integrator-id': 'integrator-9', accept: 'application/json' },
      },
    });
  });

  it('maps the end states: FAILED/DECLINED declined, CANCELED cancelled, EXPIRED timed out', () => {
    // CANCELED (single L): https://docs.lab4pay.com/pay-connect/app2app-integration/android-app2-app-integration;
    // DECLINED and EXPIRED on a transaction: https://docs.lab4pay.com/payment-facilitator/webhooks/expore-webhook-events
    expect(status('FAILED')).toMatchObject({ kind: 'found', outcome: { kind: 'declined', code: 'card_declined' } });
    expect(status('DECLINED')).toMatchObject({ kind: 'found', outcome: { kind: 'declined', code: 'card_declined' } });
    expect(status('CANCELED')).toMatchObject({ kind: 'found', outcome: { kind: 'rejected', code: 'cancelled' } });
    expect(status('EXPIRED')).toMatchObject({ kind: 'found', outcome: { kind: 'rejected', code: 'terminal_timeout' } });
  });

  it('never guesses: an undocumented status, or an answer about another transaction, is inconclusive', () => {
    expect(status('REVERTED')).toMatchObject({ kind: 'inconclusive', reason: expect.stringContaining('REVERTED') });
    expect(status('SUCCESS', { transaction_id: 'someone-else' })).toMatchObject({ kind: 'inconclusive' });
    expect(status('SUCCESS', { id: TX })).toMatchObject({ kind: 'next' }); // `id` read like transaction_id
    expect(l4p.parseLookup!(ctx('preauth'), ok({ detail: 'Not found.' }, 404), statusRequest)).toEqual({
      kind: 'not_found',
    });
    expect(l4p.parseLookup!(ctx('preauth'), ok({ detail: 'boom' }, 500), statusRequest)).toMatchObject({
      kind: 'inconclusive',
    });
  });

  it('approves from the print slip: transaction_id and card_type as documented', () => {
    // https://docs.lab4pay.com/api-reference/pay-connect/transaction-print-slip
    expect(slip(SLIP)).toEqual({
      kind: 'found',
      outcome: {
        kind: 'approved',
        approval: {
          providerRef: TX,
          amountAuthorized: 10_000,
          authCode: 'AB12',
          card: { brand: 'visa', maskedPan: '**** **** **** 0010', entryMode: 'terminal' },
        },
      },
    });
  });

  it('accepts `id` for transaction_id and `card_brand` for card_type; prefers a field that names a card scheme', () => {
    const { transaction_id: _t, card_type: _c, ...rest } = SLIP;
    expect(slip({ ...rest, id: TX, card_brand: 'MasterCard' })).toMatchObject({
      kind: 'found',
      outcome: { approval: { providerRef: TX, card: { brand: 'mastercard' } } },
    });
    // card_type's values are not listed: if it says "CREDIT", payment_option ("e.g., VISA, MASTERCARD") names the scheme.
    expect(slip({ ...SLIP, card_type: 'CREDIT', payment_option: 'VISA' })).toMatchObject({
      outcome: { approval: { card: { brand: 'visa' } } },
    });
    expect(slip({ ...SLIP, card_type: 'UNIONPAY', payment_option: null })).toMatchObject({
      outcome: { approval: { card: { brand: 'unionpay' } } },
    });
    expect(slip({ ...SLIP, card_number: null })).toMatchObject({ outcome: { approval: { authCode: 'AB12' } } });
    expect(
      (slip({ ...SLIP, card_number: null }) as { outcome: { approval: object } }).outcome.approval,
    ).not.toHaveProperty('card');
  });

  it('never lets a slip of another transaction, or one that contradicts the SUCCESS, settle ours', () => {
    expect(slip({ ...SLIP, transaction_id: 'someone-else' })).toMatchObject({ kind: 'inconclusive' });
    expect(slip({ ...SLIP, status: 'REVERTED' })).toMatchObject({
      kind: 'inconclusive',
      reason: expect.stringContaining('REVERTED'),
    });
  });

  it('keeps the approval when the slip has no amount or is refused, and asks again when the slip server fails', () => {
    // The status said SUCCESS: the hold exists. The slip is documented "for completed transaction", which an
    // open preauth may not be, so a 400/404 leaves the approval standing on the amount we asked for.
    const { amount: _a, ...noAmount } = SLIP;
    expect(slip(noAmount)).toMatchObject({
      kind: 'found',
      outcome: { kind: 'approved', approval: { amountAuthorized: 10_000, authCode: 'AB12' } },
    });
    expect(slip({ detail: 'Transaction is not completed.' }, 400)).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { providerRef: TX, amountAuthorized: 10_000 } },
    });
    expect(slip({ detail: 'boom' }, 503)).toMatchObject({ kind: 'inconclusive' });
    expect(slip('<html>')).toMatchObject({ kind: 'inconclusive' });
  });
});

describe('lab4pay operation lookup', () => {
  // https://docs.lab4pay.com/api-reference/pay-connect/operation-status: {operation_id, operation_type, transaction_id, status}.
  const capture = ctx('capture', TX, 12_500, 'O1');
  const request = l4p.lookup!(capture)!;
  const op = (body: Record<string, unknown>, c = capture) =>
    l4p.parseLookup!(c, ok({ operation_type: 'transaction.preauth_complete', transaction_id: TX, ...body }), request);

  it('polls GET …/transaction-operations/{operation_id}/', () => {
    expect(request).toMatchObject({ method: 'GET', url: `${BASE}/transaction-operations/O1/`, auth: 'bearer' });
    expect(l4p.lookup!(ctx('capture', TX, 12_500, null))).toBeUndefined();
  });

  it("confirms with the documented operation_id, and with id as posbridge's old sandbox had it", () => {
    expect(op({ operation_id: 'O1', status: 'SUCCESS' })).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { operationRef: 'O1', amountCaptured: 12_500 } },
    });
    expect(op({ id: 'O1', status: 'SUCCESS' })).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { operationRef: 'O1', amountCaptured: 12_500 } },
    });
    const revert = ctx('void', TX, null, 'O2');
    expect(op({ operation_id: 'O2', operation_type: 'transaction.revert', status: 'SUCCESS' }, revert)).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { operationRef: 'O2' } },
    });
  });

  it('maps every documented status: INITIATED, IN_PROGRESS, SUCCESS, FAILED, EXPIRED', () => {
    expect(op({ operation_id: 'O1', status: 'INITIATED' })).toEqual({
      kind: 'found',
      outcome: { kind: 'pending', pollAfterMs: 700 },
    });
    expect(op({ operation_id: 'O1', status: 'IN_PROGRESS' })).toEqual({
      kind: 'found',
      outcome: { kind: 'pending', pollAfterMs: 700 },
    });
    expect(op({ operation_id: 'O1', status: 'FAILED' })).toMatchObject({
      kind: 'found',
      outcome: { kind: 'rejected', code: 'provider_rejected' },
    });
    expect(op({ operation_id: 'O1', status: 'EXPIRED' })).toMatchObject({
      kind: 'found',
      outcome: { kind: 'rejected', code: 'terminal_timeout' },
    });
    expect(op({ operation_id: 'O1', status: 'PAUSED' })).toMatchObject({ kind: 'inconclusive' });
  });

  it("never confirms another operation or another transaction's operation", () => {
    expect(op({ operation_id: 'O9', status: 'SUCCESS' })).toMatchObject({ kind: 'inconclusive' });
    expect(op({ operation_id: 'O1', transaction_id: 'someone-else', status: 'SUCCESS' })).toMatchObject({
      kind: 'inconclusive',
    });
  });
});

describe('lab4pay pairing', () => {
  // https://docs.lab4pay.com/api-reference/pay-connect/pairing: one-time credentials; webhook_secret_key is "string | null".
  const DOC = {
    pay_connect_id: 'P',
    pay_connect_name: 'Counter 2',
    terminal_id: 'L4P-1',
    client_id: 'c',
    client_secret: 's',
  };

  it('pairs with name and otp and keeps every credential it is given', () => {
    expect(l4p.pairing!.request('Counter 2', '246810')).toMatchObject({
      url: `${BASE}/pair/`,
      body: { name: 'Counter 2', otp: '246810' },
      auth: 'none',
    });
    expect(l4p.pairing!.parse(ok({ ...DOC, webhook_secret_key: 'w' }))).toEqual({ ...DOC, webhook_secret_key: 'w' });
  });

  it('takes a null webhook_secret_key (no webhook_url sent), extra fields and a mislabelled body', () => {
    expect(l4p.pairing!.parse(ok({ ...DOC, webhook_secret_key: null }))).toEqual(DOC);
    expect(l4p.pairing!.parse(ok({ ...DOC, webhook_secret_key: null, expires: 30, scopes: ['a'] }))).toEqual({
      ...DOC,
      expires: '30',
    });
    expect(
      l4p.pairing!.parse({ status: 200, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(DOC) }),
    ).toEqual(DOC);
  });

  it('throws with the reason on a refusal, and names only the fields (never their values) of an incomplete success', () => {
    expect(() => l4p.pairing!.parse(ok({ otp: ['Invalid or expired OTP.'] }, 400))).toThrow(/Invalid or expired OTP/);
    expect(() => l4p.pairing!.parse(ok({ client_id: 'c', secret: 'hunter2' }))).toThrow(
      /^(?!.*hunter2).*without client_id and client_secret.*secret/,
    );
  });

  it('recovers the client credentials from a raw answer the engine kept sealed when a parser refused it', () => {
    expect(RAW_PAIRING_REPLY).toBe(ENGINE_RAW_KEY); // the engine's key and the connector's are the same
    const kept = {
      ...terminal,
      credentials: { [RAW_PAIRING_REPLY]: JSON.stringify({ ...DOC, webhook_secret_key: null }) },
    };
    expect(l4p.authFor!(kept)!.tokenRequest().body).toEqual({
      grant_type: 'client_credentials',
      client_id: 'c',
      client_secret: 's',
    });
    expect(l4p.authFor!({ ...terminal, credentials: { [RAW_PAIRING_REPLY]: '{"nothing": true}' } })).toBeUndefined();
  });
});
