// What we last saw of each provider: reachable after any HTTP answer, unreachable after a failure
// that proves the request never got there. Issue-level circuit breaking builds on this later.
import type { Clock } from '../core/clock.js';

export interface ReachabilityView {
  readonly reachable: boolean | null;
  readonly last_error: string | null;
  readonly last_checked_at: string | null;
}

export class Reachability {
  private readonly seen = new Map<string, { reachable: boolean; error: string | null; at: number }>();

  constructor(private readonly clock: Clock) {}

  record(provider: string, reachable: boolean, error: string | null = null): void {
    this.seen.set(provider, { reachable, error, at: this.clock.now() });
  }

  view(provider: string): ReachabilityView {
    const s = this.seen.get(provider);
    if (!s) return { reachable: null, last_error: null, last_checked_at: null };
    return { reachable: s.reachable, last_error: s.error, last_checked_at: new Date(s.at).toISOString() };
  }
}
