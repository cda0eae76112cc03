// The POS contract under failure (issue 12): a POS can act on the status code and `result` alone; it
// can bound the wait to its own timeout; and a hold approved after the POS was told "not final" never
// stays silent. Real daemon in-process, the Payroc sandbox on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/http.js';
import { CARD, preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({
    holds: { orphan_after_ms: 1_000 },
    // The sandbox points Payroc at itself; a second Payroc terminal needs the provider named here.
    providers: { payroc: { api_key: 'replaced-by-the-sandbox' } },
    terminals: [
      {
        id: 'desk-void',
        name: 'Desk (orphans voided)',
        provider: 'payroc',
        processing_terminal_id: '1234001',
        orphan_holds: 'void',
      },
    ],
  });
});
afterAll(async () => {
  await d?.stop();
});

const events = (type: string, transactionId: string) =>
  d.daemon.store.events.since(0, 100_000).filter((e) => e.type === type && e.transaction_id === transactionId);
/** The transaction as the store has it: reading it through the API would count as the POS asking. */
const stored = (id: string) => d.daemon.store.transactions.get(id)!;

describe('the answer a POS can act on', () => {
  it('201 approved, 402 declined, 4xx refused: each with result and a sentence for the cashier', async () => {
    const ok = await d.call('POST', '/v1/preauths', preauthBody('pc-ok', 12_345));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      result: 'approved',
      final: true,
      message: 'Approved: 123.45 USD is held on the card.',
    });
    const repeat = await d.call('POST', '/v1/preauths', preauthBody('pc-ok', 12_345));
    expect(repeat.status).toBe(200);
    expect(repeat.body.result).toBe('approved');
    const declined = await d.call('POST', '/v1/preauths', preauthBody('pc-declined', 5_101));
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({
      code: 'card_declined',
      result: 'declined',
      transaction: { state: 'declined', result: 'declined', final: true },
    });
    expect(declined.body.message).toMatch(/^Declined by the card issuer .*Ask for another card/);
    const bad = await d.call('POST', '/v1/preauths', { ...preauthBody('pc-bad'), amount: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', result: 'refused' });
    expect(bad.body.message).toMatch(/^Not done: .*Nothing was changed\.$/);
  });

  it('Prefer: wait=N answers 202 pending within the wait the POS asked for; the answer comes later', async () => {
    await d.faults([{ kind: 'delay', ms: 2_500 }], { method: 'POST', path_prefix: '/v1/payments' });
    const r = await d.call('POST', '/v1/preauths', preauthBody('pc-wait'), { prefer: 'wait=1' });
    expect(r.status).toBe(202);
    expect(r.headers['preference-applied']).toBe('wait=1');
    expect(r.body).toMatchObject({ result: 'pending', final: false });
    expect(r.headers.location).toBe(`/v1/preauths/${r.body.id}`);
    const done = await eventually(async () => {
      const g = await d.call('GET', r.headers.location!);
      return g.body.final ? g.body : undefined;
    });
    expect(done).toMatchObject({ state: 'authorized', result: 'approved' });
  });
});

describe('a repeat binds the card', () => {
  it('the same reference with another card sharing the first six and last four digits is a conflict, not the old hold', async () => {
    const first = await d.call('POST', '/v1/preauths', preauthBody('pc-card'));
    expect(first.status).toBe(201);
    const same = await d.call('POST', '/v1/preauths', preauthBody('pc-card'));
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(first.body.id);
    const other = await d.call('POST', '/v1/preauths', {
      ...preauthBody('pc-card'),
      card: { ...CARD, number: '4111110000091111' },
    });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'reference_conflict', result: 'refused' });
    // The fingerprint holds no card number in any form a reader could use.
    const fp = d.daemon.store.transactions.get(first.body.id as string)!.request_fingerprint;
    expect(fp).not.toContain('4111');
  });
});

describe('no silent hold', () => {
  it('a hold approved after the POS heard "pending" and never asked again is raised: event and GET /v1/status', async () => {
    await d.faults([{ kind: 'delay', ms: 1_500 }], { method: 'POST', path_prefix: '/v1/payments' });
    const r = await d.call('POST', '/v1/preauths', preauthBody('pc-orphan'), { prefer: 'respond-async' });
    expect(r.body.result).toBe('pending');
    const id = r.body.id as string;
    await eventually(() => stored(id).state === 'authorized' || undefined);
    expect(stored(id).pos_told_result).toBe('pending');
    const alert = await eventually(() => events('alert.orphan_hold', id)[0]);
    expect(alert.data).toMatchObject({ reference: 'pc-orphan', policy: 'alert', told: 'pending' });
    const status = await d.call('GET', '/v1/status');
    expect(status.body.problems.map((p: { text: string }) => p.text)).toContain('1 hold the till does not know of');
    // Alerted once, and left alone: the policy here is to alert.
    await new Promise((res) => setTimeout(res, 1_500));
    expect(events('alert.orphan_hold', id)).toHaveLength(1);
    expect(stored(id).state).toBe('authorized');
    // The POS asks after all: it knows now, and the window stops counting it.
    expect((await d.call('GET', `/v1/preauths/${id}`)).body.result).toBe('approved');
    expect((await d.call('GET', '/v1/status')).body.problems.map((p: { text: string }) => p.text)).not.toContain(
      '1 hold the till does not know of',
    );
  });

  it('a POS that keeps asking is not alerted', async () => {
    await d.faults([{ kind: 'delay', ms: 800 }], { method: 'POST', path_prefix: '/v1/payments' });
    const r = await d.call('POST', '/v1/preauths', preauthBody('pc-polled'), { prefer: 'respond-async' });
    const id = r.body.id as string;
    await eventually(async () => ((await d.call('GET', `/v1/preauths/${id}`)).body.final ? true : undefined));
    await new Promise((res) => setTimeout(res, 2_500));
    expect(events('alert.orphan_hold', id)).toEqual([]);
  });

  it('on a terminal whose policy is void, the orphan hold is released at the provider', async () => {
    await d.faults([{ kind: 'delay', ms: 1_000 }], { method: 'POST', path_prefix: '/v1/payments' });
    const r = await d.call(
      'POST',
      '/v1/preauths',
      { ...preauthBody('pc-orphan-void'), terminal_id: 'desk-void' },
      { prefer: 'respond-async' },
    );
    const id = r.body.id as string;
    await eventually(() => stored(id).state === 'voided' || undefined, 20_000);
    expect(events('alert.orphan_hold', id)[0]?.data).toMatchObject({ policy: 'void' });
    expect((await d.ledger()).find((h) => h.reference === id)?.state).toBe('voided');
  });
});
