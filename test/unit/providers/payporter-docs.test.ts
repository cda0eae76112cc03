// Docs conformance for PayPorter: every request and response example of PayPorter's documentation
// source (GitHub commitup/api-doc-v2, docs/pos-api/*.md; each fixture names its page in `source`),
// against what the connector builds and how it parses.
// refund.request.json is stored but never built: the bridge does not refund. cancel.error.json is
// derived (the page shows the code that reads an error body, not a body) and says so in the fixture.
// Not stored as fixtures: webhooks.md's payload (a list of field types such as "amount": "number", not
// an example; the bridge has no webhook endpoint) and the 3ds.md / checkout.md / installment pages
// (other answers than ApiPaymentResponse, for flows a POS does not run).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PayPorterTerminalSettings } from '../../../bridge/providers/payporter/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { payPorterConnector } from '../../../bridge/providers/payporter/connector.js';
import { isPayment } from '../../../bridge/providers/payporter/wire.js';
import type { HttpReply, OperationContext } from '../../../bridge/core/connector.js';

interface DocRequest {
  source: string;
  example: 'request';
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}
interface DocResponse {
  source: string;
  example: 'response';
  endpoint: string;
  status: number;
  body: unknown;
}

const DIR = new URL('../../fixtures/docs/payporter/', import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as T;
const reply = (r: DocResponse): HttpReply => ({
  status: r.status,
  headers: { 'content-type': 'application/json' },
  body: r.body,
});

// The documented values, so that the built request can equal the documented one field by field.
const cfg = parseConfig({
  providers: {
    payporter: {
      api_url: 'https://api.example.com',
      api_key: 'k',
      api_secret: 's',
      request_ip: '192.168.1.1',
      request_port: 8080,
    },
  },
}).providers.payporter!;
const pp = payPorterConnector(cfg, 'your_api_key_here', 'your_api_secret_here');
const PAYMENT_ID = '123e4567-e89b-12d3-a456-426614174000';

function ctx(
  kind: OperationContext['kind'],
  over: { providerRef?: string | null; amount?: number | null } = {},
): OperationContext<PayPorterTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'ORD-12345',
      reference: 'ORD-12345',
      currency: 'TRY',
      amountRequested: 10_050,
      amountAuthorized: 10_050,
      providerRef: over.providerRef === undefined ? PAYMENT_ID : over.providerRef,
      providerRefs: {},
      operator: null,
      expiresAt: null,
      createdAt: '2023-05-01T14:30:00Z',
    },
    operation: {
      id: 'op1',
      amount: over.amount ?? null,
      idempotencyKey: 'unused',
      providerRef: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: { id: 'web', currency: null, settings: storedSettings(pp, {}) },
    now: '2023-05-01T14:30:00Z',
    card: { number: '5421190122090656', expiry_month: 4, expiry_year: 2028, cvv: '916', holder_name: 'John Doe' },
  };
}

/** Header names are case-insensitive: compare them lower-cased. */
const lower = (h: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * The built request against the documented one: method, path, every documented body field equal,
 * nothing sent that the page does not show, and only the listed optional fields left out.
 */
function expectSameRequest(built: ReturnType<typeof pp.build>, doc: DocRequest, omitted: readonly string[] = []) {
  expect(built.method).toBe(doc.method);
  expect(new URL(built.url).pathname).toBe(doc.path);
  for (const [name, value] of Object.entries(lower(doc.headers)))
    expect(lower(built.headers as Record<string, string>)[name]).toBe(value);
  if (doc.body === undefined) {
    expect(built.body).toBeUndefined();
    return;
  }
  const body = built.body as Record<string, unknown>;
  for (const [field, value] of Object.entries(doc.body)) {
    if (omitted.includes(field)) expect(body, `${field} is left out on purpose`).not.toHaveProperty(field);
    else expect(body[field], `${field} (${doc.source})`).toEqual(value);
  }
  expect(Object.keys(body).filter((k) => !(k in doc.body!))).toEqual([]);
}

describe('payporter: every documented example is a fixture with its source', () => {
  it('each fixture names the page it comes from', () => {
    const names = readdirSync(DIR).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const n of names)
      expect(load<{ source: string }>(n).source).toMatch(
        /^https:\/\/github\.com\/commitup\/api-doc-v2\/blob\/[0-9a-f]{40}\//,
      );
  });
});

describe('payporter: requests equal the documented examples', () => {
  // docs/pos-api/pre-auth.md, Example Request. customerId is optional and we have no customer to name.
  it('pre-authorisation (pre-auth.md)', () => {
    expectSameRequest(pp.build(ctx('preauth', { providerRef: null })), load('pre-auth.request.json'), ['customerId']);
  });

  // docs/pos-api/payment.md documents the same parameter table for a direct sale: the bridge's
  // pre-authorisation sends exactly those fields, to its own path.
  it('sends the field set payment.md documents for the same card data', () => {
    const sale = load<DocRequest>('payment.request.json');
    const built = pp.build(ctx('preauth', { providerRef: null })).body as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(
      Object.keys(sale.body!)
        .filter((k) => k !== 'customerId')
        .sort(),
    );
  });

  // docs/pos-api/authentication.md: X-API-KEY and X-API-SECRET on every request, JSON content type.
  it('carries the documented headers (authentication.md)', () => {
    const doc = load<DocRequest>('authentication.request.json');
    const built = lower(pp.build(ctx('preauth', { providerRef: null })).headers as Record<string, string>);
    for (const [name, value] of Object.entries(lower(doc.headers))) expect(built[name]).toBe(value);
  });

  // docs/pos-api/capture-auth.md, Example Request: {amount: 90.00, currency: TRY}.
  it('capture (capture-auth.md)', () => {
    expectSameRequest(pp.build(ctx('capture', { amount: 9_000 })), load('capture.request.json'));
  });

  // docs/pos-api/cancel-payment.md: "No request body is required"; the example sends only the key headers.
  it('cancel (cancel-payment.md): no body, no content type', () => {
    const built = pp.build(ctx('void'));
    expectSameRequest(built, load('cancel.request.json'));
    expect(lower(built.headers as Record<string, string>)).not.toHaveProperty('content-type');
  });

  // docs/pos-api/payment-status.md, Example: GET /api/payment/{paymentId}.
  it('status lookup (payment-status.md)', () => {
    expectSameRequest(pp.lookup!(ctx('capture'))!, load('status.request.json'));
  });
});

describe('payporter: every documented response is read', () => {
  const responses = readdirSync(DIR).filter((n) => n.endsWith('.response.json'));

  it.each(responses)('%s is a readable ApiPaymentResponse for every kind', (name) => {
    const r = load<DocResponse>(name);
    expect(isPayment.Check(r.body)).toBe(true);
    for (const kind of ['preauth', 'capture', 'void'] as const) {
      const o = pp.parse(ctx(kind, { amount: kind === 'capture' ? 9_000 : null }), reply(r));
      expect(o.kind === 'unknown' && o.reason.includes('cannot read')).toBe(false);
    }
  });

  // docs/pos-api/pre-auth.md, Example Response.
  it('pre-auth.md: an approval with the paymentId, auth code, amount and masked card', () => {
    expect(pp.parse(ctx('preauth', { providerRef: null }), reply(load('pre-auth.response.json')))).toEqual({
      kind: 'approved',
      approval: {
        providerRef: PAYMENT_ID,
        providerRefs: { paymentId: PAYMENT_ID },
        authCode: 'AUTH987654',
        amountAuthorized: 10_050,
        card: { brand: 'visa', maskedPan: '411111******1111', entryMode: 'keyed' },
      },
    });
  });

  // docs/pos-api/capture-auth.md: status SUCCESS means captured. Its amount (100.50) is not what the
  // request (90.00) captured, so the captured amount is the one we asked for.
  it('capture-auth.md: SUCCESS is a capture of the amount we asked for', () => {
    expect(pp.parse(ctx('capture', { amount: 9_000 }), reply(load('capture.response.json')))).toEqual({
      kind: 'approved',
      approval: { amountCaptured: 9_000 },
    });
  });

  // docs/pos-api/cancel-payment.md: the new CANCEL record, SUCCESS = accepted.
  it('cancel-payment.md: the CANCEL record confirms the void', () => {
    expect(pp.parse(ctx('void'), reply(load('cancel.response.json')))).toEqual({
      kind: 'approved',
      approval: { operationRef: '987e6543-e21b-45d3-b678-526614174999' },
    });
  });

  // docs/pos-api/payment-status.md: a SUCCESS record is a hold; by our reading (sandbox README) it shows
  // neither a capture (that reads CAPTURED) nor a cancel (CANCELLED).
  it('payment-status.md: the looked-up record settles a preauth, and proves no capture or cancel', () => {
    const r = reply(load('status.response.json'));
    expect(pp.parseLookup!(ctx('preauth'), r)).toMatchObject({
      kind: 'found',
      outcome: { kind: 'approved', approval: { providerRef: PAYMENT_ID, amountAuthorized: 10_050 } },
    });
    expect(pp.parseLookup!(ctx('capture', { amount: 9_000 }), r)).toEqual({ kind: 'not_found' });
    expect(pp.parseLookup!(ctx('void'), r)).toEqual({ kind: 'not_found' });
  });

  // docs/pos-api/refund-payment.md: PENDING_APPROVAL (status and resultCode) is queued, never final.
  it('refund-payment.md: PENDING_APPROVAL is read as still pending, whatever the operation', () => {
    for (const kind of ['preauth', 'capture', 'void'] as const)
      expect(pp.parse(ctx(kind), reply(load('refund.response.json'))).kind).toBe('pending');
  });

  // cancel-payment.md reads error.message; docs/introduction/intro.md (money-transfer API) restHeader.message.
  it('error bodies: the message is kept from either documented shape', () => {
    expect(pp.parse(ctx('void'), reply(load('cancel.error.json')))).toEqual({
      kind: 'rejected',
      code: 'provider_rejected',
      message: 'PayPorter refused the request (400): Only same-day transactions can be cancelled',
      fieldErrors: [],
    });
    expect(pp.parse(ctx('void'), reply(load('money-transfer.error.json')))).toMatchObject({
      kind: 'rejected',
      message: 'PayPorter refused the request (406): string: string',
    });
  });
});
