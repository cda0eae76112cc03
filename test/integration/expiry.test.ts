// Holds expire: dated at authorisation, listed as expiring, warned about once, expired or voided at expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually } from '../helpers/http.js';

let offset = 0;
let d: TestDaemon;
const HOUR = 3_600_000;
beforeAll(async () => {
  d = await startTestDaemon(
    {
      holds: { default_hours: 168, per_provider: { smartretry: 48 }, warn_before_ms: 24 * HOUR },
      providers: { payroc: { api_key: 'set-by-sandbox' } },
      terminals: [
        { id: 'desk-auto', provider: 'payroc', processing_terminal_id: '1234001', auto_void_at_expiry: true },
      ],
    },
    { clock: { now: () => Date.now() + offset } },
  );
});
afterAll(async () => {
  await d.stop();
});

const events = (id: string, type: string) =>
  d.daemon.store.events.since(0, 100_000).filter((e) => e.transaction_id === id && e.type === type);

describe('hold expiry', () => {
  it('dates a hold from the provider default, lists it as expiring, warns once, then expires it', async () => {
    const r = await d.call('POST', '/v1/preauths', preauthBody('exp-1'));
    const authorizedAt = Date.parse(r.body.updated_at);
    expect(Date.parse(r.body.expires_at) - authorizedAt).toBeGreaterThanOrEqual(168 * HOUR - 1000);
    expect(Date.parse(r.body.expires_at) - authorizedAt).toBeLessThanOrEqual(168 * HOUR + 1000);
    const given = await d.call(
      'POST',
      '/v1/preauths',
      preauthBody('exp-given', 10_000, { expires_at: new Date(Date.now() + 2 * HOUR).toISOString() }),
    );
    expect(given.body.expires_at).toBe(new Date(Date.parse(given.body.expires_at)).toISOString());

    const soon = (await d.call('GET', '/v1/preauths?expiring_within=PT3H')).body.data.map(
      (t: { reference: string }) => t.reference,
    );
    expect(soon).toContain('exp-given');
    expect(soon).not.toContain('exp-1');
    expect(
      (await d.call('GET', '/v1/preauths?expiring_within=P8D')).body.data.map(
        (t: { reference: string }) => t.reference,
      ),
    ).toEqual(expect.arrayContaining(['exp-1', 'exp-given']));
    expect((await d.call('GET', '/v1/preauths?expiring_within=soon')).status).toBe(400);

    offset = 150 * HOUR; // within a day of exp-1's expiry
    await eventually(() => (events(r.body.id, 'hold.expiring').length === 1 ? true : undefined));
    await new Promise((res) => setTimeout(res, 1500));
    expect(events(r.body.id, 'hold.expiring')).toHaveLength(1);

    offset = 169 * HOUR;
    const expired = await eventually(async () => {
      const g = await d.call('GET', `/v1/preauths/${r.body.id}`);
      return g.body.state === 'expired' ? g.body : undefined;
    });
    expect(expired.final).toBe(true);
    expect(events(r.body.id, 'hold.expired')).toHaveLength(1);
    expect((await d.call('POST', `/v1/preauths/${r.body.id}/capture`, {})).status).toBe(409);
  });

  it("voids instead, on a terminal that asks for it, releasing the customer's funds", async () => {
    offset = 0;
    const r = await d.call('POST', '/v1/preauths', preauthBody('exp-auto', 3_000, { terminal_id: 'desk-auto' }));
    offset = 169 * HOUR;
    const voided = await eventually(async () => {
      const g = await d.call('GET', `/v1/preauths/${r.body.id}`);
      return g.body.state === 'voided' ? g.body : undefined;
    });
    expect(voided.operations.map((o: { kind: string }) => o.kind)).toEqual(['preauth', 'void']);
    expect((await d.ledger()).find((h) => h.reference === r.body.id)?.state).toBe('voided');
  });

  it("takes the provider's own default where one is configured", async () => {
    offset = 0;
    const r = await d.call('POST', '/v1/preauths', preauthBody('exp-sr', 4_000, { terminal_id: 'sandbox-smartretry' }));
    const hours = (Date.parse(r.body.expires_at) - Date.parse(r.body.updated_at)) / HOUR;
    expect(Math.round(hours)).toBe(48);
  });
});
