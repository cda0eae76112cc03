// The POS's view, end to end: a real daemon, a real SQLite file, the Payroc sandbox on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAGIC } from '../../bridge/sandbox/payroc/ledger.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => {
  await d.stop();
});

describe('pre-authorisation lifecycle on Payroc', () => {
  it('preauth → adjust → capture', async () => {
    const created = await d.call(
      'POST',
      '/v1/preauths',
      preauthBody('hotel-101', 10_000, { operator: 'anna', metadata: { room: '101' } }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/preauths/${created.body.id}`);
    expect(created.body).toMatchObject({
      state: 'authorized',
      amount_authorized: 10_000,
      currency: 'USD',
      reference: 'hotel-101',
      terminal_id: 'sandbox-payroc',
      provider: 'payroc',
      card: { brand: 'visa', masked_pan: '411111******1111', entry_mode: 'keyed' },
      operator: 'anna',
      metadata: { room: '101' },
    });
    expect(created.body.auth_code).toBeTruthy();
    expect(created.body.provider_reference).toMatch(/^[A-Z0-9]{10}$/);

    const adjusted = await d.call('POST', `/v1/preauths/${created.body.id}/adjust`, { amount: 15_000 });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body).toMatchObject({ state: 'authorized', amount_authorized: 15_000 });

    const captured = await d.call('POST', `/v1/preauths/${created.body.id}/capture`, {});
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ state: 'captured', amount_captured: 15_000, final: true });
    expect(captured.body.operations.map((o: { kind: string; state: string }) => `${o.kind}:${o.state}`)).toEqual([
      'preauth:succeeded',
      'adjust:succeeded',
      'capture:succeeded',
    ]);

    const hold = (await d.ledger()).filter((h) => h.reference === created.body.id);
    expect(hold).toEqual([
      expect.objectContaining({ amount: 15_000, state: 'captured', captured: 15_000, currency: 'USD' }),
    ]);
  });

  it('preauth → void releases the hold', async () => {
    const created = await d.call('POST', '/v1/preauths', preauthBody('car-7', 50_000));
    const voided = await d.call('POST', `/v1/preauths/${created.body.id}/void`);
    expect(voided.status).toBe(200);
    expect(voided.body.state).toBe('voided');
    expect((await d.ledger()).find((h) => h.reference === created.body.id)?.state).toBe('voided');
    const again = await d.call('POST', `/v1/preauths/${created.body.id}/capture`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invalid_state');
  });

  it('a declined card is a 402 with the stored transaction, and leaves no hold', async () => {
    const r = await d.call('POST', '/v1/preauths', preauthBody('fuel-1', MAGIC.DECLINE));
    expect(r.status).toBe(402);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({
      code: 'card_declined',
      status: 402,
      transaction: { state: 'declined', reference: 'fuel-1' },
    });
    expect((await d.ledger()).some((h) => h.reference === r.body.transaction.id)).toBe(false);
    const replay = await d.call('POST', '/v1/preauths', preauthBody('fuel-1', MAGIC.DECLINE));
    expect(replay.status).toBe(402);
    expect(replay.body.transaction.id).toBe(r.body.transaction.id);
  });

  it('a partial approval authorises what the issuer allowed', async () => {
    const r = await d.call('POST', '/v1/preauths', preauthBody('partial-1', MAGIC.PARTIAL));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'authorized',
      amount_requested: MAGIC.PARTIAL,
      amount_authorized: Math.floor(MAGIC.PARTIAL / 2),
    });
  });

  it("a provider validation error fails the preauth with the provider's field errors kept in the operation", async () => {
    const r = await d.call('POST', '/v1/preauths', preauthBody('invalid-1', MAGIC.INVALID));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'provider_rejected', transaction: { state: 'failed' } });
  });

  it('"processed later" (code E) is followed up by lookup until approved', async () => {
    const r = await d.call('POST', '/v1/preauths', preauthBody('later-1', MAGIC.LATER), { prefer: 'respond-async' });
    expect(r.status).toBe(202);
    const done = await eventually(async () => {
      const g = await d.call('GET', `/v1/preauths/${r.body.id}`);
      return g.body.state === 'authorized' ? g.body : undefined;
    }, 20_000);
    expect(done.amount_authorized).toBe(MAGIC.LATER);
    expect((await d.ledger()).filter((h) => h.reference === r.body.id)).toHaveLength(1);
  });

  it('the same reference twice is one transaction and one hold; another body with it is 409', async () => {
    const body = preauthBody('dup-1', 7_500);
    const [a, b] = await Promise.all([d.call('POST', '/v1/preauths', body), d.call('POST', '/v1/preauths', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const c = await d.call('POST', '/v1/preauths', body);
    expect(c.status).toBe(200);
    expect(c.body.id).toBe(a.body.id);
    expect((await d.ledger()).filter((h) => h.reference === a.body.id)).toHaveLength(1);
    const conflict = await d.call('POST', '/v1/preauths', { ...body, amount: 7_600 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('reference_conflict');
    const list = await d.call('GET', '/v1/preauths?reference=dup-1');
    expect(list.body.data).toHaveLength(1);
  });

  it('follow-ups honour Idempotency-Key: same key and body → same operation, other body → 409', async () => {
    const created = await d.call('POST', '/v1/preauths', preauthBody('idem-1', 9_000));
    const path = `/v1/preauths/${created.body.id}/adjust`;
    const a = await d.call('POST', path, { amount: 9_500 }, { 'idempotency-key': 'adj-1' });
    const b = await d.call('POST', path, { amount: 9_500 }, { 'idempotency-key': 'adj-1' });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.operations.filter((o: { kind: string }) => o.kind === 'adjust')).toHaveLength(1);
    const c = await d.call('POST', path, { amount: 9_900 }, { 'idempotency-key': 'adj-1' });
    expect(c.status).toBe(409);
    expect(c.body.code).toBe('idempotency_conflict');
    // A capture repeated without a key returns the first one rather than capturing again.
    const cap1 = await d.call('POST', `/v1/preauths/${created.body.id}/capture`, { amount: 9_000 });
    const cap2 = await d.call('POST', `/v1/preauths/${created.body.id}/capture`, { amount: 9_000 });
    expect(cap1.status).toBe(200);
    expect(cap2.status).toBe(200);
    expect(cap2.body.operations.filter((o: { kind: string }) => o.kind === 'capture')).toHaveLength(1);
  });

  it('refuses to capture more than authorised before anything is sent', async () => {
    const created = await d.call('POST', '/v1/preauths', preauthBody('over-1', 1_000));
    const r = await d.call('POST', `/v1/preauths/${created.body.id}/capture`, { amount: 1_001 });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('amount_exceeds_authorized');
    const g = await d.call('GET', `/v1/preauths/${created.body.id}`);
    expect(g.body.operations).toHaveLength(1);
  });

  it('Prefer: respond-async answers 202 at once with Location', async () => {
    await d.faults([{ kind: 'delay', ms: 600 }], { path_prefix: '/v1/payments' });
    const r = await d.call('POST', '/v1/preauths', preauthBody('async-1'), { prefer: 'respond-async' });
    expect(r.status).toBe(202);
    expect(r.headers['preference-applied']).toBe('respond-async');
    expect(r.headers.location).toBe(`/v1/preauths/${r.body.id}`);
    expect(['pending', 'in_progress']).toContain(r.body.state);
    const done = await eventually(async () =>
      (await d.call('GET', r.headers.location!)).body.state === 'authorized' ? true : undefined,
    );
    expect(done).toBe(true);
  });

  it('lists with filters and a cursor', async () => {
    const page1 = await d.call('GET', '/v1/preauths?terminal_id=sandbox-payroc&limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.data).toHaveLength(2);
    const page2 = await d.call(
      'GET',
      `/v1/preauths?terminal_id=sandbox-payroc&limit=2&cursor=${page1.body.next_cursor}`,
    );
    expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);
    const captured = await d.call('GET', '/v1/preauths?state=captured');
    expect(captured.body.data.every((t: { state: string }) => t.state === 'captured')).toBe(true);
    const bad = await d.call('GET', '/v1/preauths?cursor=nope');
    expect(bad.status).toBe(400);
  });

  it('shows terminals, health and the OpenAPI document', async () => {
    const t = await d.call('GET', '/v1/terminals');
    expect(t.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'sandbox-payroc',
          provider: 'payroc',
          state: 'ready',
          provider_reachability: {
            reachable: true,
            state: 'closed',
            last_error: null,
            open_until: null,
            failing: false,
          },
        }),
      ]),
    );
    const h = await d.call('GET', '/v1/health', undefined, { authorization: '' });
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', database: { ok: true }, providers: { payroc: { reachable: true } } });
    const o = await d.call('GET', '/v1/openapi.json', undefined, { authorization: '' });
    expect(o.body.openapi).toBe('3.1.0');
    expect(Object.keys(o.body.paths)).toEqual(
      expect.arrayContaining(['/v1/preauths', '/v1/preauths/{id}/capture', '/v1/health', '/v1/events']),
    );
    expect(o.body.paths['/v1/preauths'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['terminal_id', 'amount', 'currency', 'reference']),
    );
  });
});
