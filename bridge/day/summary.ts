// A day's summary per terminal and currency, pure: the store's grouped rows in, the buckets out.
// Which transactions fall in which bucket (README "End of day"):
// - by the day the preauth was asked for (the transaction's created_at):
//   authorised — approved at all (it has an authorised amount), whatever happened to it since;
//   still open — approved and still held now (state authorized);
//   declined — the card or its issuer said no (state declined);
//   in doubt — not known yet whether it holds (unresolved: a preauth or a follow-up without a known
//   outcome; pending or in progress: not answered yet);
// - by the day the money moved (the capture or void operation's finished_at):
//   captured — captures that succeeded, the amount captured;
//   released — voids that succeeded, the amount the hold had.
// Failed transactions (an error, nothing held) are in none of them.
import type { TransactionState } from '../core/states.js';

/** Transactions created that day, grouped by terminal, currency and state. */
export interface CreatedRow {
  readonly terminal_id: string;
  readonly currency: string;
  readonly state: TransactionState;
  readonly n: number;
  readonly requested: number;
  /** Rows with an authorised amount, and its sum. */
  readonly n_authorized: number;
  readonly authorized: number;
}

/** Captures and voids that succeeded that day, grouped by terminal, currency and kind. */
export interface SettledRow {
  readonly terminal_id: string;
  readonly currency: string;
  readonly kind: 'capture' | 'void';
  readonly n: number;
  readonly amount: number;
}

export const BUCKETS = ['authorised', 'captured', 'released', 'still_open', 'declined', 'in_doubt'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface Figure {
  count: number;
  amount: number;
}

export interface SummaryLine {
  readonly terminal_id: string;
  readonly currency: string;
  readonly buckets: Record<Bucket, Figure>;
}

const IN_DOUBT: readonly TransactionState[] = ['unresolved', 'pending', 'in_progress'];

export function summarise(created: readonly CreatedRow[], settled: readonly SettledRow[]): SummaryLine[] {
  const lines = new Map<string, SummaryLine>();
  const line = (terminal_id: string, currency: string) => {
    const key = `${terminal_id}\u0000${currency}`;
    let l = lines.get(key);
    if (!l) {
      const buckets = Object.fromEntries(BUCKETS.map((b) => [b, { count: 0, amount: 0 }])) as Record<Bucket, Figure>;
      l = { terminal_id, currency, buckets };
      lines.set(key, l);
    }
    return l.buckets;
  };
  const add = (f: Figure, n: number, amount: number) => {
    f.count += n;
    f.amount += amount;
  };
  for (const r of created) {
    if (r.state === 'failed') continue;
    const b = line(r.terminal_id, r.currency);
    if (r.n_authorized) add(b.authorised, r.n_authorized, r.authorized);
    if (r.state === 'authorized') add(b.still_open, r.n, r.authorized);
    else if (r.state === 'declined') add(b.declined, r.n, r.requested);
    else if (IN_DOUBT.includes(r.state)) add(b.in_doubt, r.n, r.requested);
  }
  for (const r of settled)
    add(line(r.terminal_id, r.currency)[r.kind === 'capture' ? 'captured' : 'released'], r.n, r.amount);
  return [...lines.values()].sort(
    (a, b) => a.terminal_id.localeCompare(b.terminal_id) || a.currency.localeCompare(b.currency),
  );
}
