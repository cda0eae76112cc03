// Every fault the sandbox can script ends in the right outcome, and never in two holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';

let d: TestDaemon;
// A 1 s provider timeout so that "slower than the client's timeout" is quick to produce.
beforeAll(async () => {
  d = await startTestDaemon({
    providers: { payroc: { api_key: 'set-by-sandbox', timeout_ms: 1000, connect_timeout_ms: 500 } },
  });
});
afterAll(async () => {
  await d.stop();
});

function attemptsOf(transactionId: string) {
  return d.daemon.store.db
    .prepare(
      `SELECT a.purpose, a.outcome_kind, o.kind FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ? ORDER BY a.id`,
    )
    .all(transactionId) as { purpose: string; outcome_kind: string; kind: string }[];
}

async function postsFor(idempotencyKey: string) {
  const log = (await http('GET', `${d.sandboxUrl}/__sandbox/requests`)).body.requests as {
    method: string;
    idempotency_key: string | null;
  }[];
  return log.filter((r) => r.method === 'POST' && r.idempotency_key === idempotencyKey).length;
}

async function preauthWithFault(reference: string, fault: Record<string, unknown>) {
  await d.faults([fault], { method: 'POST', path_prefix: '/v1/payments' });
  const r = await d.call('POST', '/v1/preauths', preauthBody(reference));
  const holds = (await d.ledger()).filter((h) => h.reference === r.body.id);
  const key = d.daemon.store.operations.byTransaction(r.body.id)[0]!.idempotency_key;
  return { r, holds, attempts: attemptsOf(r.body.id), sends: await postsFor(key) };
}

describe('faults on the preauth', () => {
  it('delay shorter than the timeout: approved on the first attempt', async () => {
    const { r, holds, attempts } = await preauthWithFault('f-delay', { kind: 'delay', ms: 300 });
    expect(r.status).toBe(201);
    expect(holds).toHaveLength(1);
    expect(attempts).toEqual([{ purpose: 'send', outcome_kind: 'approved', kind: 'preauth' }]);
  });

  it('HTTP 500 without processing: unknown, looked up (nothing), resent with the same key, approved once', async () => {
    const { r, holds, attempts, sends } = await preauthWithFault('f-500', { kind: 'http_500' });
    expect(r.body.state).toBe('authorized');
    expect(holds).toHaveLength(1);
    expect(attempts.map((a) => `${a.purpose}:${a.outcome_kind}`)).toEqual([
      'send:unknown',
      'lookup:not_found',
      'send:approved',
    ]);
    expect(sends).toBe(2);
  });

  it('connection closed before processing: unknown, then resent with the same key, one hold', async () => {
    const { r, holds, attempts } = await preauthWithFault('f-close-before', { kind: 'close_before' });
    expect(r.body.state).toBe('authorized');
    expect(holds).toHaveLength(1);
    expect(attempts.map((a) => `${a.purpose}:${a.outcome_kind}`)).toEqual([
      'send:unknown',
      'lookup:not_found',
      'send:approved',
    ]);
  });

  it('connection closed after processing: unknown, found by lookup, never sent again', async () => {
    const { r, holds, attempts, sends } = await preauthWithFault('f-close-after', { kind: 'close_after' });
    expect(r.body.state).toBe('authorized');
    expect(holds).toHaveLength(1);
    expect(attempts.map((a) => `${a.purpose}:${a.outcome_kind}`)).toEqual(['send:unknown', 'lookup:approved']);
    expect(sends).toBe(1);
  });

  it('answer slower than the timeout after processing: unknown, found by lookup, one hold', async () => {
    const { r, holds, attempts, sends } = await preauthWithFault('f-slow-after', { kind: 'slow_after', ms: 2500 });
    expect(r.body.state).toBe('authorized');
    expect(holds).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ purpose: 'send', outcome_kind: 'unknown' });
    expect(attempts.at(-1)).toMatchObject({ purpose: 'lookup', outcome_kind: 'approved' });
    expect(sends).toBe(1);
  });

  it('processing slower than the timeout: the resend with the same key joins the first, one hold', async () => {
    const { r, holds, attempts } = await preauthWithFault('f-delay-long', { kind: 'delay', ms: 2500 });
    expect(r.body.state).toBe('authorized');
    expect(holds).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ purpose: 'send', outcome_kind: 'unknown' });
  });

  it('a provider that never answers sensibly: unresolved with an alert, never a guess, and still asked until it answers', async () => {
    await d.faults(
      Array.from({ length: 20 }, () => ({ kind: 'http_500' })),
      { method: 'POST', path_prefix: '/v1/payments' },
    );
    const r = await d.call('POST', '/v1/preauths', preauthBody('f-always-500'));
    // Not known is not failed: 202, final false, result unknown — never a 5xx the POS would read as failed.
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ state: 'unresolved', final: false, result: 'unknown' });
    expect(r.body.message).toMatch(/do not start it again with a new reference or another card/i);
    expect((await d.ledger()).filter((h) => h.reference === r.body.id)).toHaveLength(0);
    const alerts = d.daemon.store.events
      .since(0, 10_000)
      .filter((e) => e.type === 'alert.unresolved' && e.transaction_id === r.body.id);
    expect(alerts).toHaveLength(1);
    // Payroc can be asked (lookup, resend with the same key): once it answers, the hold is known — once.
    await d.faults([], { replace: true });
    const settled = await eventually(async () => {
      const g = await d.call('GET', `/v1/preauths/${r.body.id}`);
      return g.body.state === 'authorized' ? g.body : undefined;
    });
    expect(settled).toMatchObject({ amount_authorized: 10_000, result: 'approved', final: true });
    expect((await d.ledger()).filter((h) => h.reference === r.body.id)).toHaveLength(1);
  });
});

describe('faults on follow-ups', () => {
  it('capture answered with a closed connection after processing: found captured, not captured twice', async () => {
    const created = await d.call('POST', '/v1/preauths', preauthBody('f-cap'));
    await d.faults([{ kind: 'close_after' }], {
      method: 'POST',
      path_prefix: `/v1/payments/${created.body.provider_reference}/capture`,
    });
    const cap = await d.call('POST', `/v1/preauths/${created.body.id}/capture`, { amount: 6_000 });
    expect(cap.body).toMatchObject({ state: 'captured', amount_captured: 6_000 });
    expect((await d.ledger()).filter((h) => h.reference === created.body.id)).toEqual([
      expect.objectContaining({ state: 'captured', captured: 6_000 }),
    ]);
    const capAttempts = attemptsOf(created.body.id)
      .filter((a) => a.kind === 'capture')
      .map((a) => `${a.purpose}:${a.outcome_kind}`);
    expect(capAttempts).toEqual(['send:unknown', 'lookup:approved']);
  });

  it('void after an HTTP 500: resent with the same key, voided once', async () => {
    const created = await d.call('POST', '/v1/preauths', preauthBody('f-void'));
    await d.faults([{ kind: 'http_500' }], {
      method: 'POST',
      path_prefix: `/v1/payments/${created.body.provider_reference}/reverse`,
    });
    const v = await d.call('POST', `/v1/preauths/${created.body.id}/void`);
    expect(v.body.state).toBe('voided');
    expect((await d.ledger()).filter((h) => h.reference === created.body.id)).toEqual([
      expect.objectContaining({ state: 'voided' }),
    ]);
  });

  it('an expired token is renewed once and the request goes through', async () => {
    await http('POST', `${d.sandboxUrl}/__sandbox/expire-tokens`);
    const r = await d.call('POST', '/v1/preauths', preauthBody('f-token'));
    expect(r.status).toBe(201);
    const authorizes = (await http('GET', `${d.sandboxUrl}/__sandbox/requests`)).body.requests.filter(
      (q: { path: string }) => q.path === '/authorize',
    );
    expect(authorizes.length).toBeGreaterThanOrEqual(2);
  });
});
