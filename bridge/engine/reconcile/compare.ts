// Compares our payments of a day with the provider's own records of them. Pure: it only says where the
// two accounts differ. Nothing here (nor anywhere in reconciliation) changes a transaction: a difference
// is shown to a person and raised as an event, never "fixed" on either side.
import type { TheirPayment, TheirState } from '../../core/provider-records.js';
import type { TransactionState } from '../../core/states.js';

export const DIFFERENCE_KINDS = [
  'missing_at_provider',
  'unknown_to_posbridge',
  'amount_differs',
  'state_differs',
  'currency_differs',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface OurPayment {
  readonly transactionId: string;
  readonly reference: string;
  readonly terminalId: string;
  readonly state: TransactionState;
  readonly currency: string;
  readonly authorized: number | null;
  readonly captured: number | null;
  readonly providerRef: string | null;
  readonly providerRefs: Readonly<Record<string, string>>;
}

export interface OurSide {
  readonly state: TransactionState;
  readonly currency: string;
  readonly authorized: number | null;
  readonly captured: number | null;
  readonly reference: string;
}

export interface TheirSide {
  readonly state: TheirState;
  readonly status: string;
  readonly currency: string | null;
  readonly authorized: number | null;
  readonly captured: number | null;
}

export interface Difference {
  readonly kind: DifferenceKind;
  readonly transactionId: string | null;
  readonly providerRef: string | null;
  /** Which amount differs, for amount_differs. */
  readonly field?: 'authorized' | 'captured';
  readonly ours: OurSide | null;
  readonly theirs: TheirSide | null;
}

export interface TheirRecords {
  readonly coverage: 'day' | 'each';
  readonly theirs: readonly TheirPayment[];
  /** Our transaction ids the provider answered it has no record of. */
  readonly missing: readonly string[];
}

/** What the provider's state must be for ours to agree with it. */
const AGREES: Readonly<Record<TransactionState, readonly TheirState[]>> = {
  authorized: ['authorized', 'approved'],
  captured: ['captured', 'approved'],
  voided: ['released'],
  // An issuer drops a lapsed hold without the provider's record changing: open or released both agree.
  expired: ['authorized', 'approved', 'released'],
  declined: ['declined'],
  // Nothing was held on our side: a decline on theirs agrees, anything holding money does not.
  failed: ['declined'],
  // We do not know how it ended: whatever the provider says is worth a person's look.
  unresolved: [],
  pending: [],
  in_progress: [],
};

/** States in which the provider must have a record of the payment. */
const EXPECTED_THERE: ReadonlySet<TransactionState> = new Set([
  'authorized',
  'captured',
  'voided',
  'expired',
  'unresolved',
]);

/** Not settled on our side yet: compared on a later run, never now. */
const UNDER_WAY: ReadonlySet<TransactionState> = new Set(['pending', 'in_progress']);

function ourSide(o: OurPayment): OurSide {
  return {
    state: o.state,
    currency: o.currency,
    authorized: o.authorized,
    captured: o.captured,
    reference: o.reference,
  };
}

function theirSide(t: TheirPayment): TheirSide {
  return { state: t.state, status: t.status, currency: t.currency, authorized: t.authorized, captured: t.captured };
}

function compareOne(o: OurPayment, t: TheirPayment): Difference[] {
  const base = { transactionId: o.transactionId, providerRef: t.providerRef, ours: ourSide(o), theirs: theirSide(t) };
  if (t.currency !== null && t.currency !== o.currency) return [{ kind: 'currency_differs', ...base }];
  // A record that does not say how it ended and holds nothing (a request the provider logged without an
  // outcome) agrees with a payment that held nothing on our side either.
  const heldNothing =
    (o.state === 'failed' || o.state === 'declined') &&
    t.state === 'other' &&
    t.authorized === null &&
    t.captured === null;
  if (!AGREES[o.state].includes(t.state) && !heldNothing) return [{ kind: 'state_differs', ...base }];
  const out: Difference[] = [];
  if (o.authorized !== null && t.authorized !== null && o.authorized !== t.authorized)
    out.push({ kind: 'amount_differs', field: 'authorized', ...base });
  if (o.state === 'captured' && o.captured !== null && t.captured !== null && o.captured !== t.captured)
    out.push({ kind: 'amount_differs', field: 'captured', ...base });
  return out;
}

export interface Comparison {
  readonly differences: Difference[];
  /** How many of our payments were compared with a record of the provider (or found missing there). */
  readonly checked: number;
  /** Our payments the provider's records said nothing about, on a reader that looks each one up. */
  readonly unchecked: string[];
}

/**
 * Where our payments of the day and the provider's records differ. `knownToUs` tells whether a record
 * that matches none of the day's payments is still one of ours (made just before midnight, sent after).
 */
export function compare(
  ours: readonly OurPayment[],
  records: TheirRecords,
  knownToUs: (t: TheirPayment) => boolean,
): Comparison {
  const byId = new Map(ours.map((o) => [o.transactionId, o]));
  const byRef = new Map<string, OurPayment>();
  for (const o of ours) {
    if (o.providerRef) byRef.set(o.providerRef, o);
    for (const ref of Object.values(o.providerRefs)) if (!byRef.has(ref)) byRef.set(ref, o);
  }
  const differences: Difference[] = [];
  const seen = new Set<string>();
  for (const t of records.theirs) {
    const o = (t.transactionId !== null ? byId.get(t.transactionId) : undefined) ?? byRef.get(t.providerRef);
    if (!o) {
      // Only a record of the whole day can show a payment we have none of. A decline holds no money.
      if (records.coverage === 'day' && t.state !== 'declined' && !knownToUs(t))
        differences.push({
          kind: 'unknown_to_posbridge',
          transactionId: null,
          providerRef: t.providerRef,
          ours: null,
          theirs: theirSide(t),
        });
      continue;
    }
    if (seen.has(o.transactionId) || UNDER_WAY.has(o.state)) {
      seen.add(o.transactionId);
      continue;
    }
    seen.add(o.transactionId);
    differences.push(...compareOne(o, t));
  }
  const missing = new Set(records.missing);
  const unchecked: string[] = [];
  let checked = 0;
  for (const o of ours) {
    if (UNDER_WAY.has(o.state)) continue;
    if (seen.has(o.transactionId)) {
      checked += 1;
      continue;
    }
    const absent = records.coverage === 'day' || missing.has(o.transactionId);
    if (!absent) {
      // Only a payment that must be there and was not asked about leaves the check incomplete.
      if (EXPECTED_THERE.has(o.state)) unchecked.push(o.transactionId);
      continue;
    }
    checked += 1;
    if (EXPECTED_THERE.has(o.state))
      differences.push({
        kind: 'missing_at_provider',
        transactionId: o.transactionId,
        providerRef: o.providerRef,
        ours: ourSide(o),
        theirs: null,
      });
  }
  return { differences, checked, unchecked };
}
