// A circuit breaker per provider, fed by what the executor sees: any HTTP answer proves the provider
// reachable; a failure before anything was sent (refused, DNS, TLS, connect timeout) counts against it.
// Closed → open after `threshold` failures in a row; open → half-open when its backoff runs out, letting
// one probe through; the probe's result closes it or opens it again for longer. Pure: time is passed in.
// Beside the breaker, and without touching what it lets through, a run of requests that went out and got
// no usable answer (5xx, the connection closed before an answer, a timeout) marks the provider as
// failing for the people watching: `threshold` of them in a row, like the breaker's own counting; any
// answer below 500 (a decline, a refusal of the request is an answer) clears it.
import { backoffDelay, type BackoffPolicy } from '../core/backoff.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  readonly threshold: number;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
}

export interface BreakerView {
  readonly state: BreakerState;
  readonly reachable: boolean | null;
  readonly last_error: string | null;
  readonly last_checked_at: string | null;
  readonly open_until: string | null;
  /** Requests went out and a run of them got no usable answer (5xx, closed, timed out); sending goes on. */
  readonly failing: boolean;
}

export type BreakerChange = { readonly from: BreakerState; readonly to: BreakerState; readonly error: string | null };

export class Breaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private opened = 0;
  private openUntil = 0;
  /** When the probe in flight was let through; a probe that never reports back is given up after a minute. */
  private probing: number | null = null;
  /** Numbers each probe let through, so only its own lane can hand it back. */
  private probeSeq = 0;
  private lastError: string | null = null;
  private lastAt: number | null = null;
  private reachable: boolean | null = null;
  /** Requests in a row that got no usable answer, or could not be sent. */
  private troubles = 0;

  constructor(private readonly opts: BreakerOptions) {}

  /** Whether a request may go out now; in half-open, only one probe at a time. */
  allow(now: number): boolean {
    if (this.state === 'open' && now >= this.openUntil) this.state = 'half_open';
    if (this.state === 'closed') return true;
    if (this.state === 'half_open' && (this.probing === null || now - this.probing > 60_000)) {
      this.probing = now;
      this.probeSeq += 1;
      return true;
    }
    return false;
  }

  /** The probe in flight, if one is: the lane that was let through holds this number. */
  get probeTicket(): number | undefined {
    return this.probing === null ? undefined : this.probeSeq;
  }

  /**
   * The probe's step ended without reaching the provider either way (it was settled locally: card data
   * gone after a restart, a local outcome): let the next request be the probe at once, rather than make
   * every lane of this provider wait for the probe's minute to run out.
   */
  endProbe(ticket: number): void {
    if (this.probing !== null && this.probeSeq === ticket) this.probing = null;
  }

  /** When a request may be tried again (for a lane to sleep until). */
  retryAt(now: number): number {
    return this.state === 'open' ? Math.max(now, this.openUntil) : now + 250;
  }

  success(now: number): BreakerChange | undefined {
    const from = this.state;
    this.state = 'closed';
    this.failures = 0;
    this.opened = 0;
    this.probing = null;
    this.reachable = true;
    this.troubles = 0;
    this.lastError = null;
    this.lastAt = now;
    return from !== 'closed' ? { from, to: 'closed', error: null } : undefined;
  }

  failure(now: number, error: string): BreakerChange | undefined {
    const from = this.state;
    this.failures += 1;
    this.troubles += 1;
    this.probing = null;
    this.reachable = false;
    this.lastError = error;
    this.lastAt = now;
    if (this.state === 'half_open' || (this.state === 'closed' && this.failures >= this.opts.threshold)) {
      this.opened += 1;
      this.state = 'open';
      this.openUntil = now + backoffDelay(this.opened, this.opts.backoff, this.opts.random);
      return { from, to: 'open', error };
    }
    return undefined;
  }

  /**
   * A request went out and got no usable answer: counts toward "failing" for the people watching, and
   * nothing else (the breaker's state and what it lets through are left as they are).
   */
  trouble(now: number, error: string): void {
    this.troubles += 1;
    this.lastError = error;
    this.lastAt = now;
  }

  /** "Forward now": let the next request through as a probe at once. */
  probeNow(): void {
    if (this.state === 'open') this.openUntil = 0;
  }

  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  view(): BreakerView {
    return {
      state: this.state,
      reachable: this.reachable,
      last_error: this.lastError,
      last_checked_at: this.lastAt === null ? null : new Date(this.lastAt).toISOString(),
      open_until: this.state === 'open' ? new Date(this.openUntil).toISOString() : null,
      failing: this.state === 'closed' && this.troubles >= this.opts.threshold,
    };
  }
}
