// One circuit breaker per provider, and the events its state changes raise.
import type { BackoffPolicy } from '../core/backoff.js';
import type { Clock } from '../core/clock.js';
import { Breaker, type BreakerChange, type BreakerView } from './breaker.js';

export interface BreakersOptions {
  readonly threshold: number;
  readonly backoff: BackoffPolicy;
  readonly random?: () => number;
  /** Called after a state change (the daemon writes it to the event log). */
  readonly onChange?: (provider: string, change: BreakerChange) => void;
}

export class Breakers {
  private readonly breakers = new Map<string, Breaker>();

  constructor(
    private readonly clock: Clock,
    private readonly opts: BreakersOptions,
  ) {}

  private of(provider: string): Breaker {
    let b = this.breakers.get(provider);
    if (!b) {
      b = new Breaker({
        threshold: this.opts.threshold,
        backoff: this.opts.backoff,
        random: this.opts.random ?? Math.random,
      });
      this.breakers.set(provider, b);
    }
    return b;
  }

  /** What the executor saw: any answer (reachable) or a failure before sending (unreachable). */
  record(provider: string, reachable: boolean, error: string | null): void {
    const now = this.clock.now();
    const change = reachable ? this.of(provider).success(now) : this.of(provider).failure(now, error ?? 'unreachable');
    if (change) this.opts.onChange?.(provider, change);
  }

  allow(provider: string): boolean {
    return this.of(provider).allow(this.clock.now());
  }

  probeTicket(provider: string): number | undefined {
    return this.of(provider).probeTicket;
  }

  endProbe(provider: string, ticket: number): void {
    this.of(provider).endProbe(ticket);
  }

  retryAt(provider: string): number {
    return this.of(provider).retryAt(this.clock.now());
  }

  isOpen(provider: string): boolean {
    return this.of(provider).isOpen;
  }

  probeNow(provider: string): void {
    this.of(provider).probeNow();
  }

  view(provider: string): BreakerView {
    return this.of(provider).view();
  }
}
