// PayPorter through the localhost API: synchronous holds, partial capture, same-day cancel, and what
// can and cannot be learned after a lost answer (no idempotency, no lookup by order id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({
    // The exchanges are read back raw below: keep their bodies (by default they are compacted at the end).
    retention: { compact_after_ms: 86_400_000 },
    providers: {
      payporter: {
        api_url: 'x',
        api_key: 'x',
        api_secret: 'x',
        request_ip: '10.1.2.3',
        request_port: 1,
        timeout_ms: 1000,
        connect_timeout_ms: 500,
      },
    },
  });
});
afterAll(async () => {
  await d.stop();
});

const T = 'sandbox-payporter';
const CARD = { number: '4111111111111111', expiry_month: 4, expiry_year: 2032, cvv: '916', holder_name: 'Ayse Yilmaz' };
const body = (reference: string, amount = 10_050) =>
  preauthBody(reference, amount, { terminal_id: T, currency: 'TRY', card: CARD });
const url = () => d.daemon.sandboxes!.urls.payporter!;
const ledger = async (reference: string) =>
  (
    (await http('GET', `${url()}/__sandbox/ledger`)).body.holds as {
      reference: string;
      state: string;
      amount: number;
      captured: number;
    }[]
  ).filter((h) => h.reference === reference);
const faults = (f: unknown[], path: string) =>
  http('POST', `${url()}/__sandbox/faults`, { body: { faults: f, method: 'POST', path_prefix: path } });

describe('PayPorter', () => {
  // The sandbox answers the capture "status": "SUCCESS" as commitup/api-doc-v2 docs/pos-api/capture-auth.md
  // shows; the bridge must report it captured (it used to accept only CAPTURED).
  it('preauth → partial capture, with requestIp/requestPort from the configuration', async () => {
    const r = await d.call('POST', '/v1/preauths', body('pp-1'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'authorized',
      amount_authorized: 10_050,
      currency: 'TRY',
      card: { brand: 'visa', masked_pan: '411111******1111' },
    });
    const sent = d.daemon.store.db
      .prepare(
        `SELECT request_json FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ?`,
      )
      .pluck()
      .get(r.body.id) as string;
    const recorded = JSON.parse(sent).body;
    expect(recorded).toMatchObject({
      orderId: r.body.id,
      amount: 100.5,
      currency: 'TRY',
      requestIp: '127.0.0.1',
      pan: '411111******1111',
      expiryMonth: '[redacted]',
      expiryYear: '[redacted]',
    });
    expect(recorded).not.toHaveProperty('cvv');
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 7_500 });
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 7_500 });
    expect(await ledger(r.body.id)).toEqual([
      expect.objectContaining({ state: 'captured', amount: 10_050, captured: 7_500 }),
    ]);
  });

  it('preauth → void (same-day cancel)', async () => {
    const r = await d.call('POST', '/v1/preauths', body('pp-2'));
    const v = await d.call('POST', `/v1/preauths/${r.body.id}/void`);
    expect(v.body.state).toBe('voided');
    expect(await ledger(r.body.id)).toEqual([expect.objectContaining({ state: 'voided' })]);
  });

  // The docs give no decline codes (commitup/api-doc-v2 pre-auth.md: resultCode is "from the payment
  // provider"; examples show only SUCCESS and PENDING_APPROVAL): every FAILED is card_declined, with
  // PayPorter's own message kept for a person.
  it("declines are card_declined with PayPorter's resultMessage", async () => {
    const r = await d.call('POST', '/v1/preauths', body('pp-d1', 5101));
    expect(r.body).toMatchObject({ code: 'card_declined', detail: expect.stringContaining('Insufficient funds') });
    expect((await d.call('POST', '/v1/preauths', body('pp-d3', 5103))).body).toMatchObject({
      code: 'card_declined',
      detail: expect.stringContaining('Expired card'),
    });
  });

  it('refuses, before writing, a card without the holder name or CVV PayPorter requires', async () => {
    const r = await d.call('POST', '/v1/preauths', {
      ...body('pp-nocvv'),
      card: { number: CARD.number, expiry_month: 4, expiry_year: 2032 },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['card.holder_name', 'card.cvv']);
    expect((await d.call('GET', '/v1/preauths?reference=pp-nocvv')).body.data).toHaveLength(0);
  });

  it('delay: approved', async () => {
    await faults([{ kind: 'delay', ms: 200 }], '/api/pre-authorization');
    expect((await d.call('POST', '/v1/preauths', body('pp-delay'))).body.state).toBe('authorized');
  });

  for (const [kind, holds] of [
    ['http_500', 0],
    ['close_before', 0],
    ['close_after', 1],
    ['slow_after', 1],
  ] as const) {
    it(`${kind} on the preauth: nothing can tell what happened, so it is unresolved at once (${holds} hold at PayPorter), never resent`, async () => {
      await faults([kind === 'slow_after' ? { kind, ms: 2000 } : { kind }], '/api/pre-authorization');
      const r = await d.call('POST', '/v1/preauths', body(`pp-${kind}`));
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({ state: 'unresolved', result: 'unknown', final: false });
      expect(await ledger(r.body.id)).toHaveLength(holds);
      const posts = (await http('GET', `${url()}/__sandbox/requests`)).body.requests.filter(
        (q: { method: string; path: string }) => q.method === 'POST' && q.path === '/api/pre-authorization',
      );
      expect(posts.length).toBeGreaterThan(0);
      expect(
        d.daemon.store.attempts.forOperation(d.daemon.store.operations.byTransaction(r.body.id)[0]!.id),
      ).toHaveLength(1);
    });
  }

  it('a capture whose answer was lost is found captured by lookup, not captured twice', async () => {
    const r = await d.call('POST', '/v1/preauths', body('pp-cap-lost'));
    await faults([{ kind: 'close_after' }], `/api/pre-authorization/${r.body.provider_reference}/capture`);
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 5_000 });
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 5_000 });
    expect(await ledger(r.body.id)).toEqual([expect.objectContaining({ captured: 5_000 })]);
  });

  it('a capture that provably never arrived is reported as such after the look-up window', async () => {
    const r = await d.call('POST', '/v1/preauths', body('pp-cap-500'));
    await faults([{ kind: 'http_500' }], `/api/pre-authorization/${r.body.provider_reference}/capture`);
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 5_000 }, { prefer: 'respond-async' });
    const op = await eventually(async () => {
      const g = await d.call('GET', `/v1/preauths/${r.body.id}`);
      const cap = g.body.operations.find((o: { kind: string }) => o.kind === 'capture');
      return cap.state === 'failed' ? { tx: g.body, cap } : undefined;
    }, 20_000);
    expect(c.status).toBe(202);
    expect(op.cap.error.code).toBe('interrupted');
    expect(op.tx.state).toBe('authorized');
    const again = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 5_000 });
    expect(again.body.state).toBe('captured');
  });
});
