// The same POS calls against all five sandbox terminals: the same kinds of answers, shapes, states and
// error codes, whatever provider is behind the terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { http } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => {
  await d.stop();
});

const KEYED = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123', holder_name: 'Jane Doe' };

interface Terminal {
  readonly id: string;
  readonly provider: string;
  readonly currency: string;
  readonly card?: typeof KEYED;
  /** The sandbox's plain "declined" amount for this provider (see each sandbox's README). */
  readonly decline: number;
}

const TERMINALS: Terminal[] = [
  { id: 'sandbox-payroc', provider: 'payroc', currency: 'USD', card: KEYED, decline: 5101 },
  { id: 'sandbox-smartretry', provider: 'smartretry', currency: 'USD', card: KEYED, decline: 5102 },
  { id: 'sandbox-payporter', provider: 'payporter', currency: 'TRY', card: KEYED, decline: 5102 },
  { id: 'sandbox-blink', provider: 'blink', currency: 'GBP', decline: 5101 },
  { id: 'sandbox-lab4pay', provider: 'lab4pay', currency: 'EUR', decline: 5101 },
  { id: 'sandbox-zvt', provider: 'zvt', currency: 'EUR', decline: 5101 },
];

const preauth = (t: Terminal, reference: string, amount = 8_000) => ({
  terminal_id: t.id,
  amount,
  currency: t.currency,
  reference,
  ...(t.card ? { card: t.card } : {}),
});
const sandboxUrl = (t: Terminal) => d.daemon.sandboxes!.urls[t.provider]!;
const ZVT_STATES = { open: 'authorized', booked: 'captured', reversed: 'voided' } as const;
/** The provider's own record of a transaction's holds: the sandbox ledger, or the ZVT terminal's reservations (by receipt). */
const holds = async (t: Terminal, tx: { id: string; provider_reference: string | null }) => {
  if (t.provider === 'zvt') {
    return [...d.daemon.sandboxes!.zvt.terminal.reservations.values()]
      .filter((r) => String(r.receipt).padStart(4, '0') === tx.provider_reference)
      .map((r) => ({ state: ZVT_STATES[r.state] }));
  }
  return (
    (await http('GET', `${sandboxUrl(t)}/__sandbox/ledger`)).body.holds as { reference: string; state: string }[]
  ).filter((h) => h.reference === tx.id);
};
const shape = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(shape) : v && typeof v === 'object' ? Object.keys(v).sort() : typeof v;

describe.each(TERMINALS)('$provider terminal', (t) => {
  it('preauth → capture', async () => {
    const r = await d.call('POST', '/v1/preauths', preauth(t, `all-cap-${t.provider}`));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'authorized',
      amount_authorized: 8_000,
      currency: t.currency,
      provider: t.provider,
      final: true,
    });
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 7_000 });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 7_000 });
    expect(await holds(t, r.body)).toEqual([expect.objectContaining({ state: 'captured' })]);
  });

  it('preauth → void', async () => {
    const r = await d.call('POST', '/v1/preauths', preauth(t, `all-void-${t.provider}`));
    const v = await d.call('POST', `/v1/preauths/${r.body.id}/void`);
    expect(v.status).toBe(200);
    expect(v.body.state).toBe('voided');
    expect(await holds(t, r.body)).toEqual([expect.objectContaining({ state: 'voided' })]);
  });

  it('a decline is 402 card_declined with the declined transaction', async () => {
    const r = await d.call('POST', '/v1/preauths', preauth(t, `all-decline-${t.provider}`, t.decline));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({
      code: 'card_declined',
      status: 402,
      transaction: { state: 'declined', provider: t.provider },
    });
  });

  it('the same reference again is the same transaction, a different body is 409', async () => {
    const body = preauth(t, `all-dup-${t.provider}`);
    const a = await d.call('POST', '/v1/preauths', body);
    const b = await d.call('POST', '/v1/preauths', body);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(a.body.id);
    expect((await d.call('POST', '/v1/preauths', { ...body, amount: 8_001 })).body.code).toBe('reference_conflict');
    expect(await holds(t, a.body)).toHaveLength(1);
  });

  it('refuses, before anything is sent, a capture above the authorised amount', async () => {
    const r = await d.call('POST', '/v1/preauths', preauth(t, `all-over-${t.provider}`));
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 8_001 });
    expect(c.status).toBe(422);
    expect(c.body.code).toBe('amount_exceeds_authorized');
  });
});

describe('across providers', () => {
  it('every terminal answers in the same shape', async () => {
    const shapes = [];
    for (const t of TERMINALS) {
      const r = await d.call('POST', '/v1/preauths', preauth(t, `all-shape-${t.provider}`));
      shapes.push({ transaction: shape(r.body), card: shape(r.body.card), operation: shape(r.body.operations[0]) });
    }
    for (const s of shapes) expect(s).toEqual(shapes[0]);
  });

  it('validation errors are the same everywhere', async () => {
    for (const t of TERMINALS) {
      const r = await d.call('POST', '/v1/preauths', { ...preauth(t, `all-bad-${t.provider}`), amount: 0 });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'amount' }] });
    }
  });

  it('GET /v1/terminals lists all six with their capabilities', async () => {
    const list = (await d.call('GET', '/v1/terminals')).body.data as {
      id: string;
      provider: string;
      state: string;
      capabilities: { cardPresence: string };
    }[];
    expect(list.map((x) => x.id).sort()).toEqual(TERMINALS.map((x) => x.id).sort());
    for (const x of list) expect(x.state).not.toBe('needs_pairing');
    expect(list.find((x) => x.provider === 'blink')!.capabilities.cardPresence).toBe('card_present');
    expect(list.find((x) => x.provider === 'smartretry')!.capabilities.cardPresence).toBe('card_not_present');
  });
});
