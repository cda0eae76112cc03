// Reads a provider's records for a day: one request after another (never side by side, a short pause
// between them, a 429's Retry-After honoured once), at most `maxRequests` of them, all within `budgetMs`.
// It uses the provider's HTTP client as a lookup does, outside the payment lanes, so it never holds a
// lane's turn: a payment goes out while a reconciliation reads.
import type { RecordReader, RecordRequest, RecordScope, TheirPayment } from '../../core/provider-records.js';
import type { Exchange } from '../http-executor.js';

export interface RecordsChannel {
  readonly reader: RecordReader;
  send(request: RecordRequest, signal: AbortSignal): Promise<Exchange>;
}

export interface FetchLimits {
  readonly budgetMs: number;
  readonly pauseMs: number;
  readonly maxRequests: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Aborted at shutdown: the read stops at once. */
  readonly stop?: AbortSignal;
}

export type Fetched =
  | {
      readonly kind: 'read';
      readonly theirs: TheirPayment[];
      readonly missing: string[];
      /** Payments of ours whose own lookup failed, with why: not checked, never counted as agreeing. */
      readonly failed: ReadonlyArray<{ readonly transactionId: string; readonly why: string }>;
    }
  | { readonly kind: 'could_not_check'; readonly why: string };

/** The longest a 429's Retry-After is waited for before the check is given up. */
const MAX_RETRY_AFTER_MS = 5_000;
/** Lookups of single payments that fail one after another before the provider counts as unreachable. */
const FAILURES_IN_A_ROW = 3;

function retryAfterMs(headers: Readonly<Record<string, string>>): number {
  const secs = Number(headers['retry-after']);
  return Number.isFinite(secs) && secs >= 0 ? Math.min(secs * 1000, MAX_RETRY_AFTER_MS) : 1_000;
}

export async function fetchRecords(ch: RecordsChannel, scope: RecordScope, limits: FetchLimits): Promise<Fetched> {
  const signal = limits.stop
    ? AbortSignal.any([AbortSignal.timeout(limits.budgetMs), limits.stop])
    : AbortSignal.timeout(limits.budgetMs);
  const queue = ch.reader.plan(scope);
  const theirs: TheirPayment[] = [];
  const missing: string[] = [];
  const failed: Array<{ transactionId: string; why: string }> = [];
  let sent = 0;
  let inARow = 0;
  const tooLong = (): Fetched => ({
    kind: 'could_not_check',
    why: `the records took longer than ${Math.round(limits.budgetMs / 1000)} s to read`,
  });

  while (queue.length > 0) {
    const request = queue.shift()!;
    if (sent >= limits.maxRequests)
      return { kind: 'could_not_check', why: `the records need more than ${limits.maxRequests} requests` };
    if (signal.aborted) return tooLong();
    if (sent > 0 && limits.pauseMs > 0) await limits.sleep(limits.pauseMs);
    sent += 1;
    let exchange = await ch.send(request, signal);
    if (exchange.kind === 'reply' && exchange.reply.status === 429) {
      await limits.sleep(retryAfterMs(exchange.reply.headers));
      if (signal.aborted) return tooLong();
      sent += 1;
      exchange = await ch.send(request, signal);
    }
    let why: string | undefined;
    if (exchange.kind === 'failed') {
      if (signal.aborted) return tooLong();
      why = `the provider could not be reached (${exchange.failure.reason})`;
    } else {
      const page = ch.reader.read(exchange.reply, request);
      if (page.kind === 'read') {
        inARow = 0;
        theirs.push(...page.theirs);
        missing.push(...(page.missing ?? []));
        if (page.next) queue.unshift(page.next);
        continue;
      }
      why = page.why;
    }
    // A record of the whole day that cannot be read leaves nothing to compare with; a single payment's
    // lookup that fails leaves that payment unchecked, unless the provider fails every time.
    if (request.about === undefined) return { kind: 'could_not_check', why };
    failed.push({ transactionId: request.about, why });
    inARow += 1;
    if (inARow >= FAILURES_IN_A_ROW) return { kind: 'could_not_check', why };
  }
  return { kind: 'read', theirs, missing, failed };
}
