// Blink's own records of a day, for reconciliation: each terminal's end-of-day report,
// GET …/terminals/{terminal_id}/eod-reports?date=YYYY-MM-DD (https://api-docs.blinkpayment.co.uk/docs/eod-reports-data),
// one line per card operation the terminal finished, with the `metadata` we sent (our transaction id in
// `reference`). It is the terminal's own account, kept in the cloud, so it is the whole day for that
// terminal: a line we have no payment for is a difference. The lines of one payment (its pre-auth, its
// completion, its void) are folded into one record of it.
//
// Then the terminal's request log, GET …/terminals/{terminal_id}/requests?date=YYYY-MM-DD
// (https://api-docs.blinkpayment.co.uk/docs/requestsdata-data): for a payment of ours the EOD report has no
// line of, it tells whether Blink received our request and what it answered, so the difference says
// "Blink received it and answered 503 Lost connection" rather than only "no record". The log is what the
// cloud answered, not what the terminal did, so it never stands in for an EOD line.
//
// The page does not say which zone `date` files by (days.ts), so every date the store's day can touch in
// any zone is read, and a line of a payment made on another day is left to that day's run.
import type { HttpReply } from '../../core/connector.js';
import { fromMajorNumber, fromMajorString } from '../../core/money.js';
import type {
  RecordPage,
  RecordReader,
  RecordRequest,
  RecordScope,
  TheirPayment,
  TheirState,
} from '../../core/provider-records.js';
import { buildEodReport, buildRequestLog, type BlinkEndpoints } from './build.js';
import type { BlinkTerminalSettings } from './config.js';
import { dayOf } from './days.js';
import { bodyOf } from './request-log.js';
import { asObject, endpointOf } from './target.js';
import { isEodEntry, isLoggedRequest, isRequestLogEnvelope, type BlinkEodEntry } from './wire.js';

/** The widest offset of any zone from UTC (UTC+14): the dates a store's day can fall on. */
const ZONE_SPAN_MS = 14 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * One terminal's reports are read date after date, each request carrying what the dates before it held:
 * a payment's pre-auth and its completion may sit on different dates and still fold into one record.
 */
interface EodRequest extends RecordRequest {
  readonly blinkDay: {
    readonly from: string;
    readonly to: string;
    readonly ours: readonly string[];
    readonly blinkTerminalId: string;
    readonly dates: readonly string[];
    readonly index: number;
    /** The EOD reports first, then the request logs of the same dates. */
    readonly source: 'eod' | 'log';
    readonly soFar: ReadonlyArray<readonly [string, Folded]>;
    /** What the request log says of our payments, by our transaction id. */
    readonly logged: ReadonlyArray<readonly [string, string]>;
  };
}

/** The calendar dates whose reports can hold a payment made in [from, to) in any zone. */
export function reportDates(from: string, to: string): string[] {
  const first = Date.parse(from) - ZONE_SPAN_MS;
  const last = Date.parse(to) + ZONE_SPAN_MS;
  const out: string[] = [];
  for (let t = Date.parse(`${dayOf(first)}T00:00:00.000Z`); t < last; t += DAY_MS) out.push(dayOf(t));
  return out;
}

function minorOf(line: BlinkEodEntry): number | null {
  const currency = line.currency;
  if (!currency) return null;
  try {
    if (typeof line.requested_amount === 'number') return fromMajorNumber(line.requested_amount, currency);
    if (typeof line.requested_amount === 'string') return fromMajorString(line.requested_amount, currency).minor;
  } catch {
    return null;
  }
  return null;
}

interface Folded {
  providerRef: string;
  transactionId: string | null;
  currency: string | null;
  authorized: number | null;
  captured: number | null;
  state: TheirState;
  status: string[];
  terminal?: string;
  at?: string;
}

const terminalOf = (r: RecordRequest): string => r.terminalId ?? '';

const success = (line: BlinkEodEntry) => /^success/i.test(line.status.trim());

/** Folds one line into the payment it belongs to. The page documents only "Success" (see eod-report.ts). */
function fold(into: Folded, line: BlinkEodEntry): void {
  const method = line.payment_method ?? '';
  into.status.push(`${method || 'line'} ${line.status}`);
  into.currency ??= line.currency ?? null;
  if (method === 'preauth-transactions') {
    into.providerRef = line.transaction_id ?? into.providerRef;
    if (line.request_timestamp) into.at = line.request_timestamp;
    if (success(line)) {
      into.authorized = minorOf(line);
      if (into.state === 'other') into.state = 'authorized';
    } else into.state = 'declined';
  } else if (method === 'preauth-completions' && success(line)) {
    into.captured = minorOf(line);
    into.state = 'captured';
  } else if (method === 'preauth-voids' && success(line)) {
    into.state = 'released';
  }
}

export function blinkRecords(ep: BlinkEndpoints): RecordReader {
  const eodRequest = (terminalId: string, day: EodRequest['blinkDay']): EodRequest => ({
    ...(day.source === 'eod' ? buildEodReport : buildRequestLog)(ep, day.blinkTerminalId, day.dates[day.index]!),
    terminalId,
    blinkDay: day,
  });
  return {
    coverage: 'day',
    plan(scope: RecordScope): RecordRequest[] {
      const ours = scope.ours.map((o) => o.transactionId);
      const dates = reportDates(scope.from, scope.to);
      return scope.terminals.map((t) => {
        const blinkTerminalId = (t.settings as BlinkTerminalSettings).blink_terminal_id;
        return eodRequest(t.id, {
          from: scope.from,
          to: scope.to,
          ours,
          blinkTerminalId,
          dates,
          index: 0,
          source: 'eod',
          soFar: [],
          logged: [],
        });
      });
    },
    read(reply: HttpReply, request: RecordRequest): RecordPage {
      const day = (request as Partial<EodRequest>).blinkDay;
      if (!day) return { kind: 'unreadable', why: 'not a Blink records request' };
      const what = day.source === 'eod' ? "Blink's EOD report" : "Blink's request log";
      if (reply.status !== 200) return { kind: 'unreadable', why: `${what} answered ${reply.status}` };
      const byPayment = new Map<string, Folded>(day.soFar.map(([k, f]) => [k, { ...f, status: [...f.status] }]));
      const logged = new Map(day.logged);
      const page =
        day.source === 'eod' ? foldReport(reply.body, byPayment) : readLog(reply.body, new Set(day.ours), logged);
      if (page !== undefined) return { kind: 'unreadable', why: `${what} ${page}` };
      const state = { ...day, soFar: [...byPayment.entries()], logged: [...logged.entries()] };
      if (day.index + 1 < day.dates.length)
        return { kind: 'read', theirs: [], next: eodRequest(terminalOf(request), { ...state, index: day.index + 1 }) };
      if (day.source === 'eod')
        return {
          kind: 'read',
          theirs: [],
          next: eodRequest(terminalOf(request), { ...state, index: 0, source: 'log' }),
        };
      return { kind: 'read', theirs: recordsOfDay(day, byPayment, logged) };
    },
  };
}

/** Folds one EOD report into the payments read so far; a reason when it cannot be read. */
function foldReport(body: unknown, byPayment: Map<string, Folded>): string | undefined {
  if (!Array.isArray(body)) return 'is not a list';
  for (const raw of body as unknown[]) {
    if (!isEodEntry.Check(raw)) return 'holds a line we cannot read';
    const ref = asObject(raw.metadata)?.reference;
    const key = typeof ref === 'string' ? ref : `blink:${raw.transaction_id ?? ''}`;
    let f = byPayment.get(key);
    if (!f) {
      f = {
        providerRef: raw.transaction_id ?? key,
        transactionId: typeof ref === 'string' ? ref : null,
        currency: null,
        authorized: null,
        captured: null,
        state: 'other',
        status: [],
        ...(raw.terminal_id ? { terminal: raw.terminal_id } : {}),
      };
      byPayment.set(key, f);
    }
    fold(f, raw);
  }
  return undefined;
}

/** Notes what the request log says of each of our payments; a reason when it cannot be read. */
function readLog(body: unknown, ours: ReadonlySet<string>, logged: Map<string, string>): string | undefined {
  if (!isRequestLogEnvelope.Check(body)) return 'is not {"requests": [...]}';
  for (const raw of body.requests) {
    if (!isLoggedRequest.Check(raw)) return 'holds an entry we cannot read';
    const ref = asObject(bodyOf(raw.request.body))?.metadata;
    const reference = asObject(ref)?.reference;
    if (typeof reference !== 'string' || !ours.has(reference)) continue;
    const r = raw.response;
    const answer =
      r === null || r === undefined || r.code === undefined
        ? 'no answer yet'
        : `${String(r.code)}${r.message ? ` ${r.message}` : ''}`;
    const said = `request log: ${endpointOf(raw.request.url) ?? 'request'} answered ${answer}`;
    logged.set(reference, logged.has(reference) ? `${logged.get(reference)}; ${said}` : said);
  }
  return undefined;
}

/** The day's records: what the EOD reports hold, and for our payments they lack, what the log says. */
function recordsOfDay(
  day: EodRequest['blinkDay'],
  byPayment: ReadonlyMap<string, Folded>,
  logged: ReadonlyMap<string, string>,
): TheirPayment[] {
  const ours = new Set(day.ours);
  const theirs: TheirPayment[] = [];
  for (const f of byPayment.values()) {
    // A payment of another day (by its pre-auth's time) belongs to that day's run, unless it is one of ours today.
    // Compared as instants: Blink writes its times with an offset (the page's examples carry +01:00).
    const at = f.at !== undefined ? Date.parse(f.at) : Number.NaN;
    const inDay = at >= Date.parse(day.from) && at < Date.parse(day.to);
    if (!(f.transactionId !== null && ours.has(f.transactionId)) && !inDay) continue;
    theirs.push({
      providerRef: f.providerRef,
      transactionId: f.transactionId,
      currency: f.currency,
      authorized: f.authorized,
      captured: f.captured,
      state: f.state,
      status: f.status.join(', '),
      ...(f.terminal ? { terminal: f.terminal } : {}),
      ...(f.at ? { at: f.at } : {}),
    });
  }
  // Blink received the request but the terminal reported nothing of it: a record that does not say how it ended.
  for (const [reference, said] of logged)
    if (!byPayment.has(reference))
      theirs.push({
        providerRef: reference,
        transactionId: reference,
        currency: null,
        authorized: null,
        captured: null,
        state: 'other',
        status: `${said}; no line in the EOD report`,
      });
  return theirs;
}
