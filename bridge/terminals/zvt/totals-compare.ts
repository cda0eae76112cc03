// The terminal's end-of-day totals set against posbridge's own bookings on that terminal since its last
// end of day, pure. Every difference is reported, never evened out: which side is right is for a person
// to find out (a booking the terminal lost, one posbridge never heard of, a capture still in doubt).

/** What one side counted for one currency. */
export interface SideTotals {
  readonly currency: string;
  readonly count: number;
  readonly amount: number;
}

export type DifferenceKind = 'count' | 'amount' | 'currency_missing_at_terminal' | 'currency_missing_here';

export interface TotalsDifference {
  readonly kind: DifferenceKind;
  readonly currency: string;
  /** posbridge's figure (count or minor units); null when posbridge has nothing in that currency. */
  readonly ours: number | null;
  /** The terminal's figure; null when it reported nothing in that currency. */
  readonly theirs: number | null;
}

/**
 * `theirs`: the terminal's totals (a ZVT end of day reports one currency); `ours`: captured bookings per
 * currency. A currency on one side only is a difference of its own; otherwise count and amount each.
 */
export function compareTotals(theirs: readonly SideTotals[], ours: readonly SideTotals[]): TotalsDifference[] {
  const out: TotalsDifference[] = [];
  const currencies = [...new Set([...theirs, ...ours].map((t) => t.currency))].sort();
  for (const currency of currencies) {
    const t = theirs.find((x) => x.currency === currency);
    const o = ours.find((x) => x.currency === currency);
    const tEmpty = !t || (t.count === 0 && t.amount === 0);
    const oEmpty = !o || (o.count === 0 && o.amount === 0);
    if (tEmpty && oEmpty) continue;
    if (tEmpty) {
      out.push({ kind: 'currency_missing_at_terminal', currency, ours: o!.amount, theirs: null });
      continue;
    }
    if (oEmpty) {
      out.push({ kind: 'currency_missing_here', currency, ours: null, theirs: t.amount });
      continue;
    }
    if (t.count !== o!.count) out.push({ kind: 'count', currency, ours: o!.count, theirs: t.count });
    if (t.amount !== o!.amount) out.push({ kind: 'amount', currency, ours: o!.amount, theirs: t.amount });
  }
  return out;
}
