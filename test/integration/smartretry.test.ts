// SmartRetry through the localhost API: asynchronous acceptance, status polling, both ids kept, the card
// from the status answer, soft declines retried by SmartRetry, accepted:false as a decline, idempotent
// resends, and every fault kind. Sources: https://www.smartretry.com/docs/api-reference/… (named per test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({
    // The exchanges are read back raw below: keep their bodies (by default they are compacted at the end).
    retention: { compact_after_ms: 86_400_000 },
    providers: { smartretry: { api_key: 'set-by-sandbox', timeout_ms: 1000, connect_timeout_ms: 500 } },
  });
});
afterAll(async () => {
  await d.stop();
});

const T = 'sandbox-smartretry';
const body = (reference: string, amount = 4_999) => preauthBody(reference, amount, { terminal_id: T });
const sandboxUrl = () => d.daemon.sandboxes!.urls.smartretry!;
const ledger = async (reference: string) =>
  (
    (await http('GET', `${sandboxUrl()}/__sandbox/ledger`)).body.holds as {
      reference: string;
      state: string;
      amount: number;
      captured: number;
    }[]
  ).filter((h) => h.reference === reference);
const faults = (f: unknown[], path: string) =>
  http('POST', `${sandboxUrl()}/__sandbox/faults`, { body: { faults: f, method: 'POST', path_prefix: path } });
const attempts = (txId: string, kind = 'preauth') =>
  d.daemon.store.db
    .prepare(
      `SELECT a.purpose || ':' || a.outcome_kind AS step FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ? AND o.kind = ? ORDER BY a.id`,
    )
    .pluck()
    .all(txId, kind) as string[];
/** The status answers the engine read for a transaction's preauth, in order. */
const statusAnswers = (txId: string) =>
  (
    d.daemon.store.db
      .prepare(
        `SELECT a.response_json FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ? AND o.kind = 'preauth' AND a.purpose = 'lookup' AND a.response_status = 200 ORDER BY a.id`,
      )
      .pluck()
      .all(txId) as string[]
  ).map((j) => JSON.parse(j) as { attempt_number: number; status: { status: string }; retry_scheduled?: boolean });

describe('SmartRetry', () => {
  it('preauth → capture: accepted is not approved; the status is polled; both ids are kept', async () => {
    // https://www.smartretry.com/docs/api-reference/payments/preauth; the masked card comes from card_bin and
    // card_card_last_four_digit of https://www.smartretry.com/docs/api-reference/payments/status
    const r = await d.call('POST', '/v1/preauths', body('sr-1'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'authorized',
      amount_authorized: 4_999,
      card: { masked_pan: '411111******1111' },
    });
    expect(Object.keys(r.body.provider_references).sort()).toEqual(['order_id', 'transaction_id']);
    expect(attempts(r.body.id)[0]).toBe('send:pending');
    expect(attempts(r.body.id).at(-1)).toBe('lookup:approved');
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 4_000 });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 4_000 });
    expect(await ledger(r.body.id)).toEqual([
      expect.objectContaining({ state: 'captured', amount: 4_999, captured: 4_000 }),
    ]);
  });

  it('preauth → void', async () => {
    const r = await d.call('POST', '/v1/preauths', body('sr-2'));
    const v = await d.call('POST', `/v1/preauths/${r.body.id}/void`);
    expect(v.body.state).toBe('voided');
    expect(await ledger(r.body.id)).toEqual([expect.objectContaining({ state: 'voided' })]);
  });

  it('a void whose answer is lost is settled by looking up the void, or the pre-auth it cancels', async () => {
    // https://www.smartretry.com/docs/api-reference/payments/void, .../payments/status (CANCELLED "e.g., by a void")
    const r = await d.call('POST', '/v1/preauths', body('sr-void-lost'));
    await faults([{ kind: 'close_after' }], '/v1/payments/void');
    const v = await d.call('POST', `/v1/preauths/${r.body.id}/void`);
    const done =
      v.body.state === 'voided'
        ? v.body
        : await eventually(async () => {
            const g = await d.call('GET', `/v1/preauths/${r.body.id}`);
            return g.body.state === 'voided' ? g.body : undefined;
          });
    expect(done.state).toBe('voided');
    expect(attempts(r.body.id, 'void')[0]).toBe('send:unknown');
    expect(await ledger(r.body.id)).toEqual([expect.objectContaining({ state: 'voided' })]);
    // Any resend reused the void's one Idempotency-Key, so SmartRetry holds one void however it was learned.
    const key = d.daemon.store.operations.byTransaction(r.body.id).find((o) => o.kind === 'void')!.idempotency_key;
    const sent = (await http('GET', `${sandboxUrl()}/__sandbox/requests`)).body.requests.filter(
      (q: { path: string; idempotency_key: string }) =>
        q.path.startsWith('/v1/payments/void') && q.idempotency_key === key,
    );
    expect(sent.length).toBeGreaterThanOrEqual(1);
  });

  it('a decline comes from the status, with the reason mapped to our code', async () => {
    const r = await d.call('POST', '/v1/preauths', body('sr-decline', 5101));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ code: 'insufficient_funds', transaction: { state: 'declined' } });
  });

  it("a soft decline with a retry scheduled is polled on, and approved on SmartRetry's automatic retry", async () => {
    // https://www.smartretry.com/docs/integration/webhooks (transaction.retry_scheduled), .../api-reference/payments/status (attempt_number)
    const r = await d.call('POST', '/v1/preauths', body('sr-soft-ok', 5106));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'authorized', amount_authorized: 5_106 });
    const seen = statusAnswers(r.body.id);
    expect(
      seen.some((s) => s.status.status === 'DECLINED' && s.retry_scheduled === true && s.attempt_number === 1),
    ).toBe(true);
    expect(seen.at(-1)).toMatchObject({ attempt_number: 2, status: { status: 'APPROVED' } });
    expect(attempts(r.body.id).at(-1)).toBe('lookup:approved');
    expect(await ledger(r.body.id)).toEqual([expect.objectContaining({ state: 'authorized' })]);
  });

  it('a DECLINED with no retry pending is final, also after a retry', async () => {
    // https://www.smartretry.com/docs/api-reference/payments/status; faq/troubleshooting in github.com/smartretry/docs
    const r = await d.call('POST', '/v1/preauths', body('sr-soft-no', 5107));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ code: 'insufficient_funds', transaction: { state: 'declined' } });
    expect(statusAnswers(r.body.transaction.id).at(-1)).toMatchObject({
      attempt_number: 2,
      status: { status: 'DECLINED' },
    });
  });

  it('accepted: false is a decline, not a provider error', async () => {
    // https://www.smartretry.com/docs/api-reference/errors ("a 200 with "accepted": false means the transaction was declined")
    const r = await d.call('POST', '/v1/preauths', body('sr-not-accepted', 5108));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ code: 'card_declined', transaction: { state: 'declined' } });
    expect(attempts(r.body.transaction.id)).toEqual(['send:declined']);
  });

  it('adjust is refused before anything is sent (SmartRetry has no increment)', async () => {
    const r = await d.call('POST', '/v1/preauths', body('sr-adj'));
    const a = await d.call('POST', `/v1/preauths/${r.body.id}/adjust`, { amount: 6_000 });
    expect(a.status).toBe(422);
    expect(a.body.code).toBe('operation_not_supported');
  });

  it('UNKNOWN keeps being polled until it settles', async () => {
    const r = await d.call('POST', '/v1/preauths', body('sr-unknown', 5104));
    // Depending on timing the POS hears 201 or, still not known, 202 with result unknown; either way polling goes on.
    expect([201, 202]).toContain(r.status);
    const id = r.body.id as string;
    const done = await eventually(async () => {
      const g = await d.call('GET', `/v1/preauths/${id}`);
      return g.body.state === 'authorized' ? g.body : undefined;
    });
    expect(done.amount_authorized).toBe(5_104);
    expect(attempts(id)).toContain('lookup:unknown');
  });

  it('a validation error from SmartRetry keeps its field errors', async () => {
    const r = await d.call('POST', '/v1/preauths', body('sr-invalid', 5105));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'provider_rejected', transaction: { state: 'failed' } });
    // https://www.smartretry.com/docs/api-reference/errors (INVALID_AMOUNT, context.field)
    expect(r.body.detail).toMatch(/INVALID_AMOUNT/);
    const outcome = d.daemon.store.db
      .prepare(
        `SELECT a.outcome_json FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ?`,
      )
      .pluck()
      .get(r.body.transaction.id) as string;
    expect(JSON.parse(outcome)).toMatchObject({ kind: 'rejected', fieldErrors: [{ field: 'amount' }] });
  });

  for (const fault of [
    { kind: 'delay', ms: 200 },
    { kind: 'http_500' },
    { kind: 'close_before' },
    { kind: 'close_after' },
    { kind: 'slow_after', ms: 2500 },
  ]) {
    it(`fault ${fault.kind}: authorised once, never two holds`, async () => {
      await faults([fault], '/v1/payments/preauth');
      const r = await d.call('POST', '/v1/preauths', body(`sr-${fault.kind}`));
      const tx = r.body.id ?? r.body.transaction?.id;
      const settled = await eventually(async () => {
        const g = await d.call('GET', `/v1/preauths/${tx}`);
        return g.body.state === 'authorized' ? g.body : undefined;
      });
      expect(settled.state).toBe('authorized');
      expect(await ledger(tx)).toHaveLength(1);
      // Every resend reused the operation's one Idempotency-Key.
      const keys = new Set(
        (await http('GET', `${sandboxUrl()}/__sandbox/requests`)).body.requests
          .filter(
            (q: { path: string; idempotency_key: string }) =>
              q.path.startsWith('/v1/payments/preauth') &&
              q.idempotency_key === d.daemon.store.operations.byTransaction(tx)[0]!.idempotency_key,
          )
          .map((q: { idempotency_key: string }) => q.idempotency_key),
      );
      expect(keys.size).toBe(1);
    });
  }
});
