// The Blink sandbox reproduces every error its seed documents, with the same status and body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLINK_ERRORS } from '../../bridge/sandbox/blink/errors.js';
import { BLINK_MAGIC, SANDBOX_BLINK_TERMINAL, startBlinkSandbox } from '../../bridge/sandbox/blink/server.js';
import { http } from '../helpers/http.js';

let sb: Awaited<ReturnType<typeof startBlinkSandbox>>;
beforeAll(async () => { sb = await startBlinkSandbox(0, { cardMs: 20 }); });
afterAll(async () => { await sb.close(); });

const basic = (k: string, s: string) => `Basic ${Buffer.from(`${k}:${s}`).toString('base64')}`;
const good = { authorization: basic('blink_pos_key', 'blink_pos_secret'), 'user-agent': 'AcmeApp/1.2.0 (ReactNative; Android 11+; POS2.0+; Build/123)' };
const seedBody = {
  site_branch_id: 'London', pos_location: 'POS-25', terminal_id: SANDBOX_BLINK_TERMINAL, operator_id: '706392', currency: 'GBP', requested_amount: '22.66',
  requested_validity_date: '2025-03-27T15:11:04+01:00', request_timestamp: '2025-03-13T15:11:04+01:00', metadata: { order_number: '2271574099' },
};
const preauth = (body: unknown, headers: Record<string, string> = good) => http('POST', `${sb.url}/v1/card-present/preauth-transactions`, { body, headers });
const without = (field: string) => Object.fromEntries(Object.entries(seedBody).filter(([k]) => k !== field));

describe('blink sandbox: the seed\'s errors', () => {
  const cases: Array<[string, () => Promise<{ status: number; body: unknown }>, keyof typeof BLINK_ERRORS]> = [
    ['missing authorization header', () => preauth(seedBody, { 'user-agent': 'x' }), 'missingAuthorization'],
    ['missing currency', () => preauth(without('currency')), 'missingCurrency'],
    ['missing pos_location', () => preauth(without('pos_location')), 'missingPosLocation'],
    ['missing request_timestamp', () => preauth(without('request_timestamp')), 'missingRequestTimestamp'],
    ['missing requested_amount', () => preauth(without('requested_amount')), 'missingRequestedAmount'],
    ['missing requested_validity_date', () => preauth(without('requested_validity_date')), 'missingRequestedValidityDate'],
    ['missing site_branch_id', () => preauth(without('site_branch_id')), 'missingSiteBranchId'],
    ['missing terminal_id', () => preauth(without('terminal_id')), 'missingTerminalId'],
    ['acquirer token not found', () => preauth(seedBody, { ...good, authorization: basic('no-acquirer', 'x') }), 'acquirerTokenNotFound'],
    ['invalid acquirer token', () => preauth(seedBody, { ...good, authorization: basic('bad-acquirer', 'x') }), 'acquirerTokenInvalid'],
    ['invalid authorization header', () => preauth(seedBody, { ...good, authorization: 'Bearer abc' }), 'invalidAuthorization'],
    ['api key or secret invalid', () => preauth(seedBody, { ...good, authorization: basic('blink_pos_key', 'wrong') }), 'invalidCredentials'],
    ['invalid terminal_id (unknown)', () => preauth({ ...seedBody, terminal_id: 'T650M-999' }), 'unknownTerminal'],
    ['invalid currency', () => preauth({ ...seedBody, currency: 'XYZ' }), 'invalidCurrency'],
    ['invalid metadata', () => preauth({ ...seedBody, metadata: 'not json' }), 'invalidMetadata'],
    ['invalid operator_id', () => preauth({ ...seedBody, operator_id: 'x'.repeat(256) }), 'invalidOperatorId'],
    ['invalid pos_location', () => preauth({ ...seedBody, pos_location: 'x'.repeat(17) }), 'invalidPosLocation'],
    ['invalid request_timestamp', () => preauth({ ...seedBody, request_timestamp: 'yesterday' }), 'invalidRequestTimestamp'],
    ['invalid requested_amount', () => preauth({ ...seedBody, requested_amount: '1000000.00' }), 'invalidRequestedAmount'],
    ['invalid requested_validity_date', () => preauth({ ...seedBody, requested_validity_date: '27/03/2025' }), 'invalidRequestedValidityDate'],
    ['invalid site_branch_id', () => preauth({ ...seedBody, site_branch_id: 'x'.repeat(17) }), 'invalidSiteBranchId'],
    ['invalid terminal_id (too long)', () => preauth({ ...seedBody, terminal_id: 'x'.repeat(36) }), 'invalidTerminalId'],
    ['terminal unreachable', () => preauth({ ...seedBody, requested_amount: BLINK_MAGIC.UNREACHABLE }), 'terminalUnreachable'],
    ['operation timeout', () => preauth({ ...seedBody, requested_amount: BLINK_MAGIC.TIMEOUT }), 'operationTimeout'],
    ['lost connection', () => preauth({ ...seedBody, requested_amount: BLINK_MAGIC.LOST_AFTER_APPROVAL }), 'lostConnection'],
  ];
  for (const [name, send, expected] of cases) {
    it(name, async () => {
      const r = await send();
      expect(r.status).toBe(BLINK_ERRORS[expected].status);
      expect(r.body).toEqual(BLINK_ERRORS[expected].body);
    });
  }

  it('terminal busy (429) while another request is at the terminal', async () => {
    const slow = startBlinkSandbox(0, { cardMs: 300 });
    const s = await slow;
    try {
      const first = http('POST', `${s.url}/v1/card-present/preauth-transactions`, { body: seedBody, headers: good });
      await new Promise((r) => setTimeout(r, 50));
      const second = await http('POST', `${s.url}/v1/card-present/preauth-transactions`, { body: seedBody, headers: good });
      expect(second.status).toBe(429);
      expect(second.body).toEqual(BLINK_ERRORS.terminalBusy.body);
      expect((await first).status).toBe(201);
    } finally {
      await s.close();
    }
  });

  it('generic 500 (fault http_500)', async () => {
    await http('POST', `${sb.url}/__sandbox/faults`, { body: { faults: [{ kind: 'http_500' }] } });
    const r = await preauth(seedBody);
    expect(r.status).toBe(500);
    expect(r.body).toEqual(BLINK_ERRORS.generic.body);
  });

  it('answers the seed\'s success: 201, result, transaction_id, masked card, data echo', async () => {
    const r = await preauth(seedBody);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ result: 'SUCCESS', card_type: 'MasterCard', card_number: '546097******4213', card_mode: 'CONTACTLESS', data: seedBody });
    expect(r.body.transaction_id).toMatch(/^[A-Z0-9]{16}$/);
  });

  it('completes for no more than authorised, once', async () => {
    const p = (await preauth(seedBody)).body;
    const comp = (amount: string) => http('POST', `${sb.url}/v1/card-present/preauth-completions`, { headers: good, body: { ...seedBody, original_transaction_id: p.transaction_id, requested_amount: amount } });
    expect((await comp('22.67')).status).toBe(422);
    expect((await comp('20.00')).status).toBe(201);
    expect((await comp('20.00')).status).toBe(422);
  });

  it('lists terminals with their connection state', async () => {
    const r = await http('GET', `${sb.url}/v1/card-present/terminals`, { headers: good });
    expect(r.body.data.map((t: { terminal_id: string; state: string }) => `${t.terminal_id}:${t.state}`)).toEqual(['T650M-451-962-212:CONNECTED', 'T650M-000-000-000:DISCONNECTED']);
  });
});
