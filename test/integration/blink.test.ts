// Blink card-present through the localhost API: the terminal reads the card, busy terminals wait in the
// lane, each 503 is classified, completions and voids, the terminal list in GET /v1/terminals, and every
// answer we did not get settled from the terminal's request log or EOD report.
// Sources: https://api-docs.blinkpayment.co.uk/docs/post-preauth-transactions (seed 001),
// https://api-docs.blinkpayment.co.uk/docs/post-preauth-completions (SaleToPOIData),
// https://api-docs.blinkpayment.co.uk/docs/requestsdata-data (request log),
// https://api-docs.blinkpayment.co.uk/docs/eod-reports-data (EOD report), …/docs/get-devices.md (terminals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({
    // The exchanges are read back raw below: keep their bodies (by default they are compacted at the end).
    retention: { compact_after_ms: 86_400_000 },
    providers: { blink: { pos_api_key: 'x', pos_api_secret: 'x', timeout_ms: 2000, connect_timeout_ms: 500 } },
  });
});
afterAll(async () => {
  await d.stop();
});

const T = 'sandbox-blink';
const body = (reference: string, amount = 2_266) => {
  const b = preauthBody(reference, amount, { terminal_id: T, currency: 'GBP' }) as Record<string, unknown>;
  delete b.card; // the terminal reads the card
  return b;
};
const url = () => d.daemon.sandboxes!.urls.blink!;
const ledger = async (reference: string) =>
  (
    (await http('GET', `${url()}/__sandbox/ledger`)).body.holds as {
      id: string;
      reference: string;
      state: string;
      amount: number;
      captured: number;
    }[]
  ).filter((h) => h.reference === reference);
const requests = async () =>
  (await http('GET', `${url()}/__sandbox/requests`)).body.requests as { method: string; path: string }[];
const preauthPosts = async () =>
  (await requests()).filter((q) => q.method === 'POST' && q.path === '/v1/card-present/preauth-transactions').length;
const steps = (tx: string) =>
  d.daemon.store.db
    .prepare(
      `SELECT a.purpose || ':' || a.outcome_kind FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ? ORDER BY a.id`,
    )
    .pluck()
    .all(tx) as string[];
const settled = (tx: string, state: string, timeoutMs = 15_000) =>
  eventually(async () => {
    const g = await d.call('GET', `/v1/preauths/${tx}`);
    return g.body.state === state ? g.body : undefined;
  }, timeoutMs);

describe('Blink card-present', () => {
  it('preauth → completion for less, with our ids in metadata and Basic auth + User-Agent on the wire', async () => {
    const r = await d.call('POST', '/v1/preauths', body('bl-1'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'authorized',
      amount_authorized: 2_266,
      currency: 'GBP',
      card: { brand: 'mastercard', masked_pan: '546097******4213', entry_mode: 'contactless' },
    });
    const sent = JSON.parse(
      d.daemon.store.db
        .prepare(
          `SELECT request_json FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ?`,
        )
        .pluck()
        .get(r.body.id) as string,
    );
    expect(sent.headers.authorization).toBe('[redacted]');
    expect(sent.headers['user-agent']).toMatch(/^posbridge\/\S+ \(Node\.js/);
    expect(sent.body).toMatchObject({
      requested_amount: '22.66',
      currency: 'GBP',
      terminal_id: 'T650M-451-962-212',
      metadata: { reference: r.body.id, pos_reference: 'bl-1' },
    });
    // The sandbox refuses a completion without the pre-auth's SaleToPOIData: this capture carried it.
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 2_000 });
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 2_000 });
    const capture = d.daemon.store.db
      .prepare(
        `SELECT request_json FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ? AND o.kind = 'capture'`,
      )
      .pluck()
      .get(r.body.id) as string;
    expect(JSON.parse(capture).body.SaleToPOIData).toEqual(expect.stringContaining('APPROVED'));
    expect(await ledger(r.body.id)).toEqual([
      expect.objectContaining({ state: 'captured', amount: 2_266, captured: 2_000 }),
    ]);
  });

  it('preauth → void', async () => {
    const r = await d.call('POST', '/v1/preauths', body('bl-2'));
    expect((await d.call('POST', `/v1/preauths/${r.body.id}/void`)).body.state).toBe('voided');
    expect(await ledger(r.body.id)).toEqual([expect.objectContaining({ state: 'voided' })]);
  });

  it('refuses card data for a terminal that reads the card itself', async () => {
    const r = await d.call('POST', '/v1/preauths', {
      ...body('bl-card'),
      card: { number: '4111111111111111', expiry_month: 1, expiry_year: 2030 },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('card');
  });

  it('a decline at the terminal is a 402', async () => {
    const r = await d.call('POST', '/v1/preauths', body('bl-decline', 5101));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ code: 'card_declined', transaction: { state: 'declined' } });
  });

  it('503 terminal unreachable: nothing happened, the preauth fails now and is not started later', async () => {
    const r = await d.call('POST', '/v1/preauths', body('bl-unreach', 50_301));
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ code: 'provider_unavailable', transaction: { state: 'failed' } });
    expect(await ledger(r.body.transaction.id)).toHaveLength(0);
  });

  it('503 operation timeout: Blink cancelled it, nothing reserved, not retried', async () => {
    const r = await d.call('POST', '/v1/preauths', body('bl-timeout', 50_302));
    expect(r.status).toBe(504);
    expect(r.body).toMatchObject({ code: 'terminal_timeout', transaction: { state: 'failed' } });
    expect(
      d.daemon.store.attempts.forOperation(d.daemon.store.operations.byTransaction(r.body.transaction.id)[0]!.id),
    ).toHaveLength(1);
  });

  it('503 lost connection: the request log shows the 503, the EOD report the approval; authorized, never resent', async () => {
    const before = await preauthPosts();
    const r = await d.call('POST', '/v1/preauths', body('bl-lost', 50_303));
    const id = r.body.id ?? r.body.transaction.id;
    const done = await settled(id, 'authorized');
    expect(done).toMatchObject({ amount_authorized: 50_303 });
    expect(await ledger(id)).toEqual([expect.objectContaining({ state: 'authorized', amount: 50_303 })]);
    expect(done.provider_reference).toBe((await ledger(id))[0]!.id);
    expect(await preauthPosts()).toBe(before + 1);
    expect(steps(id)).toEqual(['send:unknown', 'lookup:lookup_next', 'lookup:approved']);
  });

  it('503 lost connection after a decline: the EOD report says declined', async () => {
    const r = await d.call('POST', '/v1/preauths', body('bl-lost-decline', 50_304));
    const id = r.body.id ?? r.body.transaction.id;
    await settled(id, 'declined');
    expect(await ledger(id)).toHaveLength(0);
  });

  it('while the log cannot be read the preauth is unresolved; a person settles it by hand, audited', async () => {
    // Every read of the terminal's records fails for now: nothing can tell.
    const records = '/v1/card-present/terminals/T650M-451-962-212/';
    for (let i = 0; i < 3; i++)
      await http('POST', `${url()}/__sandbox/faults`, {
        body: { faults: Array.from({ length: 100 }, () => ({ kind: 'http_500' })), path_prefix: records },
      });
    try {
      const r = await d.call('POST', '/v1/preauths', body('bl-resolve', 50_303));
      const id = r.body.id ?? r.body.transaction.id;
      await settled(id, 'unresolved');
      expect((await d.call('POST', `/v1/preauths/${id}/resolve`, { outcome: 'captured', note: 'x' })).status).toBe(400);
      // posbridge keeps asking Blink while it is unresolved: a person who catches it mid-lookup is told
      // 409 operation_in_progress ("try again in a moment"), and tries again.
      const byHand = await eventually(async () => {
        const res = await d.call('POST', `/v1/preauths/${id}/resolve`, {
          outcome: 'authorized',
          note: 'Blink portal shows the pre-auth approved',
        });
        return res.status === 409 && res.body.code === 'operation_in_progress' ? undefined : res;
      });
      expect(byHand.status).toBe(200);
      expect(byHand.body).toMatchObject({ state: 'authorized', amount_authorized: 50_303 });
      const audit = d.daemon.store.events
        .since(0, 100_000)
        .filter((e) => e.type === 'transaction.resolved' && e.transaction_id === id);
      expect(audit).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({
            outcome: 'authorized',
            by: 'sandbox',
            note: 'Blink portal shows the pre-auth approved',
          }),
        }),
      ]);
      expect((await d.call('POST', `/v1/preauths/${id}/resolve`, { outcome: 'voided', note: 'again' })).status).toBe(
        409,
      );
    } finally {
      await http('POST', `${url()}/__sandbox/faults`, { body: { faults: [], replace: true } });
    }
  });

  it('429 terminal busy: the second preauth waits in the lane, then goes through', async () => {
    // Another till's request holds the terminal while its customer presents a card (300 ms in the sandbox).
    const seen = (await requests()).length;
    const other = http('POST', `${url()}/v1/card-present/preauth-transactions`, {
      headers: {
        authorization: `Basic ${Buffer.from('blink_pos_key:blink_pos_secret').toString('base64')}`,
        'user-agent': 'OtherTill/1.0',
      },
      body: {
        site_branch_id: 'London',
        pos_location: 'POS-2',
        terminal_id: 'T650M-451-962-212',
        currency: 'GBP',
        requested_amount: '1.00',
        requested_validity_date: '2030-01-01T00:00:00Z',
        request_timestamp: '2026-01-01T00:00:00Z',
      },
    });
    await eventually(async () => ((await requests()).length > seen ? true : undefined), 5_000, 5);
    const r = await d.call('POST', '/v1/preauths', body('bl-busy'));
    expect((await other).status).toBe(201);
    expect(r.status).toBe(201);
    const kinds = steps(r.body.id);
    expect(kinds[0]).toBe('send:retryable');
    expect(kinds.at(-1)).toBe('send:approved');
  });

  // What the fault does to the answer, and how the request log settles it: a request Blink answered
  // (close_after, slow_after) is found with its answer; one that never got to Blink (http_500 and
  // close_before happen in front of it) is not in the log, so after the resolve window it failed.
  for (const [kind, holds, state] of [
    ['delay', 1, 'authorized'],
    ['http_500', 0, 'failed'],
    ['close_before', 0, 'failed'],
    ['close_after', 1, 'authorized'],
    ['slow_after', 1, 'authorized'],
  ] as const) {
    it(`fault ${kind}: ${state}, ${holds} hold, never two`, async () => {
      const before = await preauthPosts();
      await http('POST', `${url()}/__sandbox/faults`, {
        body: {
          faults: [kind === 'delay' ? { kind, ms: 100 } : kind === 'slow_after' ? { kind, ms: 2500 } : { kind }],
          path_prefix: '/v1/card-present/preauth-transactions',
        },
      });
      const r = await d.call('POST', '/v1/preauths', body(`bl-${kind}`));
      const tx = r.body.id ?? r.body.transaction.id;
      const final = await settled(tx, state, 20_000);
      expect(final.state).toBe(state);
      if (state === 'failed') expect(final.error.code).toBe('interrupted');
      expect(await ledger(tx)).toHaveLength(holds);
      expect(await preauthPosts()).toBe(before + 1);
    });
  }

  it("shows the terminal's own connection state in GET /v1/terminals", async () => {
    const t = await d.call('GET', '/v1/terminals');
    expect(t.body.data.find((x: { id: string }) => x.id === T)).toMatchObject({
      provider: 'blink',
      remote: { state: 'CONNECTED', connected: true, error: null },
    });
  });
});
