// Docs conformance for SmartRetry: every request and response example on SmartRetry's pages under
// https://www.smartretry.com/docs/ is a fixture in test/fixtures/docs/smartretry/ (its page in `source`,
// the page's file in github.com/smartretry/docs in `source_file`). The connector's requests are
// compared with the documented ones field by field; every documented answer goes through parse or
// parseLookup with a stated outcome.
// Not stored as fixtures: the recurring/* and future-transactions/* pages (posbridge calls none of those
// endpoints) and integration/sdks (library calls, not HTTP exchanges).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SmartRetryTerminalSettings } from '../../../bridge/providers/smartretry/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import type { Outcome } from '../../../bridge/core/outcome.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { smartRetryConnector } from '../../../bridge/providers/smartretry/connector.js';
import type { HttpReply, HttpRequestSpec, LookupStep, OperationContext } from '../../../bridge/core/connector.js';

type Json = Record<string, unknown>;
interface Fixture {
  source: string;
  source_file: string;
  example: 'request' | 'response' | 'response-headers' | 'request-fragment' | 'status-object' | 'webhook';
  endpoint: string;
  method?: string;
  url?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: Json;
  body_from?: string;
}

const DIR = new URL('../../fixtures/docs/smartretry/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (name: string): Fixture => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Fixture;
const covered = new Set<string>();
const use = (name: string): Fixture => {
  covered.add(name);
  return load(name);
};

const cfg = parseConfig({ providers: { smartretry: { api_key: 'k', poll_ms: 500 } } }).providers.smartretry!;
// The documented placeholder key, so the header equals the example's.
const sr = smartRetryConnector(cfg, 'YOUR_API_KEY');

interface CtxInput {
  kind: OperationContext['kind'];
  id?: string;
  amount?: number;
  currency?: string;
  opId?: string;
  opAmount?: number | null;
  key?: string;
  holder?: boolean;
  cvv?: boolean;
  opRef?: string | null;
}
function ctx(i: CtxInput): OperationContext<SmartRetryTerminalSettings> {
  return {
    kind: i.kind,
    transaction: {
      id: i.id ?? 'preauth-20260331-001',
      reference: 'ref',
      currency: i.currency ?? 'USD',
      amountRequested: i.amount ?? 4999,
      amountAuthorized: i.amount ?? 4999,
      providerRef: 'TX8A3F2C',
      providerRefs: { transaction_id: 'TX8A3F2C', order_id: 'OR7B9E1D' },
      operator: null,
      expiresAt: null,
      createdAt: '2026-03-31T14:22:10Z',
    },
    operation: {
      id: i.opId ?? 'op1',
      amount: i.opAmount ?? null,
      idempotencyKey: i.key ?? 'unused',
      providerRef: i.opRef ?? null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: { id: 'web', currency: null, settings: storedSettings(sr, { terminal_friendly_id: 'ABC123' }) },
    now: '2026-03-31T14:22:13Z',
    card: {
      number: '4111111111111111',
      expiry_month: 12,
      expiry_year: 2027,
      ...(i.cvv === false ? {} : { cvv: '123' }),
      ...(i.holder === false ? {} : { holder_name: 'Jane Doe' }),
    },
  };
}

/** Every leaf of a JSON body by its dotted path. */
function leaves(v: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, child] of Object.entries(v))
      for (const [p, x] of leaves(child, prefix ? `${prefix}.${k}` : k)) out.set(p, x);
  } else out.set(prefix, v);
  return out;
}

/** The body fields payments/sale documents (the preauth body "is identical to the sale request body"). */
const SALE_FIELDS = new Set([
  'merchant_transaction_id',
  'amount',
  'currency',
  'order.merchant_order_id',
  'order.payment_instrument.card_number',
  'order.payment_instrument.expiry_month',
  'order.payment_instrument.expiry_year',
  'order.payment_instrument.payment_method',
  'order.payment_instrument.card_cardholder_name',
  'order.payer.first_name',
  'order.payer.last_name',
  'order.payer.email',
  'order.description',
  'token',
  'cvv',
  'description',
  'order_id',
  'payer_request_ip_address',
]);

/** Documented fields we do not send, and why. */
const NOT_SENT: Readonly<Record<string, string>> = {
  'order.payer.first_name':
    'optional (payments/sale marks no `required` on payer); a POS gives no payer name or e-mail',
  'order.payer.last_name': 'as order.payer.first_name',
  'order.payer.email': 'as order.payer.first_name',
};
/** Documented fields we send with a value of our own, and why. */
const OWN_VALUE: Readonly<Record<string, string>> = {
  'order.merchant_order_id': 'our transaction id: one order per pre-authorisation',
  'order.description': 'names the POS reference ("posbridge <reference>")',
};

const lower = (h: Readonly<Record<string, string>> = {}) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

function expectHeaders(built: HttpRequestSpec, doc: Fixture) {
  const ours = lower(built.headers);
  for (const [name, value] of Object.entries(lower(doc.headers)))
    expect(ours[name], `header ${name} (${doc.source})`).toBe(value);
}

/** The built body against a documented one: same value, or a listed reason; nothing undocumented sent. */
function expectSameBody(built: unknown, doc: Fixture) {
  const ours = leaves(built);
  const theirs = leaves(doc.body);
  for (const [path, value] of theirs) {
    if (path in NOT_SENT) expect(ours.has(path), `${path} is not sent: ${NOT_SENT[path]}`).toBe(false);
    else if (path in OWN_VALUE) expect(typeof ours.get(path), `${path}: ${OWN_VALUE[path]}`).toBe(typeof value);
    else expect(ours.get(path), `${path} (${doc.source})`).toEqual(value);
  }
  // A field the example leaves out must still be one payments/sale documents.
  for (const path of ours.keys())
    if (!theirs.has(path)) expect(SALE_FIELDS.has(path), `${path} is documented on payments/sale`).toBe(true);
}

describe('smartretry docs: every fixture names its page', () => {
  it.each(FILES)('%s', (name) => {
    const f = load(name);
    expect(f.source).toMatch(/^https:\/\/www\.smartretry\.com\/docs\/[a-z/-]+$/);
    expect(f.source_file).toMatch(/^https:\/\/github\.com\/smartretry\/docs\/blob\/[0-9a-f]{40}\/.+\.mdx$/);
  });
});

describe('smartretry docs: our requests equal the documented ones', () => {
  it('preauth (api-reference/payments/preauth)', () => {
    const doc = use('preauth.request.json');
    const built = sr.build(ctx({ kind: 'preauth', key: 'preauth-20260331-001' }));
    expect([built.method, built.url]).toEqual([doc.method, doc.url]);
    expectHeaders(built, doc);
    expectSameBody(built.body, doc);
  });

  it('the preauth body against the sale examples, which it is identical to (payments/sale, api-reference/idempotency)', () => {
    for (const [name, id, holder] of [
      ['sale.request.json', 'order-20260331-001', true],
      ['idempotency.request.json', 'order-20260401-001', false],
    ] as const) {
      const doc = use(name);
      const built = sr.build(ctx({ kind: 'preauth', id, holder, cvv: name === 'sale.request.json' }));
      expect(new URL(built.url).pathname.replace('/preauth/', '/sale/')).toBe(new URL(doc.url!).pathname);
      expectSameBody(built.body, doc);
    }
  });

  it('capture (api-reference/payments/capture)', () => {
    const doc = use('capture.request.json');
    const built = sr.build(
      ctx({ kind: 'capture', opId: 'capture-20260331-001', opAmount: 4999, key: 'capture-20260331-001' }),
    );
    expect([built.method, built.url]).toEqual([doc.method, doc.url]);
    expectHeaders(built, doc);
    expect(built.body).toEqual(doc.body);
  });

  it('void (api-reference/payments/void)', () => {
    const doc = use('void.request.json');
    const built = sr.build(ctx({ kind: 'void', key: 'void-20260331-001' }));
    expect([built.method, built.url]).toEqual([doc.method, doc.url]);
    expectHeaders(built, doc);
    expect(built.body).toEqual(doc.body);
  });

  it('status (api-reference/payments/status)', () => {
    const doc = use('status.request.json');
    const built = sr.lookup!(ctx({ kind: 'preauth' }))!;
    expect([built.method, built.url, built.body]).toEqual([doc.method, doc.url, undefined]);
    expectHeaders(built, doc);
  });

  it('the headers and fields of the shorter examples (overview, authentication)', () => {
    const built = sr.build(ctx({ kind: 'preauth', id: 'txn_001', amount: 1999 }));
    const overview = use('overview.request.json');
    expect({ ...(built.body as Json) }).toMatchObject(overview.body!);
    expect(lower(built.headers)['content-type']).toBe(lower(overview.headers)['content-type']);
    const auth = use('authentication.request.json');
    expectHeaders(built, auth);
  });

  it('examples that put payment_instrument (and cvv) elsewhere: we follow payments/sale and payments/preauth', () => {
    // quickstart, integration/rest-api and integration/terminals put payment_instrument and payer at the top
    // level; integration/payment-methods puts cvv inside payment_instrument. The endpoint pages nest the
    // instrument in `order` and send cvv at the top level; every field those examples show is in our body
    // at the endpoint pages' place, with the same type.
    const built = leaves(sr.build(ctx({ kind: 'preauth' })).body);
    const place = (path: string) =>
      path === 'payment_instrument.cvv' ? 'cvv' : path.startsWith('payment_instrument.') ? `order.${path}` : path;
    for (const name of [
      'quickstart.request.json',
      'rest-api.request.json',
      'terminals.request.json',
      'payment-methods.card.json',
    ]) {
      const doc = use(name);
      for (const [path, value] of leaves(doc.body)) {
        if (path.startsWith('payer.')) continue; // NOT_SENT, as order.payer
        expect(typeof built.get(place(path)), `${name}: ${path}`).toBe(typeof value);
      }
    }
    // A stored token is a repeat-customer feature; posbridge always sends the card it is given.
    expect(leaves(use('payment-methods.token.json').body).has('payment_instrument.token')).toBe(true);
    expect([...built.keys()].some((p) => p.endsWith('token'))).toBe(false);
  });

  it('endpoints posbridge does not call', () => {
    // payments/refund: posbridge captures and voids pre-authorisations, it does not refund.
    // api-reference/health: not used as a probe; the sandbox serves them (test/integration/smartretry-sandbox.test.ts).
    for (const name of [
      'refund.request.json',
      'health.request.json',
      'health-ready.request.json',
      'health-live.request.json',
    ]) {
      expect(['refund', 'health', 'health-ready', 'health-live']).toContain(use(name).endpoint);
    }
  });
});

const reply = (f: Fixture, body: unknown = f.body): HttpReply => ({
  status: f.status ?? 200,
  headers: lower(f.headers),
  body,
});
const found = (step: LookupStep): Outcome => {
  if (step.kind !== 'found') throw new Error(`expected found, got ${step.kind}`);
  return step.outcome;
};

describe('smartretry docs: every documented answer is read', () => {
  it('the accepted answers are pending, with the ids (preauth, sale, capture, void, refund, overview, quickstart, rest-api)', () => {
    for (const [name, kind] of [
      ['preauth.200.json', 'preauth'],
      ['sale.200.json', 'preauth'],
      ['overview.response.json', 'preauth'],
      ['quickstart.response.json', 'preauth'],
      ['rest-api.response.json', 'preauth'],
      ['capture.200.json', 'capture'],
      ['void.200.json', 'void'],
      ['refund.200.json', 'capture'],
      ['idempotency.first-response.json', 'preauth'],
    ] as const) {
      const f = use(name);
      const body = f.body as { transaction_id: string; order_id: string };
      const approval =
        kind === 'preauth'
          ? {
              providerRef: body.transaction_id,
              providerRefs: { transaction_id: body.transaction_id, order_id: body.order_id },
            }
          : { operationRef: body.transaction_id };
      expect(sr.parse(ctx({ kind }), reply(f)), name).toEqual({ kind: 'pending', pollAfterMs: 500, approval });
    }
  });

  it('a replayed answer reads as the first one (api-reference/idempotency, api-reference/rate-limiting headers)', () => {
    const first = use('idempotency.first-response.json');
    const replay = use('idempotency.replay.json');
    expect(replay.body_from).toBe('idempotency.first-response.json');
    const rate = use('rate-limiting.headers.json');
    const expected = sr.parse(ctx({ kind: 'preauth' }), reply(first));
    expect(sr.parse(ctx({ kind: 'preauth' }), reply({ ...replay, body: first.body }))).toEqual(expected);
    expect(sr.parse(ctx({ kind: 'preauth' }), { ...reply(first), headers: lower(rate.headers) })).toEqual(expected);
  });

  it("the endpoint pages' 400 examples are refusals", () => {
    for (const [name, kind] of [
      ['preauth.400.json', 'preauth'],
      ['sale.400.json', 'preauth'],
      ['capture.400.json', 'capture'],
      ['void.400.json', 'void'],
      ['refund.400.json', 'capture'],
      ['rest-api.error.json', 'preauth'],
    ] as const) {
      const f = use(name);
      expect(sr.parse(ctx({ kind }), reply(f)), name).toMatchObject({
        kind: 'rejected',
        code: 'provider_rejected',
        message: expect.stringContaining(String((f.body as Json).reason_code)),
      });
    }
  });

  it("the errors page's examples (api-reference/errors, authentication, api-reference/rate-limiting)", () => {
    const parse = (name: string) => sr.parse(ctx({ kind: 'preauth' }), reply(use(name)));
    expect(parse('errors.401.json')).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    expect(parse('authentication.401.json')).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    expect(parse('errors.400.json')).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
      fieldErrors: [{ field: 'amount', message: expect.any(String) }],
    });
    expect(parse('errors.404.json')).toMatchObject({ kind: 'rejected', code: 'provider_rejected', fieldErrors: [] });
    expect(parse('errors.429.json')).toEqual({
      kind: 'retryable',
      notSent: true,
      reason: 'smartretry RATE_LIMIT_EXCEEDED',
      retryAfterMs: 30_000,
    });
    expect(parse('rate-limiting.429.json')).toEqual({
      kind: 'retryable',
      notSent: true,
      reason: 'smartretry RATE_LIMIT_EXCEEDED',
      retryAfterMs: 1_000,
    });
    expect(parse('errors.409.json')).toMatchObject({ kind: 'unknown' });
    expect(parse('errors.503.json')).toMatchObject({ kind: 'unknown' });
  });

  it('the status answer: approved, with the card rebuilt from card_bin and card_card_last_four_digit (api-reference/payments/status)', () => {
    const f = use('status.200.json');
    expect(found(sr.parseLookup!(ctx({ kind: 'preauth' }), reply(f)))).toEqual({
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

  it('"not found" in both documented forms (payments/status 400, api-reference/errors 404)', () => {
    expect(sr.parseLookup!(ctx({ kind: 'preauth' }), reply(use('status.400.json')))).toEqual({ kind: 'not_found' });
    expect(sr.parseLookup!(ctx({ kind: 'preauth' }), reply(use('errors.404.json')))).toEqual({ kind: 'not_found' });
  });

  it('the status objects of concepts/transaction-statuses and integration/webhooks, inside the status answer', () => {
    const answer = use('status.200.json');
    const withStatus = (status: unknown) => reply(answer, { ...answer.body, status });
    // A DECLINED with no retry pending is final.
    expect(
      found(sr.parseLookup!(ctx({ kind: 'preauth' }), withStatus(use('transaction-statuses.status-object.json').body))),
    ).toMatchObject({ kind: 'declined', code: 'insufficient_funds' });
    const hook = use('webhooks.payload.json').body as { data: { status: unknown } };
    expect(found(sr.parseLookup!(ctx({ kind: 'preauth' }), withStatus(hook.data.status)))).toMatchObject({
      kind: 'approved',
    });
  });

  it('health answers are not read by the connector (the sandbox serves them)', () => {
    for (const name of [
      'health.200.json',
      'health.503.json',
      'health-ready.200.json',
      'health-ready.503.json',
      'health-live.200.json',
    ])
      expect(use(name).example).toBe('response');
  });
});

describe('smartretry docs: coverage', () => {
  it('every fixture was used by a test above', () => {
    expect(FILES.filter((f) => !covered.has(f))).toEqual([]);
  });
});
