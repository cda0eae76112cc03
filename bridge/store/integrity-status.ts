// The last result of the database's integrity check, for GET /v1/metrics. Unknown until a check has run.
// A stop-gap: the "scale" part moves the check off the start path into the background and exposes its last
// result; until that is merged the daemon records its start-up check here. Kept per store (a WeakMap), so
// two daemons in one test process never see each other's result.
import type { Store } from './store.js';

export interface IntegrityStatus {
  /** When the check finished (RFC 3339), or null if none has run. */
  readonly at: string | null;
  readonly ok: boolean | null;
  /** SQLite's answer when it was not "ok". */
  readonly detail: string | null;
}

export const UNKNOWN_INTEGRITY: IntegrityStatus = { at: null, ok: null, detail: null };

const lastResult = new WeakMap<Store, IntegrityStatus>();

export function recordIntegrity(store: Store, status: IntegrityStatus): void {
  lastResult.set(store, status);
}

export function integrityStatus(store: Store): IntegrityStatus {
  return lastResult.get(store) ?? UNKNOWN_INTEGRITY;
}
