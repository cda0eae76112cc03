// Blink's records for reconciliation, read from answers shaped as its pages print them: the EOD report
// (https://api-docs.blinkpayment.co.uk/docs/eod-reports-data) date after date, the lines of one payment
// folded into one record even when its completion is filed on the next date; then the request log
// (docs/requestsdata-data). A line of another day's payment is left to that day.
import { describe, expect, it } from 'vitest';
import type { HttpReply } from '../../../bridge/core/connector.js';
import type { RecordRequest, TheirPayment } from '../../../bridge/core/provider-records.js';
import { blinkRecords, reportDates } from '../../../bridge/providers/blink/records.js';

const ep = { apiUrl: 'https://blink.invalid', authorization: 'Basic x', userAgent: 'test' };
const ok = (body: unknown): HttpReply => ({ status: 200, headers: {}, body });
const line = (over: Record<string, unknown>) => ({
  request_timestamp: '2026-12-01T10:00:00.000Z',
  currency: 'GBP',
  site_branch_id: 'London',
  payment_method: 'preauth-transactions',
  pos_location: 'POS-1',
  operator_id: null,
  status: 'Success',
  requested_amount: 42,
  transaction_id: 'BLINK1',
  terminal_id: 'T1',
  metadata: { reference: 'pa-ours' },
  ...over,
});

/** Answers each request the reader makes from `pages` (by date, then the log), and returns what it read. */
function readAll(pages: Record<string, unknown[]>, logs: Record<string, unknown[]> = {}): TheirPayment[] {
  const reader = blinkRecords(ep);
  const queue: RecordRequest[] = reader.plan({
    from: '2026-12-01T00:00:00.000Z',
    to: '2026-12-02T00:00:00.000Z',
    ours: [
      {
        transactionId: 'pa-ours',
        terminalId: 'bar',
        currency: 'GBP',
        providerRef: 'BLINK1',
        providerRefs: {},
        captureRef: null,
        createdAt: '2026-12-01T10:00:00.000Z',
      },
    ],
    terminals: [{ id: 'bar', settings: { blink_terminal_id: 'T1' } }],
  });
  const theirs: TheirPayment[] = [];
  while (queue.length) {
    const r = queue.shift()!;
    const date = new URL(r.url).searchParams.get('date')!;
    const isLog = r.url.includes('/requests?');
    const page = reader.read(ok(isLog ? { requests: logs[date] ?? [] } : (pages[date] ?? [])), r);
    if (page.kind !== 'read') throw new Error(page.why);
    theirs.push(...page.theirs);
    if (page.next) queue.unshift(page.next);
  }
  return theirs;
}

describe('Blink records', () => {
  it('reads every date a store day can touch in any zone', () => {
    expect(reportDates('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  it('folds a pre-auth and its completion filed on the next date into one captured record', () => {
    const theirs = readAll({
      '2026-12-01': [line({})],
      '2026-12-02': [
        line({
          payment_method: 'preauth-completions',
          requested_amount: 30.5,
          transaction_id: 'BLINK2',
          request_timestamp: '2026-12-02T08:00:00.000Z',
          metadata: { reference: 'pa-ours', operation: 'op1' },
        }),
      ],
    });
    expect(theirs).toEqual([
      expect.objectContaining({
        providerRef: 'BLINK1',
        transactionId: 'pa-ours',
        currency: 'GBP',
        authorized: 4_200,
        captured: 3_050,
        state: 'captured',
      }),
    ]);
  });

  it("keeps a stranger of the day, and leaves another day's stranger to that day", () => {
    const theirs = readAll({
      // Written with an offset as the page's examples are: 00:30 at +01:00 is 23:30 UTC the day before.
      '2026-11-30': [line({ transaction_id: 'OLD', metadata: {}, request_timestamp: '2026-12-01T00:30:00+01:00' })],
      '2026-12-01': [
        line({}),
        line({ transaction_id: 'NEW', metadata: {}, requested_amount: 19.99, status: 'Success' }),
      ],
    });
    expect(theirs.map((t) => [t.providerRef, t.transactionId, t.authorized])).toEqual([
      ['BLINK1', 'pa-ours', 4_200],
      ['NEW', null, 1_999],
    ]);
  });

  it('says what the request log shows for a payment of ours the report lacks', () => {
    const theirs = readAll(
      {},
      {
        '2026-12-01': [
          {
            id: 'r1',
            request: {
              method: 'POST',
              url: '/v1/card-present/preauth-transactions',
              body: { metadata: { reference: 'pa-ours' } },
              timestamp: '2026-12-01T10:00:00.000Z',
            },
            response: { code: '503', message: 'Service Unavailable', body: { error: 'Lost connection' } },
          },
        ],
      },
    );
    expect(theirs).toEqual([
      expect.objectContaining({
        transactionId: 'pa-ours',
        state: 'other',
        authorized: null,
        status: 'request log: preauth-transactions answered 503 Service Unavailable; no line in the EOD report',
      }),
    ]);
  });
});
