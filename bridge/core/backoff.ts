// Exponential backoff with full jitter (AWS architecture blog's "full jitter"): spreads retries of many
// lanes so a recovering provider is not hit by all of them at once. Pure: randomness is passed in.

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** Delay before attempt number `attempt + 1`, given `attempt` failures so far (attempt ≥ 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  // Never less than half the exponential step: full jitter can otherwise return ~0 and hammer the provider.
  return Math.round(exp / 2 + (exp / 2) * r);
}
