// The answer a worker recorded and did not live to apply (older versions wrote the answer apart from its
// decision; a ZVT result is persisted before the terminal is acknowledged). Applying it is what that
// worker would have done, so a step looks here before anything else.
import type { StepResult } from '../core/channel.js';
import type { Outcome } from '../core/outcome.js';
import type { Store } from './store.js';

export function recordedAnswer(store: Store, operationId: string): StepResult | undefined {
  const row = store.attempts.unapplied(operationId);
  if (!row?.outcome_json) return undefined;
  return {
    outcome: JSON.parse(row.outcome_json) as Outcome,
    record: (at, _now, applied = true) => {
      if (applied) store.attempts.markApplied(row.id, at);
    },
  };
}
