// What one step of an operation came to: the outcome, and the writes that record how it was learned.
// The lane runs `record` in the same SQLite transaction as the decision the outcome leads to, so an
// answer is never on disk without its decision (a crash between the two would throw the answer away
// and send the request again: a second hold on a provider without idempotency).
import type { Outcome } from '../core/outcome.js';
import type { Store } from '../store/store.js';

export interface StepResult {
  readonly outcome: Outcome;
  /**
   * Writes the attempt's answer; runs inside the decision's transaction, so it is marked applied.
   * `applied: false` only to emulate versions that wrote the answer apart from its decision (tests).
   */
  readonly record?: (at: string, now: number, applied?: boolean) => void;
}

/** An outcome learned without an exchange (a local decision, a refused build). */
export const settled = (outcome: Outcome): StepResult => ({ outcome });

/**
 * The answer a worker recorded and did not live to apply (older versions wrote the two apart; a ZVT
 * result is persisted before it is acknowledged). Applying it is what that worker would have done.
 */
export function recordedAnswer(store: Store, operationId: string): StepResult | undefined {
  const row = store.attempts.unapplied(operationId);
  if (!row?.outcome_json) return undefined;
  return { outcome: JSON.parse(row.outcome_json) as Outcome, record: (at, _now, applied = true) => { if (applied) store.attempts.markApplied(row.id, at); } };
}
