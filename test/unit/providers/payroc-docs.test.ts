// Docs conformance for Payroc: the request and response examples of Payroc's own SDKs (payroc-sdk-js
// wire tests and reference.md, payroc-sdk-python wiremock mappings, both generated from Payroc's API
// definition) and of payroc/skills, each a fixture naming its source, against what the connector
// builds and how it parses. Paths in the SDK examples are relative to the SDK's API base
// https://api.payroc.com/v1 (src/environments.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PayrocTerminalSettings } from '../../../bridge/providers/payroc/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { payrocConnector } from '../../../bridge/providers/payroc/connector.js';
import type { HttpReply, HttpRequestSpec, OperationContext } from '../../../bridge/core/connector.js';

interface DocRequest {
  source: string;
  example: 'request';
  method: string;
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}
interface DocResponse {
  source: string;
  example: 'response';
  endpoint: string;
  status: number;
  body: unknown;
}
type Obj = Record<string, unknown>;

const DIR = new URL('../../fixtures/docs/payroc/', import.meta.url);
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as T;
const reply = (r: DocResponse): HttpReply => ({
  status: r.status,
  headers: { 'content-type': 'application/json' },
  body: r.body,
});

const config = parseConfig({
  providers: {
    payroc: {
      api_key: 'k',
      api_url: 'https://api.payroc.com/v1',
      identity_url: 'https://identity.payroc.com/authorize',
    },
  },
}).providers.payroc!;
const payroc = payrocConnector(config, 'x-api-key');

interface Values {
  orderId?: string;
  amount?: number;
  currency?: string;
  terminal?: string;
  channel?: string;
  operator?: string | null;
  providerRef?: string | null;
  opAmount?: number | null;
}

function ctx(kind: OperationContext['kind'], v: Values = {}): OperationContext<PayrocTerminalSettings> {
  return {
    kind,
    transaction: {
      id: v.orderId ?? 'OrderRef6543',
      reference: 'r',
      currency: v.currency ?? 'USD',
      amountRequested: v.amount ?? 4999,
      amountAuthorized: v.amount ?? 4999,
      providerRef: v.providerRef === undefined ? 'M2MJOG6O2Y' : v.providerRef,
      providerRefs: {},
      operator: v.operator === undefined ? 'Jane' : v.operator,
      expiresAt: null,
      createdAt: '2024-07-02T15:30:00Z',
    },
    operation: {
      id: 'op1',
      amount: v.opAmount ?? null,
      idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324',
      providerRef: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: {
      id: 't',
      currency: null,
      settings: storedSettings(payroc, {
        processing_terminal_id: v.terminal ?? '1234001',
        channel: v.channel ?? 'web',
      }),
    },
    now: '2024-07-02T15:30:00Z',
    card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2030, cvv: '123' },
  };
}

/** The documented path, made absolute against the SDK's API base unless it already is. */
const docPath = (p: string) => (p.startsWith('/v1/') ? p : `/v1${p}`);
/** A copy of `o` without the dotted paths in `drop`. */
function without(o: Obj, drop: readonly string[]): Obj {
  const copy = structuredClone(o);
  for (const path of drop) {
    const keys = path.split('.');
    let at: Obj | undefined = copy;
    for (const k of keys.slice(0, -1)) at = at?.[k] as Obj | undefined;
    if (at) delete at[keys[keys.length - 1]!];
  }
  return copy;
}

/**
 * The built request against a documented one: same method and path, and the documented body equal to
 * ours once the optional fields we do not send (`omitted`) are left out of it and the optional fields
 * only we send (`added`, each allowed by the SDK type named in the test) are left out of ours.
 */
function expectSameRequest(
  built: HttpRequestSpec,
  doc: DocRequest,
  omitted: readonly string[] = [],
  added: readonly string[] = [],
) {
  expect(built.method).toBe(doc.method);
  expect(new URL(built.url).pathname).toBe(docPath(doc.path));
  if (doc.body !== undefined) expect(without(built.body as Obj, added)).toEqual(without(doc.body, omitted));
}

describe('payroc: every example is a fixture with its source', () => {
  it('each fixture names where it comes from', () => {
    const names = readdirSync(DIR).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(28);
    for (const n of names)
      expect(load<{ source: string }>(n).source).toMatch(
        /^https:\/\/github\.com\/payroc\/(payroc-sdk-js|payroc-sdk-python|skills)\/blob\/[0-9a-f]{40}\//,
      );
  });
});

describe('payroc: requests equal the documented examples', () => {
  // skills run-a-pre-authorization/references/api-schema.md, worked example. `keyedData.device` is
  // optional (PlainTextKeyedDataFormat.ts: device?) and a card keyed at a PC comes from no Payroc device.
  it('keyed plain-text pre-authorisation (skills worked example)', () => {
    const built = payroc.build(
      ctx('preauth', {
        orderId: 'ORDER-001',
        amount: 10_000,
        terminal: '1234567',
        channel: 'moto',
        operator: null,
        providerRef: null,
      }),
    );
    expectSameRequest(built, load('create-keyed.request.json'), ['paymentMethod.cardDetails.keyedData.device']);
    expect(built.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  // payroc-sdk-js tests/wire payments.test.ts "create (1)" (raw device data) and "create (2)" (Apple
  // Pay): the same top level; the payment method is the keyed card variant (CardPayloadCardDetails.ts).
  // Left out, all optional in PaymentRequest.ts: customer, customFields, order.description. Added, both
  // optional there too: autoCapture and processAsSale, false for a pre-authorisation.
  it.each(['create-raw.request.json', 'create-wallet.request.json'])(
    'SDK create example %s: same top-level fields',
    (name) => {
      const doc = load<DocRequest>(name);
      const built = payroc.build(
        ctx('preauth', { orderId: (doc.body!.order as Obj).orderId as string, providerRef: null }),
      );
      expectSameRequest(
        built,
        { ...doc, body: without(doc.body!, ['paymentMethod']) },
        ['customer', 'customFields', 'order.description'],
        ['autoCapture', 'processAsSale', 'paymentMethod'],
      );
      expect((built.body as Obj).paymentMethod).toMatchObject({ type: 'card', cardDetails: { entryMethod: 'keyed' } });
      expect(built.headers['idempotency-key']).toBe(doc.headers!['Idempotency-Key']);
    },
  );

  // "capture (1)": breakdown is optional (PaymentCapture.ts).
  it('capture of an amount (SDK "capture (1)")', () => {
    expectSameRequest(payroc.build(ctx('capture', { opAmount: 4999 })), load('capture.request.json'), ['breakdown']);
  });

  // "capture (2)": {} captures the total. We add processingTerminalId, optional in PaymentCapture.ts.
  it('full capture (SDK "capture (2)")', () => {
    expectSameRequest(
      payroc.build(ctx('capture', { providerRef: 'paymentId', operator: null })),
      load('capture-full.request.json'),
      [],
      ['processingTerminalId'],
    );
  });

  // "adjust (1)": the order adjustment carries the total (OrderAdjustment.ts "Total amount of the
  // transaction"); the customer adjustment of the example is another optional item we never send.
  it('order adjustment (SDK "adjust (1)")', () => {
    const doc = load<DocRequest>('adjust.request.json');
    const built = payroc.build(ctx('adjust', { opAmount: 4999, operator: null }));
    expectSameRequest(built, {
      ...doc,
      body: { adjustments: (doc.body!.adjustments as Obj[]).filter((a) => a.type === 'order') },
    });
  });

  // refunds.test.ts "reverse (1)" sends {amount: 4999}; the void reverses in full, which PaymentReversal.ts
  // says is what omitting amount does. "reverse (2)" is that empty body.
  it('reversal (SDK "reverse (1)", "reverse (2)")', () => {
    expectSameRequest(payroc.build(ctx('void', { operator: null })), load('reverse.request.json'), ['amount']);
    expectSameRequest(
      payroc.build(ctx('void', { providerRef: 'paymentId', operator: null })),
      load('reverse-full.request.json'),
    );
  });

  // reference.md retrieve, and list with ListPaymentsRequest.ts's query parameters.
  it('lookups: retrieve by paymentId, list by orderId with documented parameters only', () => {
    expectSameRequest(payroc.lookup!(ctx('capture'))!, load('retrieve.request.json'));
    const list = load<DocRequest>('list.request.json');
    const url = new URL(payroc.lookup!(ctx('preauth', { providerRef: null }))!.url);
    expect(url.pathname).toBe(docPath(list.path));
    for (const name of url.searchParams.keys()) expect(Object.keys(list.query!)).toContain(name);
    expect(url.searchParams.get('orderId')).toBe('OrderRef6543');
  });

  // tests/wire/mockAuth.ts: POST /authorize with x-api-key.
  it('identity request (SDK mockAuth)', () => {
    const doc = load<DocRequest>('identity.request.json');
    const t = payroc.authFor!(ctx('preauth').terminal)!.tokenRequest();
    expect(t.method).toBe(doc.method);
    expect(new URL(t.url).pathname).toBe(doc.path);
    expect(t.headers['x-api-key']).toBe(doc.headers!['x-api-key']);
  });
});

describe('payroc: every documented response is read', () => {
  it('identity (wiremock "Request an access token")', () => {
    expect(payroc.authFor!(ctx('preauth').terminal)!.parseToken(reply(load('identity.response.json')))).toEqual({
      accessToken: 'access_token',
      expiresInMs: 1_000,
    });
  });

  // wire "create (1)"/"create (2)": type sale, status ready, A, capture offered: a hold (skills
  // run-a-pre-authorization SKILL.md: "a common authorization success is status ready with A").
  it.each([
    ['create.response.json', 'M2MJOG6O2Y', '453985******7062'],
    ['create-wallet.response.json', 'J9VULKIKFP', '500165******0000'],
  ])('%s: an authorised hold', (name, paymentId, maskedPan) => {
    const r = load<DocResponse>(name);
    expect(r.status).toBe(201);
    expect(payroc.parse(ctx('preauth', { providerRef: null }), reply(r))).toMatchObject({
      kind: 'approved',
      approval: {
        providerRef: paymentId,
        providerRefs: { paymentId, processingTerminalId: '1234001' },
        amountAuthorized: 4999,
        authCode: 'OK3',
        card: { brand: 'mastercard', maskedPan, entryMode: 'keyed' },
      },
    });
  });

  it('adjust, capture, reverse answers confirm their operation', () => {
    expect(payroc.parse(ctx('adjust', { opAmount: 4999 }), reply(load('adjust.response.json')))).toMatchObject({
      kind: 'approved',
      approval: { amountAuthorized: 4999 },
    });
    expect(payroc.parse(ctx('capture', { opAmount: 4999 }), reply(load('capture.response.json')))).toMatchObject({
      kind: 'approved',
      approval: { amountCaptured: 4999 },
    });
    expect(payroc.parse(ctx('void'), reply(load('reverse.response.json')))).toMatchObject({
      kind: 'approved',
      approval: { providerRef: 'M2MJOG6O2Y' },
    });
  });

  // Retrieved payment: status ready with capture offered is a hold, neither captured nor reversed; the
  // reverse example's status "reversal" proves the void.
  it('retrieve: settles a preauth; tells a capture or void apart', () => {
    const r = reply(load('retrieve.response.json'));
    expect(payroc.parseLookup!(ctx('preauth'), r)).toMatchObject({ kind: 'found', outcome: { kind: 'approved' } });
    expect(payroc.parseLookup!(ctx('capture', { opAmount: 4999 }), r)).toEqual({ kind: 'not_found' });
    expect(payroc.parseLookup!(ctx('void'), r)).toEqual({ kind: 'not_found' });
    expect(payroc.parseLookup!(ctx('void'), reply(load('reverse.response.json')))).toMatchObject({
      kind: 'found',
      outcome: { kind: 'approved' },
    });
  });

  // wiremock "List payments": sales whose supportedOperations lack capture. Found by orderId, such a
  // payment is never taken for our hold, and another order's payment is never ours.
  it('list: reads the page, matches only our orderId, and does not mistake a sale for a hold', () => {
    const r = reply(load('list.response.json'));
    expect(payroc.parseLookup!(ctx('preauth', { providerRef: null, orderId: 'OrderRef6543' }), r)).toMatchObject({
      kind: 'found',
      outcome: { kind: 'unknown' },
    });
    expect(payroc.parseLookup!(ctx('preauth', { providerRef: null, orderId: 'pa-not-listed' }), r)).toEqual({
      kind: 'not_found',
    });
  });

  // Every error status the SDK's raw clients handle for create (400, 401, 403, 406, 409, 415, 500) and
  // capture's 404, with the SDK's example bodies (placeholders, and {key: value} for 403).
  it.each([
    ['error-create-400.response.json', 'rejected'],
    ['error-create-401.response.json', 'rejected'],
    ['error-create-403.response.json', 'rejected'],
    ['error-create-406.response.json', 'rejected'],
    ['error-create-409.response.json', 'unknown'],
    ['error-create-415.response.json', 'rejected'],
    ['error-create-500.response.json', 'unknown'],
    ['error-capture-404.response.json', 'rejected'],
  ] as const)('%s → %s', (name, kind) => {
    expect(payroc.parse(ctx('preauth', { providerRef: null }), reply(load(name))).kind).toBe(kind);
  });

  it('401 and 403 are our credentials, not the request', () => {
    for (const name of ['error-create-401.response.json', 'error-create-403.response.json'])
      expect(payroc.parse(ctx('preauth'), reply(load(name)))).toMatchObject({ code: 'provider_error' });
  });

  // skills error-response-format.md, the verified UAT 400: errors[].parameter names the field.
  it('verified 400: field errors from errors[].parameter and message', () => {
    expect(payroc.parse(ctx('preauth'), reply(load('error-400-verified.response.json')))).toEqual({
      kind: 'rejected',
      code: 'provider_rejected',
      message:
        'Payroc refused the request (400): One or more validation errors occurred, see error section for more info',
      fieldErrors: [{ field: 'country', message: "The 'country' field is required" }],
    });
  });
});
