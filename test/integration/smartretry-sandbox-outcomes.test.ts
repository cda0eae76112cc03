// The SmartRetry sandbox's outcomes over loopback HTTP, on a clock the test moves: the status answer in
// the documented shape, soft declines approved (or not) on SmartRetry's automatic retry, capture and void
// rules with the documented reason codes, and the health endpoints. Each test names its source page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SMARTRETRY_API_KEY, startSmartRetrySandbox } from '../../bridge/sandbox/smartretry/server.js';
import { http } from '../helpers/http.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/docs/smartretry/${name}`, import.meta.url), 'utf8')) as {
    body: Record<string, unknown>;
  };
const keys = (v: unknown) => Object.keys(v as object).sort();

let clock = Date.UTC(2030, 2, 17, 12, 0, 0);
const PROCESSING_MS = 100;
const RETRY_MS = 60_000;
let sb: Awaited<ReturnType<typeof startSmartRetrySandbox>>;
beforeAll(async () => {
  sb = await startSmartRetrySandbox(0, {
    now: () => clock,
    processingMs: PROCESSING_MS,
    unknownMs: 1_000,
    retryMs: RETRY_MS,
  });
});
afterAll(async () => {
  await sb.close();
});

const preauth = (mtid: string, amount = 49.99) => ({
  merchant_transaction_id: mtid,
  amount,
  currency: 'USD',
  order: {
    merchant_order_id: `order-${mtid}`,
    description: `Stay ${mtid}`,
    payment_instrument: {
      card_number: '4111111111111111',
      expiry_month: 12,
      expiry_year: 2035,
      payment_method: 'cards',
      card_cardholder_name: 'Jane Doe',
    },
    payer: { first_name: 'Jane', last_name: 'Doe', email: 'jane.doe@example.com' },
  },
  cvv: '123',
});
const post = (path: string, body: unknown) =>
  http('POST', `${sb.url}${path}`, { body, headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY } });
const status = async (id: string) =>
  (
    await http('GET', `${sb.url}/v1/payments/status/SBX001/${id}`, {
      headers: { 'x-api-key': SANDBOX_SMARTRETRY_API_KEY },
    })
  ).body;
const advance = (ms: number) => {
  clock += ms;
};
const approvedPreauth = async (mtid: string, amount = 100) => {
  const p = await post('/v1/payments/preauth/SBX001', preauth(mtid, amount));
  advance(PROCESSING_MS);
  return { transaction_reference_id: p.body.transaction_id as string, order_reference_id: p.body.order_id as string };
};

describe('smartretry sandbox: the status answer', () => {
  it('is PROCESSING, then APPROVED, with every field of the documented example', async () => {
    // api-reference/payments/status (example and field list), concepts/transaction-types (`type` values)
    const r = await post('/v1/payments/preauth/SBX001', preauth('shape-1'));
    expect(keys(r.body)).toEqual(keys(fixture('preauth.200.json').body));
    expect(r.body.transaction_id).toHaveLength(8);
    expect(r.body.order_id).toHaveLength(8);
    expect((await status(r.body.transaction_id)).status).toMatchObject({
      status: 'PROCESSING',
      reasonCode: 'SYSTEM.PROCESSING',
    });
    advance(PROCESSING_MS);
    const s = await status(r.body.transaction_id);
    const doc = fixture('status.200.json').body as {
      order: { payer: object; payment_instrument: object };
      status: object;
    };
    // The example's fields, except provider_order_id (the downstream provider's reference: there is none here).
    expect(keys(s)).toEqual(keys(doc));
    expect(keys(s.status)).toEqual(keys(doc.status));
    expect(keys(s.order)).toEqual(keys(doc.order).filter((k) => k !== 'provider_order_id'));
    expect(keys(s.order.payer)).toEqual(keys(doc.order.payer));
    expect(keys(s.order.payment_instrument)).toEqual([...keys(doc.order.payment_instrument), 'card_profile'].sort());
    expect(s).toMatchObject({
      type: 'preauth',
      amount: 49.99,
      currency: 'USD',
      attempt_number: 1,
      status: { status: 'APPROVED', reasonCode: 'AUTH.APPROVED', domain: 'AUTH' },
      order: {
        order_id: r.body.order_id,
        merchant_order_id: 'order-shape-1',
        description: 'Stay shape-1',
        payer: { first_name: 'Jane', last_name: 'Doe', email_username: 'jane.doe', email_domain: 'example.com' },
        payment_instrument: {
          payment_method: 'cards',
          card_cardholder_name: 'Jane Doe',
          card_card_last_four_digit: '1111',
          card_bin: '411111',
          expiration_date: '2035-12-31T00:00:00Z',
          card_profile: { brand: { name: 'Visa' }, panLength: 16 },
        },
      },
    });
    expect(s.order.payment_instrument.token).toHaveLength(88);
    expect(s.authorization_code).toEqual(expect.any(String));
    // "Full card numbers are never returned."
    expect(JSON.stringify(s)).not.toContain('4111111111111111');
  });

  it('settles the magic amounts as documented statuses', async () => {
    // api-reference/payments/status ("Status values", "Status domains"), concepts/decline-codes
    const cases: Array<[number, string, string, number]> = [
      [51.01, 'DECLINED', 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS', 3],
      [51.02, 'DECLINED', 'AUTH.DO_NOT_HONOR', 1],
      [51.03, 'ERROR', 'PROCESSOR.SYSTEM_ERROR', 1],
      [51.04, 'UNKNOWN', 'PROCESSOR.PROVIDER_TIMEOUT', 1],
    ];
    const ids = [];
    for (const [amount] of cases)
      ids.push(
        (await post('/v1/payments/preauth/SBX001', preauth(`magic-${amount}`, amount))).body.transaction_id as string,
      );
    advance(PROCESSING_MS);
    for (const [i, [, st, reasonCode, attempt]] of cases.entries()) {
      const s = await status(ids[i]!);
      expect({
        status: s.status.status,
        reasonCode: s.status.reasonCode,
        attempt: s.attempt_number,
        retry: s.retry_scheduled,
      }).toEqual({ status: st, reasonCode, attempt, retry: undefined });
      expect(s.authorization_code).toBeUndefined();
    }
    advance(1_000);
    expect((await status(ids[3]!)).status.status).toBe('APPROVED');
  });
});

describe('smartretry sandbox: accepted: false', () => {
  it('51.08 is answered 200 with accepted: false, and its status is DECLINED at once', async () => {
    // api-reference/errors ("a 200 with "accepted": false means the transaction was declined"); the amount is ours
    const r = await post('/v1/payments/preauth/SBX001', preauth('not-accepted', 51.08));
    expect([r.status, r.body.accepted]).toEqual([200, false]);
    expect((await status(r.body.transaction_id)).status).toMatchObject({
      status: 'DECLINED',
      reasonCode: 'RISK.DECLINED',
      domain: 'RISK',
    });
  });
});

describe('smartretry sandbox: soft declines and the automatic retry', () => {
  // integration/webhooks (transaction.retry_scheduled "for a soft decline"), concepts/decline-codes
  // (INSUFFICIENT_FUNDS is retried), api-reference/payments/status (attempt_number). The retry markers are
  // the sandbox's assumption (README.md): the status page documents none.
  it('51.06 declines, says a retry is scheduled, and is approved on attempt 2', async () => {
    const r = await post('/v1/payments/preauth/SBX001', preauth('soft-ok', 51.06));
    advance(PROCESSING_MS);
    const declined = await status(r.body.transaction_id);
    expect(declined).toMatchObject({
      attempt_number: 1,
      status: { status: 'DECLINED', reasonCode: 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS' },
      retry_scheduled: true,
      next_retry_at: new Date(clock + RETRY_MS).toISOString(),
    });
    const ledger = async () =>
      (await http('GET', `${sb.url}/__sandbox/ledger`)).body.holds.find(
        (h: { reference: string }) => h.reference === 'soft-ok',
      );
    expect((await ledger()).state).toBe('pending');
    advance(RETRY_MS);
    expect(await status(r.body.transaction_id)).toMatchObject({ attempt_number: 2, status: { status: 'PROCESSING' } });
    advance(PROCESSING_MS);
    const approved = await status(r.body.transaction_id);
    expect(approved).toMatchObject({ attempt_number: 2, status: { status: 'APPROVED' } });
    expect(approved.retry_scheduled).toBeUndefined();
    expect((await ledger()).state).toBe('authorized');
  });

  it('51.07 declines again on the retry: a final DECLINED on attempt 2, with no retry pending', async () => {
    const r = await post('/v1/payments/preauth/SBX001', preauth('soft-no', 51.07));
    advance(PROCESSING_MS);
    expect((await status(r.body.transaction_id)).retry_scheduled).toBe(true);
    advance(RETRY_MS + PROCESSING_MS);
    const s = await status(r.body.transaction_id);
    expect(s).toMatchObject({ attempt_number: 2, status: { status: 'DECLINED' } });
    expect([s.retry_scheduled, s.next_retry_at]).toEqual([undefined, undefined]);
    expect(
      (await http('GET', `${sb.url}/__sandbox/ledger`)).body.holds.some(
        (h: { reference: string }) => h.reference === 'soft-no',
      ),
    ).toBe(false);
  });
});

describe('smartretry sandbox: capture and void', () => {
  it('captures once, up to the authorised amount, answering as payments/capture shows', async () => {
    // api-reference/payments/capture (400 AMOUNT_EXCEEDS_AUTHORIZED example; "can only be captured once" → 400)
    const refs = await approvedPreauth('cap-1');
    const over = await post('/v1/payments/capture/SBX001', { ...refs, merchant_transaction_id: 'c1', amount: 100.01 });
    expect([over.status, over.body.reason_code]).toEqual([400, 'AMOUNT_EXCEEDS_AUTHORIZED']);
    const ok = await post('/v1/payments/capture/SBX001', { ...refs, merchant_transaction_id: 'c1', amount: 60 });
    expect(keys(ok.body)).toEqual(keys(fixture('capture.200.json').body));
    expect(ok.body).toMatchObject({ order_id: refs.order_reference_id, merchant_transaction_id: 'c1', accepted: true });
    const again = await post('/v1/payments/capture/SBX001', { ...refs, merchant_transaction_id: 'c2' });
    expect([again.status, again.body.reason_code]).toEqual([400, 'ALREADY_FULLY_CAPTURED']);
    const voidAfter = await post('/v1/payments/void/SBX001', refs);
    expect([voidAfter.status, voidAfter.body.reason_code]).toEqual([400, 'TRANSACTION_ALREADY_CAPTURED']);
    advance(PROCESSING_MS);
    expect(await status(ok.body.transaction_id)).toMatchObject({
      type: 'capture',
      amount: 60,
      status: { status: 'APPROVED' },
    });
    const hold = (await http('GET', `${sb.url}/__sandbox/ledger`)).body.holds.find(
      (h: { reference: string }) => h.reference === 'cap-1',
    );
    expect(hold).toMatchObject({ amount: 10_000, captured: 6_000, state: 'captured', currency: 'USD' });
  });

  it('voids an approved pre-auth: no merchant_transaction_id in the answer, the pre-auth turns CANCELLED', async () => {
    // api-reference/payments/void (answer without merchant_transaction_id), api-reference/payments/status
    // (CANCELLED: "cancelled (e.g., by a void)")
    const refs = await approvedPreauth('void-1');
    const v = await post('/v1/payments/void/SBX001', refs);
    expect(keys(v.body)).toEqual(keys(fixture('void.200.json').body));
    advance(PROCESSING_MS);
    expect(await status(v.body.transaction_id)).toMatchObject({ type: 'void', status: { status: 'APPROVED' } });
    expect((await status(refs.transaction_reference_id)).status.status).toBe('CANCELLED');
    const capture = await post('/v1/payments/capture/SBX001', refs);
    expect([capture.status, capture.body.reason_code]).toEqual([400, 'CAPTURE_NOT_ALLOWED_VOIDED']);
    const twice = await post('/v1/payments/void/SBX001', refs);
    expect([twice.status, twice.body.reason_code]).toEqual([400, 'TRANSACTION_ALREADY_VOIDED']);
  });

  it('refuses follow-ups on what cannot take them, with the reason codes of the OpenAPI catalogue', async () => {
    const pending = await post('/v1/payments/preauth/SBX001', preauth('not-yet'));
    const notYet = await post('/v1/payments/capture/SBX001', {
      transaction_reference_id: pending.body.transaction_id,
      order_reference_id: pending.body.order_id,
    });
    expect([notYet.status, notYet.body.reason_code]).toEqual([400, 'ORIGINAL_TRANSACTION_NOT_APPROVED']);
    const refs = await approvedPreauth('wrong-order');
    const wrongOrder = await post('/v1/payments/void/SBX001', { ...refs, order_reference_id: 'ORXXXXXX' });
    expect([wrongOrder.status, wrongOrder.body.reason_code, wrongOrder.body.context.field]).toEqual([
      400,
      'ORDER_ID_DID_NOT_MATCH_REFERENCED_TRANSACTION_ORDER_ID',
      'order_reference_id',
    ]);
    const unknown = await post('/v1/payments/capture/SBX001', {
      transaction_reference_id: 'TXNOPE00',
      order_reference_id: 'ORNOPE00',
    });
    expect([unknown.status, unknown.body.reason_code]).toEqual([404, 'TRANSACTION_NOT_FOUND']);
  });
});

describe('smartretry sandbox: health endpoints', () => {
  it('answers /health/, /health/ready and /health/live without a key, in the documented shapes', async () => {
    // api-reference/health ("Health endpoints do not require authentication")
    for (const [path, name] of [
      ['/health/', 'health.200.json'],
      ['/health/ready', 'health-ready.200.json'],
      ['/health/live', 'health-live.200.json'],
    ]) {
      const r = await http('GET', `${sb.url}${path!}`);
      expect(r.status).toBe(200);
      expect(keys(r.body)).toEqual(keys(fixture(name!).body));
      expect(r.body.status).toBe(fixture(name!).body.status);
    }
  });
});
