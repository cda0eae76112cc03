// End of day through the API, against the real daemon and its ZVT simulator on TCP (sandbox-zvt): the
// day's summary per terminal and currency, the open holds, the End-of-Day 06 50 with the terminal's
// totals and receipt, a booking the terminal "forgets" found as a difference and raised, and the refusals.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZVT_DECLINE_AMOUNT } from '../../bridge/sandbox/zvt/terminal.js';
import { openDatabase } from '../../native/sqlite.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => {
  await d.stop();
});

const body = (reference: string, amount: number) => ({
  terminal_id: 'sandbox-zvt',
  amount,
  currency: 'EUR',
  reference,
});
const today = () => new Date().toISOString().slice(0, 10);
const terminal = () => d.daemon.sandboxes!.zvt.terminal;

function fromDb<T>(sql: string, ...args: unknown[]): T[] {
  const db = openDatabase(join(d.dataDir, 'posbridge.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

async function captured(reference: string, amount: number, capture?: number): Promise<void> {
  const r = await d.call('POST', '/v1/preauths', body(reference, amount));
  expect(r.status).toBe(201);
  const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, capture ? { amount: capture } : {});
  expect(c.body.state).toBe('captured');
}

describe('end of day (sandbox-zvt)', () => {
  it('summarises the day per terminal and currency: authorised, captured, released, open, declined', async () => {
    await captured('eod-1', 3_000, 2_500);
    await captured('eod-2', 1_200);
    const v = await d.call('POST', '/v1/preauths', body('eod-void', 800));
    await d.call('POST', `/v1/preauths/${v.body.id}/void`);
    const open = await d.call('POST', '/v1/preauths', body('eod-open', 4_000));
    expect(open.body.state).toBe('authorized');
    expect((await d.call('POST', '/v1/preauths', body('eod-decl', ZVT_DECLINE_AMOUNT))).status).toBe(402);

    const s = await d.call('GET', `/v1/days/${today()}?tz=UTC`);
    expect(s.status).toBe(200);
    const line = s.body.lines.find((l: { terminal_id: string }) => l.terminal_id === 'sandbox-zvt');
    expect(line).toEqual({
      terminal_id: 'sandbox-zvt',
      currency: 'EUR',
      authorised: { count: 4, amount: 3_000 + 1_200 + 800 + 4_000 },
      captured: { count: 2, amount: 2_500 + 1_200 },
      released: { count: 1, amount: 800 },
      still_open: { count: 1, amount: 4_000 },
      declined: { count: 1, amount: ZVT_DECLINE_AMOUNT },
      in_doubt: { count: 0, amount: 0 },
    });
    expect(s.body.end_of_day).toContainEqual({ terminal_id: 'sandbox-zvt', last: null });

    const holds = await d.call('GET', '/v1/holds/open?older_than_hours=0');
    expect(holds.body.data.map((h: { reference: string }) => h.reference)).toContain('eod-open');
    // The configured age (24 h by default): a hold made a moment ago is not old.
    expect(s.body.old_open_holds).toEqual({ older_than_hours: 24, data: [] });
    const all = await d.call('GET', `/v1/days/${today()}?tz=UTC&older_than_hours=0`);
    expect(all.body.old_open_holds.data).toEqual([
      expect.objectContaining({ reference: 'eod-open', terminal_id: 'sandbox-zvt', amount_authorized: 4_000 }),
    ]);
  });

  it("runs the terminal's end of day: its totals and receipt, which agree with posbridge's captures", async () => {
    const r = await d.call('POST', '/v1/terminals/sandbox-zvt/end-of-day?tz=UTC');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      terminal_id: 'sandbox-zvt',
      outcome: 'closed',
      result_code: 0,
      currency: 'EUR',
      total_count: 2,
      total_amount: 3_700,
      cards: [{ card: 'eurocard', count: 2, amount: 3_700 }],
      ours: [{ currency: 'EUR', count: 2, amount: 3_700 }],
      differences: [],
    });
    expect(r.body.receipt).toContain('Kassenschnitt');
    expect(r.body.receipt).toContain('Gesamt 2  EUR 37,00');
    expect(terminal().batch()).toEqual([]);
    const events = fromDb<{ type: string }>(
      `SELECT type FROM events WHERE type LIKE 'terminal.end_of_day%' AND terminal_id = 'sandbox-zvt'`,
    );
    expect(events.map((e) => e.type)).toEqual(['terminal.end_of_day_started', 'terminal.end_of_day']);
  });

  it('a booking the terminal lost is a difference: stored with the run, raised as an event, nothing evened out', async () => {
    await captured('eod-3', 900);
    await captured('eod-4', 1_500);
    expect(terminal().forgetLastBooking()?.booked).toBe(1_500);
    const r = await d.call('POST', '/v1/terminals/sandbox-zvt/end-of-day?tz=UTC');
    expect(r.body).toMatchObject({
      outcome: 'closed',
      total_count: 1,
      total_amount: 900,
      ours: [{ currency: 'EUR', count: 2, amount: 2_400 }],
      differences: [
        { kind: 'count', currency: 'EUR', ours: 2, theirs: 1 },
        { kind: 'amount', currency: 'EUR', ours: 2_400, theirs: 900 },
      ],
    });
    const raised = fromDb<{ data_json: string }>(
      `SELECT data_json FROM events WHERE type = 'reconciliation.difference' ORDER BY seq`,
    ).map((e) => JSON.parse(e.data_json) as Record<string, unknown>);
    expect(raised).toEqual([
      {
        source: 'zvt',
        terminal_id: 'sandbox-zvt',
        day: today(),
        run_id: r.body.id,
        kind: 'count',
        currency: 'EUR',
        ours: 2,
        theirs: 1,
      },
      {
        source: 'zvt',
        terminal_id: 'sandbox-zvt',
        day: today(),
        run_id: r.body.id,
        kind: 'amount',
        currency: 'EUR',
        ours: 2_400,
        theirs: 900,
      },
    ]);
    // The transactions themselves are as they were.
    const tx = await d.call('GET', '/v1/preauths?reference_contains=eod-4');
    expect(tx.body.data[0]).toMatchObject({ state: 'captured', amount_captured: 1_500 });
    const runs = await d.call('GET', '/v1/terminals/sandbox-zvt/end-of-day');
    expect(runs.body.data.map((x: { outcome: string }) => x.outcome)).toEqual(['closed', 'closed']);
  });

  it('refuses what it cannot do, with problem+json and nothing written', async () => {
    const before = fromDb<{ n: number }>('SELECT COUNT(*) AS n FROM zvt_end_of_day_runs')[0]!.n;
    const cloud = await d.call('POST', '/v1/terminals/sandbox-payroc/end-of-day');
    expect(cloud.status).toBe(422);
    expect(cloud.body.code).toBe('operation_not_supported');
    expect((await d.call('POST', '/v1/terminals/nope/end-of-day')).body.code).toBe('unknown_terminal');
    const tz = await d.call('POST', '/v1/terminals/sandbox-zvt/end-of-day?tz=Mars/Olympus');
    expect(tz.status).toBe(400);
    expect(tz.body.code).toBe('validation_failed');
    expect((await d.call('GET', `/v1/days/${today()}?tz=Nowhere`)).body.code).toBe('validation_failed');
    expect((await d.call('GET', '/v1/days/2026-02-30')).body.code).toBe('validation_failed');
    expect((await d.call('GET', '/v1/days/yesterday')).status).toBe(400);
    expect((await d.call('GET', '/v1/holds/open?older_than_hours=-1')).status).toBe(400);
    expect(fromDb<{ n: number }>('SELECT COUNT(*) AS n FROM zvt_end_of_day_runs')[0]!.n).toBe(before);
  });

  it('refuses a second end of day while one runs on the terminal', async () => {
    const [a, b] = await Promise.all([
      d.call('POST', '/v1/terminals/sandbox-zvt/end-of-day'),
      d.call('POST', '/v1/terminals/sandbox-zvt/end-of-day'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a.body.code, b.body.code]).toContain('terminal_busy');
  });
});
