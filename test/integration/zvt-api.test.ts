// A ZVT terminal through the localhost API, exactly as the cloud terminals: `sandbox-zvt` is the
// simulator on TCP that `start --sandbox` runs. The simulator's reservations are the terminal's truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZVT_DECLINE_AMOUNT } from '../../bridge/sandbox/zvt/terminal.js';
import { openDatabase } from '../../native/sqlite.js';
import { join } from 'node:path';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => {
  await d.stop();
});

const body = (reference: string, amount = 4_200) => ({
  terminal_id: 'sandbox-zvt',
  amount,
  currency: 'EUR',
  reference,
});
const terminal = () => d.daemon.sandboxes!.zvt.terminal;
const reservation = (receipt: string) => terminal().reservations.get(Number(receipt));

describe('ZVT through the API (sandbox-zvt)', () => {
  it('preauth → capture books the final amount on the terminal and keeps its receipt', async () => {
    const r = await d.call('POST', '/v1/preauths', body('zvt-cap'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: 'authorized',
      amount_authorized: 4_200,
      provider: 'zvt',
      card: { masked_pan: '672559******1234', entry_mode: 'card_present' },
    });
    const receipt = r.body.provider_reference as string;
    expect(reservation(receipt)).toMatchObject({ state: 'open', amount: 4_200 });
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, { amount: 4_000 });
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 4_000 });
    expect(reservation(receipt)).toMatchObject({ state: 'booked', booked: 4_000 });
    expect(c.body.operations.at(-1).receipt_text).toContain('EUR 40.00');
  });

  it('preauth → adjust extends the reservation by the difference, then capture', async () => {
    const r = await d.call('POST', '/v1/preauths', body('zvt-adj', 3_000));
    const a = await d.call('POST', `/v1/preauths/${r.body.id}/adjust`, { amount: 5_000 });
    expect(a.body).toMatchObject({ state: 'authorized', amount_authorized: 5_000 });
    expect(reservation(r.body.provider_reference)).toMatchObject({ state: 'open', amount: 5_000 });
    const c = await d.call('POST', `/v1/preauths/${r.body.id}/capture`, {});
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 5_000 });
  });

  it('an adjust downwards is refused with a clear reason and changes nothing', async () => {
    const r = await d.call('POST', '/v1/preauths', body('zvt-adj-down', 3_000));
    const a = await d.call('POST', `/v1/preauths/${r.body.id}/adjust`, { amount: 2_000 });
    expect(a.status).toBe(422);
    expect(a.body).toMatchObject({
      code: 'operation_not_supported',
      transaction: { state: 'authorized', amount_authorized: 3_000 },
    });
    expect(reservation(r.body.provider_reference)).toMatchObject({ state: 'open', amount: 3_000 });
  });

  it('preauth → void reverses the reservation', async () => {
    const r = await d.call('POST', '/v1/preauths', body('zvt-void'));
    const v = await d.call('POST', `/v1/preauths/${r.body.id}/void`);
    expect(v.body.state).toBe('voided');
    expect(reservation(r.body.provider_reference)).toMatchObject({ state: 'reversed' });
  });

  it("a decline at the terminal is a decline, with the terminal's display texts as events", async () => {
    const r = await d.call('POST', '/v1/preauths', body('zvt-decline', ZVT_DECLINE_AMOUNT));
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ code: 'card_declined', transaction: { state: 'declined' } });
    const db = openDatabase(join(d.dataDir, 'posbridge.sqlite'), { readonly: true });
    try {
      const texts = (
        db
          .prepare(`SELECT data_json FROM events WHERE type = 'terminal.display' AND transaction_id = ?`)
          .all(r.body.transaction.id) as { data_json: string }[]
      ).map((e) => JSON.parse(e.data_json).text);
      // posbridge does not ask for TLV, so the terminal sends each status as its code alone (as the Feig
      // does: 04 FF 01 17) and the driver shows the specification's text for the code.
      expect(texts).toEqual(['Insert card', 'Please wait...', 'Declined']);
    } finally {
      db.close();
    }
  });

  it('the POS cancels while the terminal waits for the card: abort 06 B0, nothing reserved', async () => {
    terminal().cardMs = 3_000;
    try {
      const before = terminal().reservations.size;
      const pending = d.call('POST', '/v1/preauths', { ...body('zvt-abort') }, { prefer: 'respond-async' });
      const started = await pending;
      const id = started.body.id as string;
      await eventually(async () => expect((await d.call('GET', `/v1/preauths/${id}`)).body.state).toBe('in_progress'));
      const c = await d.call('POST', `/v1/preauths/${id}/cancel`);
      expect(c.status).toBeLessThan(300);
      await eventually(async () =>
        expect((await d.call('GET', `/v1/preauths/${id}`)).body).toMatchObject({
          state: 'failed',
          error: { code: 'cancelled' },
        }),
      );
      expect(terminal().reservations.size).toBe(before);
    } finally {
      terminal().cardMs = 200;
    }
  });
});
