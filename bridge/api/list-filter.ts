// The Transactions filters (GET /v1/preauths and its CSV export read the same ones): query string → the
// store's filter, with the instants and durations checked here so both answer bad input alike.
import type { Static } from '../core/typebox.js';
import { BridgeError } from '../core/errors.js';
import { parseDurationMs } from '../core/duration.js';
import type { TransactionFilter } from '../store/transactions.js';
import type { ListQuery } from './schemas.js';

export type FilterQuery = Omit<Static<typeof ListQuery>, 'limit' | 'cursor'>;
export type Filter = Omit<TransactionFilter, 'limit' | 'after'>;

export function transactionFilter(q: FilterQuery, nowMs: number): Filter {
  const within = q.expiring_within !== undefined ? parseDurationMs(q.expiring_within) : undefined;
  if (q.expiring_within !== undefined && within === undefined)
    throw new BridgeError(
      'validation_failed',
      'expiring_within must be an ISO 8601 duration such as PT24H, of at most 36500 days',
      [{ field: 'querystring:expiring_within', message: 'not a duration of at most 36500 days' }],
    );
  const from = q.from !== undefined ? isoInstant(q.from, 'from') : undefined;
  const to = q.to !== undefined ? isoInstant(q.to, 'to') : undefined;
  return {
    reference: q.reference,
    state: q.state,
    terminalId: q.terminal_id,
    order: q.order ?? 'newest',
    ...(q.reference_contains !== undefined ? { referenceContains: q.reference_contains } : {}),
    ...(q.amount !== undefined ? { amount: q.amount } : {}),
    ...(q.last4 !== undefined ? { last4: q.last4 } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(within !== undefined ? { expiringBefore: new Date(nowMs + within).toISOString() } : {}),
  };
}

/** An ISO 8601 instant with a date, a time and a zone, as the created_at it is compared with (UTC, ms). */
function isoInstant(value: string, field: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? Date.parse(value)
    : NaN;
  if (Number.isNaN(ms))
    throw new BridgeError('validation_failed', `${field} must be an ISO 8601 instant such as 2026-12-01T00:00:00Z`, [
      { field: `querystring:${field}`, message: 'not an ISO 8601 instant with a time zone' },
    ]);
  return new Date(ms).toISOString();
}
