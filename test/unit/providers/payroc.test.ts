// Payroc connector: requests asserted field by field, recorded responses replayed through parse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PayrocTerminalSettings } from '../../../bridge/providers/payroc/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { payrocConnector, PAYROC_CAPABILITIES } from '../../../bridge/providers/payroc/connector.js';
import type { HttpReply, OperationContext } from '../../../bridge/core/connector.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { redact } from '../../../bridge/core/redact.js';

const config = parseConfig({
  providers: {
    payroc: {
      api_key: 'k',
      api_url: 'https://api.uat.payroc.com/v1/',
      identity_url: 'https://identity.uat.payroc.com/authorize',
    },
  },
}).providers.payroc!;
const payroc = payrocConnector(config, 'secret-api-key');

function fixture(name: string): HttpReply {
  const f = JSON.parse(readFileSync(new URL(`../../fixtures/payroc/${name}`, import.meta.url), 'utf8')) as {
    status: number;
    body: unknown;
  };
  return { status: f.status, headers: { 'content-type': 'application/json' }, body: f.body };
}

function ctx(
  kind: OperationContext['kind'],
  over: Partial<OperationContext['transaction']> = {},
  amount: number | null = null,
): OperationContext<PayrocTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'pa0123456789abcdefghjk',
      reference: 'room-101',
      currency: 'USD',
      amountRequested: 4999,
      amountAuthorized: 4999,
      providerRef: 'M2MJOG6O2Y',
      providerRefs: {},
      operator: 'desk-1',
      expiresAt: null,
      createdAt: '2026-01-01T10:00:00.000Z',
      ...over,
    },
    operation: {
      id: 'op1',
      amount,
      idempotencyKey: '8e03978e-40d5-43e8-bc93-6894a57f9324',
      providerRef: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: {
      id: 'front',
      currency: null,
      settings: storedSettings(payroc, { processing_terminal_id: '1234001', channel: 'moto' }),
    },
    now: '2026-03-13T15:11:04.000Z',
    card: { number: '4111111111111111', expiry_month: 3, expiry_year: 2030, cvv: '123', holder_name: 'Sarah Hopper' },
  };
}

describe('payroc connector: requests', () => {
  it('creates a pre-authorisation: autoCapture and processAsSale false, our id as orderId, keyed plain text card', () => {
    const req = payroc.build(ctx('preauth', { providerRef: null }));
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://api.uat.payroc.com/v1/payments');
    expect(req.auth).toBe('bearer');
    expect(req.headers['idempotency-key']).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(req.body).toEqual({
      channel: 'moto',
      processingTerminalId: '1234001',
      operator: 'desk-1',
      order: { orderId: 'pa0123456789abcdefghjk', amount: 4999, currency: 'USD' },
      paymentMethod: {
        type: 'card',
        cardDetails: {
          entryMethod: 'keyed',
          keyedData: { dataFormat: 'plainText', cardNumber: '4111111111111111', expiryDate: '0330', cvv: '123' },
          cardholderName: 'Sarah Hopper',
        },
      },
      autoCapture: false,
      processAsSale: false,
    });
  });

  it('refuses to build a preauth without card data', () => {
    const c = { ...ctx('preauth', { providerRef: null }) };
    delete (c as { card?: unknown }).card;
    expect(() => payroc.build(c)).toThrow(expect.objectContaining({ code: 'card_required' }));
  });

  it('adjusts with an order adjustment carrying the new total', () => {
    const req = payroc.build(ctx('adjust', {}, 15000));
    expect(req.url).toBe('https://api.uat.payroc.com/v1/payments/M2MJOG6O2Y/adjust');
    expect(req.body).toEqual({ adjustments: [{ type: 'order', amount: 15000 }], operator: 'desk-1' });
  });

  it('captures an explicit amount with the processing terminal, reverses for void', () => {
    expect(payroc.build(ctx('capture', {}, 4000)).body).toEqual({
      processingTerminalId: '1234001',
      amount: 4000,
      operator: 'desk-1',
    });
    const v = payroc.build(ctx('void'));
    expect(v.url).toBe('https://api.uat.payroc.com/v1/payments/M2MJOG6O2Y/reverse');
    expect(v.body).toEqual({ operator: 'desk-1' });
  });

  it('looks up by orderId before the paymentId is known, by paymentId after', () => {
    expect(payroc.lookup!(ctx('preauth', { providerRef: null }))?.url).toBe(
      'https://api.uat.payroc.com/v1/payments?orderId=pa0123456789abcdefghjk&limit=10',
    );
    expect(payroc.lookup!(ctx('capture'))?.url).toBe('https://api.uat.payroc.com/v1/payments/M2MJOG6O2Y');
  });

  it('gets its token with x-api-key from the identity service', () => {
    const auth = payroc.authFor!(ctx('preauth').terminal)!;
    const t = auth.tokenRequest();
    expect(t).toMatchObject({ method: 'POST', url: 'https://identity.uat.payroc.com/authorize', auth: 'none' });
    expect(t.headers['x-api-key']).toBe('secret-api-key');
    expect(
      auth.parseToken({
        status: 200,
        headers: {},
        body: { access_token: 'eyJ', expires_in: 3600, token_type: 'Bearer' },
      }),
    ).toEqual({ accessToken: 'eyJ', expiresInMs: 3_600_000 });
    expect(auth.cacheKey).not.toContain('secret');
  });

  it('leaves no card number, CVV or key in what is recorded of a request', () => {
    const text = JSON.stringify(redact(payroc.build(ctx('preauth', { providerRef: null }))));
    expect(text).not.toMatch(/4111111111111111|"123"|secret-api-key/);
  });

  it('declares its capabilities', () => {
    expect(PAYROC_CAPABILITIES).toMatchObject({
      idempotencyKey: true,
      statusLookup: true,
      adjust: true,
      mode: 'sync',
      cardPresence: 'card_not_present',
    });
  });
});

describe('payroc connector: recorded responses', () => {
  it("reads the guide's approval as an authorised hold", () => {
    expect(payroc.parse(ctx('preauth'), fixture('create-approved.seed.json'))).toEqual({
      kind: 'approved',
      approval: {
        providerRef: 'M2MJOG6O2Y',
        providerRefs: { paymentId: 'M2MJOG6O2Y', processingTerminalId: '1234001' },
        authCode: 'OK3',
        amountAuthorized: 4999,
        card: { brand: 'mastercard', maskedPan: '453985******7062', entryMode: 'keyed' },
      },
    });
  });

  it('treats the UAT example (type sale, status pending, code A, no supportedOperations) as approved', () => {
    expect(payroc.parse(ctx('preauth'), fixture('create-approved-uat.seed.json')).kind).toBe('approved');
  });

  it('reads a capture answer', () => {
    const o = payroc.parse(ctx('capture', { amountAuthorized: 12346 }, 6532), fixture('capture-uat.seed.json'));
    expect(o).toMatchObject({ kind: 'approved', approval: { amountCaptured: 6532 } });
  });

  it('declines, waits on "processed later", and does not trust an approval that cannot be captured', () => {
    expect(payroc.parse(ctx('preauth'), fixture('create-declined.json'))).toMatchObject({
      kind: 'declined',
      code: 'card_declined',
    });
    expect(payroc.parse(ctx('preauth'), fixture('create-processing-later.json'))).toMatchObject({ kind: 'pending' });
    expect(payroc.parse(ctx('preauth'), fixture('create-sale-not-capturable.json')).kind).toBe('unknown');
  });

  // payroc-sdk-js src/api/types/TransactionResult.ts: processorResponseCode is "Original response code
  // that the processor sent": kept in the decline message for a person.
  it("passes the processor's own code on with a decline", () => {
    const f = fixture('create-declined.json');
    const body = f.body as { transactionResult: Record<string, unknown> };
    const declined = {
      ...f,
      body: { ...body, transactionResult: { ...body.transactionResult, processorResponseCode: '05' } },
    };
    expect(payroc.parse(ctx('preauth'), declined)).toMatchObject({
      kind: 'declined',
      code: 'card_declined',
      message: 'DECLINED (processor code 05)',
    });
  });

  it('maps errors: 400 with field errors, 409 key in use and 500 as unknown, 429 as retryable', () => {
    expect(payroc.parse(ctx('preauth'), fixture('error-bad-request.json'))).toEqual({
      kind: 'rejected',
      code: 'provider_rejected',
      message:
        'Payroc refused the request (400): One or more validation errors occurred, see error section for more info',
      fieldErrors: [{ field: 'order.amount', message: "The 'order.amount' field is required" }],
    });
    expect(payroc.parse(ctx('preauth'), fixture('error-idempotency-key-in-use.json')).kind).toBe('unknown');
    expect(payroc.parse(ctx('preauth'), fixture('error-api-error.json')).kind).toBe('unknown');
    expect(payroc.parse(ctx('preauth'), { status: 429, headers: { 'retry-after': '3' }, body: undefined })).toEqual({
      kind: 'retryable',
      notSent: true,
      reason: 'payroc rate limit (429)',
      retryAfterMs: 3000,
    });
    expect(payroc.parse(ctx('preauth'), { status: 200, headers: {}, body: 'oops' }).kind).toBe('unknown');
  });

  it('finds a payment by order id, and only ours', () => {
    const p = fixture('create-approved.seed.json').body as { order: { orderId: string } };
    const mine = { ...p, order: { ...p.order, orderId: 'pa0123456789abcdefghjk' } };
    const c = ctx('preauth', { providerRef: null });
    expect(payroc.parseLookup!(c, { status: 200, headers: {}, body: { data: [mine] } })).toMatchObject({
      kind: 'found',
      outcome: { kind: 'approved' },
    });
    expect(payroc.parseLookup!(c, { status: 200, headers: {}, body: { data: [p] } })).toEqual({ kind: 'not_found' });
    expect(payroc.parseLookup!(c, { status: 200, headers: {}, body: { data: [mine, mine] } }).kind).toBe(
      'inconclusive',
    );
    expect(payroc.parseLookup!(c, { status: 503, headers: {}, body: undefined }).kind).toBe('inconclusive');
  });

  it('tells from a looked-up payment whether a capture or void took effect', () => {
    const seed = fixture('create-approved.seed.json').body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const captured = { ...seed, supportedOperations: ['refund', 'fullyReverse'] };
    const reversed = {
      ...seed,
      transactionResult: { ...seed.transactionResult, status: 'reversal' },
      supportedOperations: [],
    };
    expect(payroc.parseLookup!(ctx('capture', {}, 4999), { status: 200, headers: {}, body: seed })).toEqual({
      kind: 'not_found',
    });
    expect(payroc.parseLookup!(ctx('capture', {}, 4999), { status: 200, headers: {}, body: captured }).kind).toBe(
      'found',
    );
    expect(payroc.parseLookup!(ctx('void'), { status: 200, headers: {}, body: seed })).toEqual({ kind: 'not_found' });
    expect(payroc.parseLookup!(ctx('void'), { status: 200, headers: {}, body: reversed }).kind).toBe('found');
  });
});
