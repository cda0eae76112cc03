// The Blink sandbox reproduces every error its seed documents, with the same status and body, and follows
// Blink's other pages: the terminal list, completions, the request log and the EOD report.
// Sources: https://api-docs.blinkpayment.co.uk/docs/post-preauth-transactions (seed 001),
// …/docs/post-preauth-completions, …/docs/get-devices.md, …/docs/requestsdata-data, …/docs/eod-reports-data,
// …/apidocs/preauth-transactions and …/apidocs/preauth-completions (Blink's sandbox: /sandbox prefix, 200).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as undiciRequest } from 'undici';
import { BLINK_ERRORS, BLINK_FOLLOW_UP_ERRORS } from '../../bridge/sandbox/blink/errors.js';
import {
  BLINK_MAGIC,
  BLINK_SANDBOX_PROFILE,
  SANDBOX_BLINK_OFFLINE_TERMINAL,
  SANDBOX_BLINK_TERMINAL,
  startBlinkSandbox,
} from '../../bridge/sandbox/blink/server.js';
import { eventually, http } from '../helpers/http.js';

let sb: Awaited<ReturnType<typeof startBlinkSandbox>>;
beforeAll(async () => {
  sb = await startBlinkSandbox(0, { cardMs: 20 });
});
afterAll(async () => {
  await sb.close();
});

const basic = (k: string, s: string) => `Basic ${Buffer.from(`${k}:${s}`).toString('base64')}`;
const good = {
  authorization: basic('blink_pos_key', 'blink_pos_secret'),
  'user-agent': 'AcmeApp/1.2.0 (ReactNative; Android 11+; POS2.0+; Build/123)',
};
const seedBody = {
  site_branch_id: 'London',
  pos_location: 'POS-25',
  terminal_id: SANDBOX_BLINK_TERMINAL,
  operator_id: '706392',
  currency: 'GBP',
  requested_amount: '22.66',
  requested_validity_date: '2025-03-27T15:11:04+01:00',
  request_timestamp: '2025-03-13T15:11:04+01:00',
  metadata: { order_number: '2271574099' },
};
const preauth = (body: unknown, headers: Record<string, string> = good) =>
  http('POST', `${sb.url}/v1/card-present/preauth-transactions`, { body, headers });
const without = (field: string) => Object.fromEntries(Object.entries(seedBody).filter(([k]) => k !== field));

describe("blink sandbox: the seed's errors", () => {
  const cases: Array<[string, () => Promise<{ status: number; body: unknown }>, keyof typeof BLINK_ERRORS]> = [
    ['missing authorization header', () => preauth(seedBody, { 'user-agent': 'x' }), 'missingAuthorization'],
    ['missing currency', () => preauth(without('currency')), 'missingCurrency'],
    ['missing pos_location', () => preauth(without('pos_location')), 'missingPosLocation'],
    ['missing request_timestamp', () => preauth(without('request_timestamp')), 'missingRequestTimestamp'],
    ['missing requested_amount', () => preauth(without('requested_amount')), 'missingRequestedAmount'],
    [
      'missing requested_validity_date',
      () => preauth(without('requested_validity_date')),
      'missingRequestedValidityDate',
    ],
    ['missing site_branch_id', () => preauth(without('site_branch_id')), 'missingSiteBranchId'],
    ['missing terminal_id', () => preauth(without('terminal_id')), 'missingTerminalId'],
    [
      'acquirer token not found',
      () => preauth(seedBody, { ...good, authorization: basic('no-acquirer', 'x') }),
      'acquirerTokenNotFound',
    ],
    [
      'invalid acquirer token',
      () => preauth(seedBody, { ...good, authorization: basic('bad-acquirer', 'x') }),
      'acquirerTokenInvalid',
    ],
    [
      'invalid authorization header',
      () => preauth(seedBody, { ...good, authorization: 'Bearer abc' }),
      'invalidAuthorization',
    ],
    [
      'api key or secret invalid',
      () => preauth(seedBody, { ...good, authorization: basic('blink_pos_key', 'wrong') }),
      'invalidCredentials',
    ],
    ['invalid terminal_id (unknown)', () => preauth({ ...seedBody, terminal_id: 'T650M-999' }), 'unknownTerminal'],
    ['invalid currency', () => preauth({ ...seedBody, currency: 'XYZ' }), 'invalidCurrency'],
    ['invalid metadata', () => preauth({ ...seedBody, metadata: 'not json' }), 'invalidMetadata'],
    ['invalid operator_id', () => preauth({ ...seedBody, operator_id: 'x'.repeat(256) }), 'invalidOperatorId'],
    ['invalid pos_location', () => preauth({ ...seedBody, pos_location: 'x'.repeat(17) }), 'invalidPosLocation'],
    [
      'invalid request_timestamp',
      () => preauth({ ...seedBody, request_timestamp: 'yesterday' }),
      'invalidRequestTimestamp',
    ],
    [
      'invalid requested_amount',
      () => preauth({ ...seedBody, requested_amount: '1000000.00' }),
      'invalidRequestedAmount',
    ],
    [
      'invalid requested_validity_date',
      () => preauth({ ...seedBody, requested_validity_date: '27/03/2025' }),
      'invalidRequestedValidityDate',
    ],
    ['invalid site_branch_id', () => preauth({ ...seedBody, site_branch_id: 'x'.repeat(17) }), 'invalidSiteBranchId'],
    [
      'invalid terminal_id (too long)',
      () => preauth({ ...seedBody, terminal_id: 'x'.repeat(36) }),
      'invalidTerminalId',
    ],
    [
      'terminal unreachable',
      () => preauth({ ...seedBody, requested_amount: BLINK_MAGIC.UNREACHABLE }),
      'terminalUnreachable',
    ],
    ['operation timeout', () => preauth({ ...seedBody, requested_amount: BLINK_MAGIC.TIMEOUT }), 'operationTimeout'],
    [
      'lost connection',
      () => preauth({ ...seedBody, requested_amount: BLINK_MAGIC.LOST_AFTER_APPROVAL }),
      'lostConnection',
    ],
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
      const second = await http('POST', `${s.url}/v1/card-present/preauth-transactions`, {
        body: seedBody,
        headers: good,
      });
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

  it("answers the seed's success: 201, result, transaction_id, masked card, data echo", async () => {
    const r = await preauth(seedBody);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      result: 'SUCCESS',
      card_type: 'MasterCard',
      card_number: '546097******4213',
      card_mode: 'CONTACTLESS',
      data: seedBody,
    });
    expect(r.body.transaction_id).toMatch(/^[A-Z0-9]{16}$/);
  });

  it("completes for no more than authorised, once, with the pre-auth's SaleToPOIData (post-preauth-completions, guide step 2)", async () => {
    const p = (await preauth(seedBody)).body;
    expect(typeof p.SaleToPOIData).toBe('string');
    expect(JSON.parse(p.SaleToPOIData)).toMatchObject({ r: 'APPROVED', ts: 'SUCCESS' });
    const comp = (amount: string, extra: Record<string, unknown> = { SaleToPOIData: p.SaleToPOIData }) =>
      http('POST', `${sb.url}/v1/card-present/preauth-completions`, {
        headers: good,
        body: { ...seedBody, original_transaction_id: p.transaction_id, requested_amount: amount, ...extra },
      });
    expect(await comp('20.00', {})).toMatchObject({
      status: 400,
      body: BLINK_FOLLOW_UP_ERRORS.missingSaleToPOIData.body,
    });
    expect(await comp('20.00', { SaleToPOIData: '{"c":"00000"}' })).toMatchObject({
      status: 422,
      body: BLINK_FOLLOW_UP_ERRORS.invalidSaleToPOIData.body,
    });
    expect((await comp('22.67')).status).toBe(422);
    const done = await comp('20.00');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      result: 'SUCCESS',
      card_type: 'MasterCard',
      transaction_id: expect.stringMatching(/^[A-Z0-9]{16}$/),
    });
    expect((await comp('20.00')).status).toBe(422);
  });

  it('lists terminals in a {"terminals": [...]} envelope (get-devices.md)', async () => {
    const r = await http('GET', `${sb.url}/v1/card-present/terminals`, { headers: good });
    expect(Object.keys(r.body)).toEqual(['terminals']);
    expect(r.body.terminals.map((t: { terminal_id: string; state: string }) => `${t.terminal_id}:${t.state}`)).toEqual([
      'T650M-451-962-212:CONNECTED',
      'T650M-000-000-000:DISCONNECTED',
    ]);
    expect(Object.keys(r.body.terminals[0]).sort()).toEqual([
      'device_software_version',
      'last_active_at',
      'last_connected_at',
      'last_connected_pos',
      'serial_number',
      'state',
      'terminal_id',
    ]);
  });
});

describe('blink sandbox: the request log and EOD report (docs/requestsdata-data, docs/eod-reports-data)', () => {
  const today = () =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  const log = (s: { url: string }, terminal = SANDBOX_BLINK_TERMINAL, query = `?date=${today()}`) =>
    http('GET', `${s.url}/v1/card-present/terminals/${terminal}/requests${query}`, { headers: good });
  const eod = (s: { url: string }, query = `?date=${today()}`) =>
    http('GET', `${s.url}/v1/card-present/terminals/${SANDBOX_BLINK_TERMINAL}/eod-reports${query}`, { headers: good });
  const tagged = (ref: string, amount = '22.66') => ({
    ...seedBody,
    requested_amount: amount,
    metadata: { reference: ref },
  });
  type Entry = {
    id: string;
    request: {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: { metadata?: { reference?: string } };
      timestamp: string;
    };
    response: { code: string; message: string; body: { result?: string; transaction_id?: string } } | null;
  };
  const mine = async (s: { url: string }, ref: string) =>
    ((await log(s)).body.requests as Entry[]).filter((e) => e.request.body.metadata?.reference === ref);

  it('logs each request with the answer Blink gave, in the documented shape, without the credentials', async () => {
    const r = await preauth(tagged('log-1'));
    const [entry] = await mine(sb, 'log-1');
    expect(entry).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      request: {
        method: 'POST',
        url: expect.stringMatching(/\/v1\/card-present\/preauth-transactions$/),
        body: tagged('log-1'),
        timestamp: expect.stringMatching(/Z$/),
      },
      response: { code: '201', message: 'Created', body: r.body },
    });
    expect(entry!.request.headers.authorization).toBeUndefined();
    expect(entry!.request.headers['user-agent']).toBe(good['user-agent']);
  });

  it('a request still at the terminal is logged with no answer yet; its answer is logged even after the caller hung up', async () => {
    const s = await startBlinkSandbox(0, { cardMs: 600 });
    try {
      const aborter = new AbortController();
      const pending = undiciRequest(`${s.url}/v1/card-present/preauth-transactions`, {
        method: 'POST',
        headers: { ...good, 'content-type': 'application/json' },
        body: JSON.stringify(tagged('log-hangup')),
        signal: aborter.signal,
      }).catch(() => undefined);
      const waiting = await eventually(async () => (await mine(s, 'log-hangup'))[0]);
      expect(waiting.response).toBeNull();
      aborter.abort();
      await pending;
      const answered = await eventually(
        async () => ((await mine(s, 'log-hangup'))[0]?.response ? (await mine(s, 'log-hangup'))[0] : undefined),
        5_000,
      );
      expect(answered.response).toMatchObject({
        code: '201',
        body: { result: 'SUCCESS', SaleToPOIData: expect.any(String) },
      });
      expect(s.sandbox.ledger().filter((h) => h.reference === 'log-hangup')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('the EOD report holds what the terminal did, including an approval whose answer was lost (503.03) and a lost decline (503.04)', async () => {
    expect((await preauth(tagged('eod-lost', BLINK_MAGIC.LOST_AFTER_APPROVAL))).status).toBe(503);
    expect((await preauth(tagged('eod-lost-decline', BLINK_MAGIC.LOST_AFTER_DECLINE))).status).toBe(503);
    expect((await preauth(tagged('eod-timeout', BLINK_MAGIC.TIMEOUT))).status).toBe(503);
    const lines = (await eod(sb)).body as {
      metadata: { reference?: string };
      status: string;
      requested_amount: number;
      payment_method: string;
      transaction_id: string;
    }[];
    const of = (ref: string) => lines.filter((l) => l.metadata.reference === ref);
    expect(of('eod-lost')).toEqual([
      expect.objectContaining({
        status: 'Success',
        requested_amount: 503.03,
        payment_method: 'preauth-transactions',
        currency: 'GBP',
        terminal_id: SANDBOX_BLINK_TERMINAL,
      }),
    ]);
    expect(of('eod-lost-decline')).toEqual([expect.objectContaining({ status: 'Failure' })]);
    expect(of('eod-timeout')).toEqual([]); // the customer never finished: no transaction
    expect((await mine(sb, 'eod-lost'))[0]!.response).toMatchObject({
      code: '503',
      body: BLINK_ERRORS.lostConnection.body,
    });
    expect(Object.keys(lines[0]!).sort()).toEqual([
      'currency',
      'metadata',
      'operator_id',
      'payment_method',
      'pos_location',
      'request_timestamp',
      'requested_amount',
      'site_branch_id',
      'status',
      'terminal_id',
      'transaction_id',
    ]);
  });

  it('is read from the cloud: served for an offline terminal, empty for another day, 404 for an unknown terminal, 422 for a bad date', async () => {
    await preauth({ ...seedBody, terminal_id: SANDBOX_BLINK_OFFLINE_TERMINAL, metadata: { reference: 'offline-1' } });
    const offline = (await log(sb, SANDBOX_BLINK_OFFLINE_TERMINAL)).body.requests as Entry[];
    expect(offline.find((e) => e.request.body.metadata?.reference === 'offline-1')!.response).toMatchObject({
      code: '503',
      body: BLINK_ERRORS.terminalUnreachable.body,
    });
    expect((await log(sb, SANDBOX_BLINK_TERMINAL, '?date=2001-01-01')).body).toEqual({ requests: [] });
    expect(await log(sb, 'T650M-999')).toMatchObject({ status: 404, body: BLINK_ERRORS.unknownTerminal.body });
    expect(await log(sb, SANDBOX_BLINK_TERMINAL, '?date=24-03-2025')).toMatchObject({
      status: 422,
      body: BLINK_FOLLOW_UP_ERRORS.invalidDate.body,
    });
    expect((await log(sb, SANDBOX_BLINK_TERMINAL, '')).body.requests.length).toBeGreaterThan(0); // docs/request: "The default is the current date"
    expect(
      (await http('GET', `${sb.url}/v1/card-present/devices/${SANDBOX_BLINK_TERMINAL}/requests`, { headers: good }))
        .status,
    ).toBe(200);
    expect(
      (
        await http('GET', `${sb.url}/v1/card-present/terminals/${SANDBOX_BLINK_TERMINAL}/requests`, {
          headers: { 'user-agent': 'x' },
        })
      ).status,
    ).toBe(400);
  });
});

describe("blink sandbox: Blink's own sandbox profile (apidocs/preauth-transactions, apidocs/preauth-completions)", () => {
  it('serves /sandbox/v1/card-present/… and answers 200; a completion without amount completes the whole hold', async () => {
    const s = await startBlinkSandbox(0, { cardMs: 5, ...BLINK_SANDBOX_PROFILE });
    try {
      const base = `${s.url}/sandbox/v1/card-present`;
      expect(
        (await http('POST', `${s.url}/v1/card-present/preauth-transactions`, { headers: good, body: seedBody })).status,
      ).toBe(404);
      const p = await http('POST', `${base}/preauth-transactions`, {
        headers: good,
        body: { ...seedBody, order_number: '8531', is_receipt_required: false, metadata: {} },
      });
      expect(p).toMatchObject({ status: 200, body: { result: 'SUCCESS' } });
      // The sandbox page's completion example: no currency, no requested_amount.
      const c = await http('POST', `${base}/preauth-completions`, {
        headers: good,
        body: {
          site_branch_id: 'London',
          pos_location: 'POS-01',
          terminal_id: SANDBOX_BLINK_TERMINAL,
          operator_id: '1122',
          metadata: {},
          original_transaction_id: p.body.transaction_id,
          request_timestamp: '2026-01-22T16:23:08+01:00',
          SaleToPOIData: p.body.SaleToPOIData,
        },
      });
      expect(c.status).toBe(200);
      expect(s.sandbox.ledger()[0]).toMatchObject({ state: 'captured', captured: 2266 });
      expect((await http('GET', `${base}/terminals`, { headers: good })).body.terminals).toHaveLength(2);
      expect(
        (await http('GET', `${base}/terminals/${SANDBOX_BLINK_TERMINAL}/requests`, { headers: good })).body.requests,
      ).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it('requireSaleToPOIData: false accepts the live completion example as printed (no SaleToPOIData)', async () => {
    const s = await startBlinkSandbox(0, { cardMs: 5, requireSaleToPOIData: false });
    try {
      const p = (await http('POST', `${s.url}/v1/card-present/preauth-transactions`, { headers: good, body: seedBody }))
        .body;
      const c = await http('POST', `${s.url}/v1/card-present/preauth-completions`, {
        headers: good,
        body: { ...seedBody, original_transaction_id: p.transaction_id, requested_amount: '20.00' },
      });
      expect(c.status).toBe(201);
    } finally {
      await s.close();
    }
  });
});
