// Finding a payment the way store staff remember it: newest first, a page at a time past any limit, by part of
// its reference, its amount, the card's last four digits, terminal, state and day. A real daemon and SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD, preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
const created: Array<{ id: string; reference: string; created_at: string }> = [];

beforeAll(async () => {
  d = await startTestDaemon();
  for (let i = 0; i < 110; i++) {
    const reference = `Room-${String(i).padStart(3, '0')}`;
    const last = i === 109;
    const body = preauthBody(reference, last ? 4_321 : 1_000 + i, {
      ...(last ? { card: { ...CARD, number: '5555555555554444' } } : {}),
    });
    const r = await d.call('POST', '/v1/preauths', body);
    expect(r.status).toBe(201);
    created.push({ id: r.body.id, reference, created_at: r.body.created_at });
  }
}, 120_000);
afterAll(async () => {
  await d.stop();
});

/** The order the list promises: created_at then id, newest first (two payments may share a millisecond). */
function newestFirst(): typeof created {
  return [...created].sort((a, b) =>
    a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1,
  );
}

type Listed = { id: string; reference: string; state: string; amount_requested: number; created_at: string };

async function list(query: string): Promise<{ data: Listed[]; next_cursor: string | null }> {
  const r = await d.call('GET', `/v1/preauths?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

describe('GET /v1/preauths finds a payment', () => {
  it('lists newest first, and the cursor pages on to the oldest', async () => {
    const page1 = await list('limit=100');
    expect(page1.data[0]!.id).toBe(newestFirst()[0]!.id);
    expect(created.at(-1)!.created_at).toBe(newestFirst()[0]!.created_at);
    expect(page1.data).toHaveLength(100);
    expect(page1.next_cursor).toBeTruthy();
    const page2 = await list(`limit=100&cursor=${page1.next_cursor}`);
    expect(page2.data).toHaveLength(10);
    expect(page2.data.at(-1)!.id).toBe(newestFirst().at(-1)!.id);
    expect(page2.next_cursor).toBeNull();
    const all = [...page1.data, ...page2.data].map((t) => t.id);
    expect(new Set(all).size).toBe(110);
    expect(all).toEqual(newestFirst().map((c) => c.id));
  });

  it('keeps the oldest-first order on request', async () => {
    const page = await list('limit=2&order=oldest');
    expect(page.data.map((t) => t.id)).toEqual(
      newestFirst()
        .reverse()
        .slice(0, 2)
        .map((c) => c.id),
    );
  });

  it('by part of the reference, any case', async () => {
    const page = await list('reference_contains=om-10');
    expect(page.data.map((t) => t.id)).toEqual(
      newestFirst()
        .filter((c) => c.reference.startsWith('Room-10'))
        .map((c) => c.id),
    );
    expect(page.data).toHaveLength(10);
    expect((await list('reference_contains=ROOM-05')).data.map((t) => t.reference)).toHaveLength(10);
    expect((await list('reference_contains=room-0420')).data).toEqual([]);
  });

  it('by amount in minor units and by the last four digits of the card', async () => {
    expect((await list('amount=1005')).data.map((t) => t.reference)).toEqual(['Room-005']);
    expect((await list('last4=4444')).data.map((t) => t.reference)).toEqual(['Room-109']);
    expect((await list('last4=1111&limit=200')).data).toHaveLength(109);
    expect((await list('last4=4444&amount=4321&terminal_id=sandbox-payroc&state=authorized')).data).toHaveLength(1);
    expect((await list('last4=4444&terminal_id=elsewhere')).data).toEqual([]);
  });

  it('by a date range on created_at', async () => {
    const at = created[50]!.created_at;
    const from = await list(`from=${encodeURIComponent(at)}&limit=200`);
    expect(from.data.every((t) => t.created_at >= at)).toBe(true);
    expect(from.data.map((t) => t.id)).toContain(created[50]!.id);
    const to = await list(`to=${encodeURIComponent(at)}&limit=200`);
    expect(to.data.every((t) => t.created_at < at)).toBe(true);
    expect(from.data.length + to.data.length).toBe(110);
    expect((await list('from=2999-01-01T00:00:00%2B02:00')).data).toEqual([]);
  });

  it.each([
    'amount=abc',
    'amount=0',
    'last4=12a4',
    'last4=12345',
    'from=yesterday',
    'to=2026-12-01',
    'from=2026-13-45T00:00:00Z',
    'reference_contains=',
    'order=sideways',
  ])('refuses %s with validation_failed and writes nothing', async (query) => {
    const r = await d.call('GET', `/v1/preauths?${query}`);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await list('limit=200')).data).toHaveLength(110);
  });

  it("shows each terminal's last payment on GET /v1/terminals", async () => {
    const t = await d.call('GET', '/v1/terminals');
    const payroc = t.body.data.find((x: { id: string }) => x.id === 'sandbox-payroc');
    const newest = newestFirst()[0]!;
    expect(payroc.last_payment).toEqual({
      id: newest.id,
      reference: newest.reference,
      created_at: newest.created_at,
      amount: newest.reference === 'Room-109' ? 4_321 : expect.any(Number),
      currency: 'USD',
      state: 'authorized',
    });
    const others = t.body.data.filter((x: { id: string }) => x.id !== 'sandbox-payroc');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((x: { last_payment: unknown }) => x.last_payment === null)).toBe(true);
  });
});
