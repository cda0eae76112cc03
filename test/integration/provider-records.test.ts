// Each provider's records reader against its sandbox over loopback, through the shared HTTP executor as a
// reconciliation sends it: Payroc's payment list paged past one page and limited to the day
// (payroc/payroc-sdk-js ListPaymentsRequest.ts: dateFrom, dateTo, processingTerminalId, after, limit;
// PaginatedList.ts: hasMore, links), and SmartRetry's status per payment, whose 404 TRANSACTION_NOT_FOUND
// (https://www.smartretry.com/docs/api-reference/errors) is a payment missing at the provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { recordsOf } from '../../bridge/core/provider-records.js';
import { fetchRecords } from '../../bridge/engine/reconcile/fetch.js';
import { HttpExecutor } from '../../bridge/engine/http-executor.js';
import { payrocConnector } from '../../bridge/providers/payroc/connector.js';
import { smartRetryConnector } from '../../bridge/providers/smartretry/connector.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { startSmartRetrySandbox } from '../../bridge/sandbox/smartretry/server.js';
import { http } from '../helpers/http.js';
import { storedSettings } from '../helpers/terminal-settings.js';

let clock = Date.parse('2026-12-01T10:00:00.000Z');
let payroc: RunningSandbox;
let smartretry: Awaited<ReturnType<typeof startSmartRetrySandbox>>;
const limits = { budgetMs: 10_000, pauseMs: 0, maxRequests: 50, sleep: async () => undefined };
const executor = new HttpExecutor({ timeoutMs: 5_000, connectTimeoutMs: 2_000 }, { now: () => Date.now() });

beforeAll(async () => {
  payroc = await startPayrocSandbox(0, { now: () => clock });
  smartretry = await startSmartRetrySandbox(0, { processingMs: 50 });
});
afterAll(async () => {
  await executor.close();
  await payroc.close();
  await smartretry.close();
});

describe('Payroc payment list', () => {
  const cfg = () =>
    parseConfig({
      providers: {
        payroc: {
          api_url: `${payroc.url}/v1`,
          identity_url: `${payroc.url}/authorize`,
          api_key: SANDBOX_PAYROC_API_KEY,
        },
      },
    }).providers.payroc!;

  it('reads every payment of the day on the terminal, page after page, and none of another day or terminal', async () => {
    const connector = payrocConnector(cfg(), SANDBOX_PAYROC_API_KEY);
    const settings = storedSettings(connector, { processing_terminal_id: '1234001' });
    clock = Date.parse('2026-11-30T23:30:00.000Z'); // the day before
    payroc.sandbox.ledger.addForeign('1234001', 100, 'USD');
    clock = Date.parse('2026-12-01T10:00:00.000Z');
    for (let i = 0; i < 130; i++) payroc.sandbox.ledger.addForeign('1234001', 1_000 + i, 'USD');
    payroc.sandbox.ledger.addForeign('9999001', 500, 'USD'); // another terminal
    clock = Date.parse('2026-12-02T00:00:00.000Z'); // the next day's first instant
    payroc.sandbox.ledger.addForeign('1234001', 200, 'USD');
    const before = (await http('GET', `${payroc.url}/__sandbox/requests`)).body.requests.length as number;

    const fetched = await fetchRecords(
      {
        reader: recordsOf(connector)!,
        send: (r, signal) => executor.execute(r, connector.authFor!({ id: 't1', currency: null, settings }), signal),
      },
      {
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-02T00:00:00.000Z',
        ours: [],
        terminals: [{ id: 't1', settings }],
      },
      limits,
    );
    expect(fetched.kind).toBe('read');
    if (fetched.kind !== 'read') return;
    expect(fetched.theirs).toHaveLength(130);
    expect(new Set(fetched.theirs.map((t) => t.providerRef)).size).toBe(130);
    expect(fetched.theirs[0]).toMatchObject({
      state: 'authorized',
      authorized: 1_000,
      currency: 'USD',
      captured: null,
    });
    const lists = ((await http('GET', `${payroc.url}/__sandbox/requests`)).body.requests as Array<{ path: string }>)
      .slice(before)
      .filter((r) => r.path.startsWith('/v1/payments'));
    expect(lists).toHaveLength(2);
    expect(lists[0]!.path).toContain('dateFrom=2026-12-01T00%3A00%3A00.000Z');
    expect(lists[1]!.path).toContain('after=');
  });

  it('says it could not check when the list answers 500, never an empty day', async () => {
    const connector = payrocConnector(cfg(), SANDBOX_PAYROC_API_KEY);
    const settings = storedSettings(connector, { processing_terminal_id: '1234001' });
    await http('POST', `${payroc.url}/__sandbox/faults`, {
      body: { faults: [{ kind: 'http_500' }], method: 'GET', path_prefix: '/v1/payments' },
    });
    const fetched = await fetchRecords(
      {
        reader: recordsOf(connector)!,
        send: (r, signal) => executor.execute(r, connector.authFor!({ id: 't1', currency: null, settings }), signal),
      },
      {
        from: '2026-12-05T00:00:00.000Z',
        to: '2026-12-06T00:00:00.000Z',
        ours: [],
        terminals: [{ id: 't1', settings }],
      },
      limits,
    );
    expect(fetched).toEqual({ kind: 'could_not_check', why: "Payroc's payment list answered 500" });
  });
});

describe('SmartRetry status per payment', () => {
  it('reads a payment as SmartRetry has it, and one it does not know as missing', async () => {
    const cfg = parseConfig({
      providers: { smartretry: { api_url: smartretry.url, api_key: 'sk_test_posbridge_sandbox' } },
    }).providers.smartretry!;
    const connector = smartRetryConnector(cfg, 'sk_test_posbridge_sandbox');
    const settings = storedSettings(connector, { terminal_friendly_id: 'SBX001' });
    const created = await http('POST', `${smartretry.url}/v1/payments/preauth/SBX001`, {
      headers: { 'x-api-key': 'sk_test_posbridge_sandbox' },
      body: {
        merchant_transaction_id: 'pa-known',
        amount: 12.5,
        currency: 'USD',
        order: {
          payment_instrument: {
            card_number: '4111111111111111',
            expiry_month: 12,
            expiry_year: 2035,
            payment_method: 'cards',
          },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    await new Promise((r) => setTimeout(r, 200)); // the sandbox settles a pre-auth after processingMs
    const ref = (id: string, txId: string) => ({
      transactionId: txId,
      terminalId: 't1',
      currency: 'USD',
      providerRef: id,
      providerRefs: { transaction_id: id, order_id: 'o' },
      captureRef: null,
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    const fetched = await fetchRecords(
      { reader: recordsOf(connector)!, send: (r, signal) => executor.execute(r, undefined, signal) },
      {
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-02T00:00:00.000Z',
        ours: [ref(created.body.transaction_id, 'pa-known'), ref('NOPE0000', 'pa-unknown')],
        terminals: [{ id: 't1', settings }],
      },
      limits,
    );
    expect(fetched).toEqual({
      kind: 'read',
      theirs: [
        expect.objectContaining({
          providerRef: created.body.transaction_id,
          transactionId: 'pa-known',
          state: 'authorized',
          authorized: 1_250,
          currency: 'USD',
          status: 'APPROVED',
        }),
      ],
      missing: ['pa-unknown'],
      failed: [],
    });
  });
});
