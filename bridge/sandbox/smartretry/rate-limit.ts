// Per-key rate limits of https://www.smartretry.com/docs/api-reference/rate-limiting: 100 payment
// operations, 500 status queries and 1,000 requests overall per second. Every answer carries
// X-RateLimit-Limit/Remaining/Reset (Reset: the Unix time in seconds when the window resets).
// Assumption (the page is silent): fixed one-second windows, and a refused request still counts.

export type RateClass = 'payments' | 'status';

export interface RateLimits {
  readonly payments: number;
  readonly status: number;
  readonly all: number;
}

export const SMARTRETRY_RATE_LIMITS: RateLimits = { payments: 100, status: 500, all: 1_000 };

interface Window {
  second: number;
  count: number;
}

export interface RateDecision {
  readonly limited: boolean;
  readonly headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<RateClass | 'all', Window>();

  constructor(
    private readonly now: () => number,
    private readonly limits: RateLimits,
  ) {}

  private count(name: RateClass | 'all', second: number): number {
    const w = this.windows.get(name);
    if (!w || w.second !== second) {
      this.windows.set(name, { second, count: 1 });
      return 1;
    }
    w.count += 1;
    return w.count;
  }

  take(kind: RateClass): RateDecision {
    const second = Math.floor(this.now() / 1000);
    const used = this.count(kind, second);
    const usedAll = this.count('all', second);
    const limit = this.limits[kind];
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': String(second + 1),
    };
    return { limited: used > limit || usedAll > this.limits.all, headers };
  }
}
