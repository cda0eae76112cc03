// POST /v1/reconciliations against the five cloud sandboxes over loopback: a day of payments compared with
// each provider's own records (Payroc's payment list, Blink's EOD report, SmartRetry's and PayPorter's
// status per payment, Lab4Pay's status and print slip), differences injected through each sandbox's
// /__sandbox/records control (not provider behaviour), recorded, raised as events, and no transaction
// changed. Sources of each record endpoint: bridge/sandbox/<provider>/README.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { http } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({ reconciliation: { pause_ms: 0, provider_budget_ms: 10_000 } });
});
afterAll(async () => {
  await d.stop();
});

const KEYED = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123', holder_name: 'Jane Doe' };
const TERMINALS = [
  { id: 'sandbox-payroc', provider: 'payroc', currency: 'USD', card: KEYED },
  { id: 'sandbox-smartretry', provider: 'smartretry', currency: 'USD', card: KEYED },
  { id: 'sandbox-payporter', provider: 'payporter', currency: 'TRY', card: KEYED },
  { id: 'sandbox-blink', provider: 'blink', currency: 'GBP' },
  { id: 'sandbox-lab4pay', provider: 'lab4pay', currency: 'EUR' },
] as const;
const CLOUD = TERMINALS.map((t) => t.provider).sort();
const today = () => new Date().toISOString().slice(0, 10);
const sandbox = (provider: string) => d.daemon.sandboxes!.urls[provider]!;
const tamper = async (provider: string, body: Record<string, unknown>) => {
  const r = await http('POST', `${sandbox(provider)}/__sandbox/records`, { body });
  expect(r.status, r.text).toBe(200);
  return r.body as Record<string, unknown>;
};
const events = async (type: string) =>
  (d.daemon.store.events.since(0, 10_000) as Array<{ type: string; data: Record<string, unknown> }>).filter(
    (e) => e.type === type,
  );

async function pay(t: (typeof TERMINALS)[number], reference: string, amount: number) {
  const r = await d.call('POST', '/v1/preauths', {
    terminal_id: t.id,
    amount,
    currency: t.currency,
    reference,
    ...('card' in t ? { card: t.card } : {}),
  });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; provider_reference: string | null };
}

describe('bad input', () => {
  it.each([
    [{ day: '2026-13-01' }, 'body:day'],
    [{ day: '2026-02-30' }, 'body:day'],
    [{ day: today(), tz: 'Mars/Olympus' }, 'body:tz'],
    [{ day: today(), provider: 'nobody' }, 'body:provider'],
  ])('refuses %j as validation_failed and writes nothing', async (body, field) => {
    const r = await d.call('POST', '/v1/reconciliations', body);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field })] });
    // Other parts of the daemon write events on their own schedule: only reconciliation's count here.
    expect((await events('reconciliation.finished')).length + (await events('reconciliation.difference')).length).toBe(
      0,
    );
    expect((await d.call('GET', `/v1/reconciliations?day=${today()}`)).body.runs).toEqual([]);
  });

  it('refuses unknown fields and a day that is not one on the list', async () => {
    expect((await d.call('POST', '/v1/reconciliations', { day: today(), fix: true })).body.code).toBe(
      'validation_failed',
    );
    expect((await d.call('GET', '/v1/reconciliations?day=yesterday')).body.code).toBe('validation_failed');
    expect((await d.call('GET', '/v1/reconciliations')).status).toBe(400);
  });
});

describe('a day against the sandboxes', () => {
  const paid: Record<string, { id: string; provider_reference: string | null }> = {};

  it('finds no difference where the records agree, for every cloud provider', async () => {
    for (const t of TERMINALS) {
      paid[t.provider] = await pay(t, `rec-${t.provider}-1`, 4_200);
      const captured = await pay(t, `rec-${t.provider}-2`, 3_000);
      const c = await d.call('POST', `/v1/preauths/${captured.id}/capture`, { amount: 2_500 });
      expect(c.status, c.text).toBe(200);
    }
    const r = await d.call('POST', '/v1/reconciliations', { day: today(), tz: 'UTC' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.sources.map((s: { source: string }) => s.source)).toEqual(CLOUD);
    for (const s of r.body.sources)
      expect(s, s.source).toMatchObject({ status: 'checked', payments: 2, checked: 2, differences: 0 });
    expect(r.body.differences).toEqual([]);
    expect(await events('reconciliation.finished')).toHaveLength(1);
  });

  it('shows every injected difference, raises an event for each, and changes no transaction', async () => {
    const payroc = paid.payroc!;
    await tamper('payroc', { action: 'set_amount', reference: payroc.id, amount: 4_300 });
    await tamper('payroc', { action: 'add', processingTerminalId: '1234001', amount: 999, currency: 'USD' });
    await tamper('blink', { action: 'set_amount', reference: paid.blink!.id, amount: 4_000 });
    const foreign = await tamper('blink', { action: 'add', terminal_id: 'T650M-451-962-212', amount: 1_234 });
    await tamper('smartretry', { action: 'drop', reference: paid.smartretry!.id });
    await tamper('payporter', { action: 'set_amount', reference: paid.payporter!.id, amount: 4_100 });
    await tamper('lab4pay', { action: 'set_amount', reference: paid.lab4pay!.id, amount: 4_250 });
    const before = await Promise.all(Object.values(paid).map((p) => d.call('GET', `/v1/preauths/${p.id}`)));

    const r = await d.call('POST', '/v1/reconciliations', { day: today(), tz: 'UTC' });
    expect(r.status, r.text).toBe(201);
    const by = (source: string) => r.body.differences.filter((x: { source: string }) => x.source === source);
    expect(by('payroc')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'amount_differs',
          field: 'authorized',
          transaction_id: payroc.id,
          ours: expect.objectContaining({ authorized: 4_200 }),
          theirs: expect.objectContaining({ authorized: 4_300 }),
        }),
        expect.objectContaining({ kind: 'unknown_to_posbridge', transaction_id: null, ours: null }),
      ]),
    );
    expect(by('blink')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'amount_differs', transaction_id: paid.blink!.id }),
        expect.objectContaining({ kind: 'unknown_to_posbridge', provider_ref: foreign.transaction_id }),
      ]),
    );
    expect(by('smartretry')).toEqual([
      expect.objectContaining({ kind: 'missing_at_provider', transaction_id: paid.smartretry!.id, theirs: null }),
    ]);
    expect(by('payporter')).toEqual([
      expect.objectContaining({ kind: 'amount_differs', transaction_id: paid.payporter!.id }),
    ]);
    expect(by('lab4pay')).toEqual([
      expect.objectContaining({ kind: 'amount_differs', transaction_id: paid.lab4pay!.id }),
    ]);
    for (const s of r.body.sources) expect(s.status, s.source).toBe('differences');

    const raised = (await events('reconciliation.difference')).filter((e) => e.data.run_id === r.body.id);
    expect(raised).toHaveLength(r.body.differences.length);
    expect(raised).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          data: expect.objectContaining({
            source: 'smartretry',
            day: today(),
            kind: 'missing_at_provider',
            transaction_id: paid.smartretry!.id,
            ours: expect.objectContaining({ state: 'authorized' }),
            theirs: null,
          }),
        }),
      ]),
    );
    const after = await Promise.all(Object.values(paid).map((p) => d.call('GET', `/v1/preauths/${p.id}`)));
    expect(after.map((a) => a.body)).toEqual(before.map((b) => b.body));

    const listed = await d.call('GET', `/v1/reconciliations?day=${today()}`);
    expect(listed.body.runs[0]).toEqual(r.body);
    expect(listed.body.runs).toHaveLength(2);
  });

  it("reads Blink's request log for a payment its EOD report lacks, and says what Blink answered", async () => {
    const t = TERMINALS.find((x) => x.provider === 'blink')!;
    const p = await pay(t, 'rec-blink-log', 1_500);
    await tamper('blink', { action: 'drop', reference: p.id });
    const r = await d.call('POST', '/v1/reconciliations', { day: today(), tz: 'UTC', provider: 'blink' });
    expect(r.status, r.text).toBe(201);
    const mine = r.body.differences.filter((x: { transaction_id: string | null }) => x.transaction_id === p.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'state_differs',
        ours: expect.objectContaining({ state: 'authorized', authorized: 1_500 }),
        theirs: expect.objectContaining({
          state: 'other',
          status: expect.stringMatching(
            /^request log: preauth-transactions answered 201 Created; no line in the EOD report$/,
          ),
        }),
      }),
    ]);
  });

  it('says "could not check" when the provider fails, never "no differences"', async () => {
    await http('POST', `${sandbox('payroc')}/__sandbox/faults`, {
      body: { faults: [{ kind: 'http_500' }], method: 'GET', path_prefix: '/v1/payments' },
    });
    const r = await d.call('POST', '/v1/reconciliations', { day: today(), tz: 'UTC', provider: 'payroc' });
    expect(r.status, r.text).toBe(201);
    expect(r.body.sources).toEqual([
      expect.objectContaining({
        source: 'payroc',
        status: 'could_not_check',
        checked: 0,
        why: expect.stringMatching(/500/),
      }),
    ]);
    expect(r.body.differences).toEqual([]);
  });

  it("reads a day in the store's zone: the day before has none of these payments", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const r = await d.call('POST', '/v1/reconciliations', { day: yesterday, tz: 'UTC', provider: 'smartretry' });
    expect(r.body.sources).toEqual([expect.objectContaining({ status: 'checked', payments: 0 })]);
  });
});
