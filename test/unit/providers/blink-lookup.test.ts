// The Blink lookup: our request found in the terminal's request log by the metadata we sent, its logged
// answer read as a live one; the EOD report when the log cannot tell; the right days around midnight.
// Sources: https://api-docs.blinkpayment.co.uk/docs/requestsdata-data (the log: {"requests": [{id,
// request: {method, url, headers, body, timestamp}, response: {code, message, body}}]}, by date, from
// the cloud) and https://api-docs.blinkpayment.co.uk/docs/eod-reports-data (the EOD report: an array of
// {request_timestamp, …, status, requested_amount, transaction_id, terminal_id, metadata}).
import { describe, expect, it } from 'vitest';
import type { BlinkTerminalSettings } from '../../../bridge/providers/blink/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { blinkConnector } from '../../../bridge/providers/blink/connector.js';
import { candidateDays } from '../../../bridge/providers/blink/days.js';
import type { HttpReply, HttpRequestSpec, LookupStep, OperationContext } from '../../../bridge/core/connector.js';
import { BLINK_ERRORS } from '../../../bridge/sandbox/blink/errors.js';

const cfg = parseConfig({ providers: { blink: { pos_api_key: 'k', pos_api_secret: 's' } } }).providers.blink!;
const blink = blinkConnector(cfg, 'k', 's', '1.0.0');
const TID = 'T650P-453-120-569-TEST-05';
const SALE = '{"c":"31438","p":"CREDIT","r":"APPROVED","rc":"5","ts":"SUCCESS","t":"4012563997"}';

function ctx(
  kind: OperationContext['kind'] = 'preauth',
  createdAt = '2025-08-04T10:00:00.000Z',
  now = '2025-08-04T10:05:00.000Z',
  opCreatedAt = now,
): OperationContext<BlinkTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'tx-1',
      reference: 'pos-1',
      currency: 'GBP',
      amountRequested: 2266,
      amountAuthorized: kind === 'preauth' ? null : 2266,
      providerRef: kind === 'preauth' ? null : 'ORIG',
      providerRefs: {},
      operator: null,
      expiresAt: null,
      createdAt,
    },
    operation: {
      id: 'op-9',
      amount: kind === 'capture' ? 2000 : null,
      idempotencyKey: 'k',
      providerRef: null,
      createdAt: opCreatedAt,
    },
    terminal: {
      id: 'till',
      currency: 'GBP',
      settings: storedSettings(blink, { blink_terminal_id: TID, site_branch_id: 'London', pos_location: 'POS-1' }),
    },
    now,
  };
}

const ok = (body: unknown): HttpReply => ({ status: 200, headers: {}, body });
const logged = (path: string, metadata: unknown, response: unknown, extra: Record<string, unknown> = {}) => ({
  id: '550e8400-e29b-41d4-a716-446655440000',
  request: {
    method: 'POST',
    url: `https://api.blinkpayment.co.uk/v1/card-present/${path}`,
    headers: {},
    body: { terminal_id: TID, metadata, request_timestamp: '2025-08-04T10:00:01.000Z', ...extra },
    timestamp: '2025-08-04T10:00:01.113Z',
  },
  response,
});
const approved = {
  code: '201',
  message: 'Created',
  body: {
    result: 'SUCCESS',
    transaction_id: 'BLINK1',
    card_type: 'Visa',
    card_number: '4111******1111',
    card_mode: 'CHIP',
    SaleToPOIData: SALE,
    data: {},
  },
};

/** Plays one lookup step as the engine does (bridge/engine/step.ts): up to four requests. */
function step(
  c: OperationContext<BlinkTerminalSettings>,
  answer: (url: string) => HttpReply,
): { result: LookupStep; urls: string[] } {
  let request: HttpRequestSpec = blink.lookup!(c)!;
  const urls: string[] = [];
  for (let n = 1; n <= 4; n++) {
    urls.push(request.url);
    const result = blink.parseLookup!(c, answer(request.url), request);
    if (result.kind !== 'next') return { result, urls };
    request = result.request;
  }
  return { result: { kind: 'inconclusive', reason: 'more than four requests' }, urls };
}
const path = (url: string) => url.replace('https://api.blinkpayment.co.uk', '');

describe('blink lookup: the request log', () => {
  it('asks for the day the POS asked, at the documented path', () => {
    expect(blink.lookup!(ctx())).toMatchObject({
      method: 'GET',
      url: `https://api.blinkpayment.co.uk/v1/card-present/terminals/${TID}/requests?date=2025-08-04`,
    });
  });

  it('an approval in the log settles the pre-auth, with its SaleToPOIData and the original request_timestamp', () => {
    const { result, urls } = step(ctx(), () =>
      ok({
        requests: [
          logged('sales', { order_number: 'x' }, approved),
          logged('preauth-transactions', { reference: 'tx-1', pos_reference: 'pos-1' }, approved),
        ],
      }),
    );
    expect(urls).toHaveLength(1);
    expect(result).toEqual({
      kind: 'found',
      outcome: {
        kind: 'approved',
        approval: {
          providerRef: 'BLINK1',
          amountAuthorized: 2266,
          card: { brand: 'visa', maskedPan: '4111******1111', entryMode: 'chip' },
          providerRefs: {
            transaction_id: 'BLINK1',
            SaleToPOIData: SALE,
            request_timestamp: '2025-08-04T10:00:01.000Z',
          },
        },
      },
    });
  });

  it('a logged request without an answer yet is inconclusive (the terminal is still working), not "not found"', () => {
    for (const response of [undefined, null, {}]) {
      const { result } = step(ctx(), () =>
        ok({ requests: [logged('preauth-transactions', { reference: 'tx-1' }, response)] }),
      );
      expect(result).toMatchObject({ kind: 'inconclusive', reason: expect.stringMatching(/not answered yet/) });
    }
  });

  it('a decline, an operation timeout, a refusal in the log settle it as they would have live', () => {
    const one = (response: unknown) =>
      step(ctx(), () => ok({ requests: [logged('preauth-transactions', { reference: 'tx-1' }, response)] })).result;
    expect(one({ code: '201', body: { result: 'FAILURE', message: 'Declined' } })).toMatchObject({
      kind: 'found',
      outcome: { kind: 'declined', code: 'card_declined' },
    });
    expect(one({ code: 503, body: BLINK_ERRORS.operationTimeout.body })).toMatchObject({
      kind: 'found',
      outcome: { kind: 'rejected', code: 'terminal_timeout' },
    });
    expect(one({ code: '422', body: BLINK_ERRORS.invalidCurrency.body })).toMatchObject({
      kind: 'found',
      outcome: { kind: 'rejected', fieldErrors: [{ field: 'currency' }] },
    });
  });

  it('the metadata may arrive as JSON text, and the body as a string (Blink calls metadata "a valid JSON-formatted string")', () => {
    const entry = logged('preauth-transactions', JSON.stringify({ reference: 'tx-1' }), approved);
    const { result } = step(ctx(), () =>
      ok({
        requests: [
          {
            ...entry,
            request: { ...entry.request, url: '/preauth-transactions', body: JSON.stringify(entry.request.body) },
          },
        ],
      }),
    );
    expect(result).toMatchObject({ kind: 'found', outcome: { kind: 'approved' } });
  });

  it('only "not performed" answers (429 busy, 503 unreachable), or nothing at all, is not_found', () => {
    const busy = logged(
      'preauth-transactions',
      { reference: 'tx-1' },
      { code: '429', body: BLINK_ERRORS.terminalBusy.body },
    );
    const unreachable = logged(
      'preauth-transactions',
      { reference: 'tx-1' },
      { code: '503', body: BLINK_ERRORS.terminalUnreachable.body },
    );
    expect(step(ctx(), () => ok({ requests: [busy, unreachable] })).result).toEqual({ kind: 'not_found' });
    const other = logged('preauth-transactions', { reference: 'tx-2' }, approved);
    const { result, urls } = step(ctx(), () => ok({ requests: [other] }));
    expect(result).toEqual({ kind: 'not_found' });
    expect(urls).toHaveLength(1); // a readable log without our request needs no EOD report
  });

  it('an entry it cannot read keeps it from concluding "not found"', () => {
    const { result } = step(ctx(), (url) =>
      url.includes('/requests') ? ok({ requests: [{ nonsense: true }] }) : ok([]),
    );
    expect(result.kind).toBe('inconclusive');
  });
});

describe('blink lookup: the EOD report when the log cannot tell', () => {
  const lost = logged(
    'preauth-transactions',
    { reference: 'tx-1' },
    { code: '503', message: 'Service Unavailable', body: BLINK_ERRORS.lostConnection.body },
  );
  const eodLine = (status: string, metadata: unknown = { reference: 'tx-1', pos_reference: 'pos-1' }) => ({
    request_timestamp: '2025-08-04T11:00:01+01:00',
    currency: 'GBP',
    site_branch_id: 'London',
    payment_method: 'preauth-transactions',
    pos_location: 'POS-1',
    operator_id: null,
    status,
    requested_amount: 22.66,
    transaction_id: 'EOD1',
    terminal_id: TID,
    metadata,
  });

  it('503 "Lost connection" in the log: the EOD report\'s Success settles it as approved', () => {
    const { result, urls } = step(ctx(), (url) =>
      url.includes('/requests')
        ? ok({ requests: [lost] })
        : ok([eodLine('Success', { reference: 'tx-2' }), eodLine('Success')]),
    );
    expect(urls.map(path)).toEqual([
      `/v1/card-present/terminals/${TID}/requests?date=2025-08-04`,
      `/v1/card-present/terminals/${TID}/eod-reports?date=2025-08-04`,
    ]);
    expect(result).toEqual({
      kind: 'found',
      outcome: {
        kind: 'approved',
        approval: {
          providerRef: 'EOD1',
          providerRefs: { transaction_id: 'EOD1', request_timestamp: '2025-08-04T11:00:01+01:00' },
          amountAuthorized: 2266,
        },
      },
    });
  });

  it('a declined line settles it as declined; an unknown status or no line yet stays inconclusive', () => {
    const eod = (lines: unknown) =>
      step(ctx(), (url) => (url.includes('/requests') ? ok({ requests: [lost] }) : ok(lines))).result;
    expect(eod([eodLine('Failure')])).toMatchObject({
      kind: 'found',
      outcome: { kind: 'declined', code: 'card_declined' },
    });
    expect(eod([eodLine('Pending')]).kind).toBe('inconclusive');
    expect(eod([])).toMatchObject({ kind: 'inconclusive', reason: expect.stringMatching(/503/) });
    expect(eod({ reports: [eodLine('Success')] })).toMatchObject({ kind: 'found', outcome: { kind: 'approved' } });
  });

  it('a request log Blink cannot serve falls back to the EOD report', () => {
    const { result, urls } = step(ctx(), (url) =>
      url.includes('/requests') ? { status: 500, headers: {}, body: 'x' } : ok([eodLine('Success')]),
    );
    expect(urls).toHaveLength(2);
    expect(result).toMatchObject({ kind: 'found', outcome: { kind: 'approved' } });
    expect(step(ctx(), () => ({ status: 503, headers: {}, body: undefined })).result.kind).toBe('inconclusive');
  });
});

describe('blink lookup: days', () => {
  it('reads the next or previous day near UTC midnight, never more than four requests', () => {
    expect(candidateDays('2025-08-04T12:00:00Z')).toEqual(['2025-08-04']);
    expect(candidateDays('2025-08-04T23:30:00Z')).toEqual(['2025-08-04', '2025-08-05']);
    expect(candidateDays('2025-08-05T00:20:00Z')).toEqual(['2025-08-05', '2025-08-04']);
    const { result, urls } = step(ctx('preauth', '2025-08-04T23:30:00.000Z'), () => ({
      status: 500,
      headers: {},
      body: undefined,
    }));
    expect(urls.map((u) => new URL(u).searchParams.get('date'))).toEqual([
      '2025-08-04',
      '2025-08-05',
      '2025-08-04',
      '2025-08-05',
    ]);
    expect(result.kind).toBe('inconclusive');
  });

  it('finds a pre-auth filed under the next day (a UK date just after UTC midnight)', () => {
    const c = ctx('preauth', '2025-08-04T23:30:00.000Z');
    const { result } = step(c, (url) =>
      ok({
        requests: url.endsWith('2025-08-05') ? [logged('preauth-transactions', { reference: 'tx-1' }, approved)] : [],
      }),
    );
    expect(result).toMatchObject({ kind: 'found', outcome: { kind: 'approved' } });
  });
});

describe('blink lookup: completions and voids', () => {
  const completion = { code: '201', body: { result: 'SUCCESS', transaction_id: 'COMP1', data: {} } };

  it('finds a completion by our operation id, on the day the POS asked for it (not the day of the step)', () => {
    const c = ctx('capture', '2025-08-01T10:00:00.000Z', '2025-08-09T10:05:00.000Z', '2025-08-04T10:05:00.000Z');
    expect(blink.lookup!(c)!.url).toContain('requests?date=2025-08-04');
    const other = logged(
      'preauth-completions',
      { reference: 'tx-1', operation: 'op-other' },
      { code: '201', body: { result: 'SUCCESS', transaction_id: 'NOPE' } },
    );
    const preauth = logged('preauth-transactions', { reference: 'tx-1' }, approved);
    const ours = logged('preauth-completions', { reference: 'tx-1', operation: 'op-9' }, completion);
    expect(step(c, () => ok({ requests: [other, preauth] })).result).toEqual({ kind: 'not_found' });
    expect(step(c, () => ok({ requests: [other, preauth, ours] })).result).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { operationRef: 'COMP1', amountCaptured: 2000 } },
    });
  });

  it('finds a void the same way; an adjust has no lookup', () => {
    const v = ctx('void');
    const ours = logged(
      'preauth-voids',
      { reference: 'tx-1', operation: 'op-9' },
      { code: '201', body: { result: 'SUCCESS', transaction_id: 'VOID1' } },
    );
    expect(step(v, () => ok({ requests: [ours] })).result).toEqual({
      kind: 'found',
      outcome: { kind: 'approved', approval: { operationRef: 'VOID1' } },
    });
    expect(blink.lookup!(ctx('adjust'))).toBeUndefined();
  });
});
