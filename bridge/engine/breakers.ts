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
  /** Called when a provider starts or stops failing (answers, but not usably). */
  readonly onFailing?: (provider: string, failing: boolean, error: string | null) => void;
}

export type Seen = 'ok' | 'unreachable' | 'failed';

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

  /**
   * What the executor saw: a usable answer (`ok`), a failure before sending (`unreachable`, counted by
   * the breaker), or a request that went out and got no usable answer (`failed`: 5xx, closed before an
   * answer, timed out — counted only toward "failing").
   */
  record(provider: string, seen: Seen, error: string | null): void {
    const now = this.clock.now();
    const b = this.of(provider);
    const wasFailing = b.view().failing;
    let change: BreakerChange | undefined;
    if (seen === 'ok') change = b.success(now);
    else if (seen === 'unreachable') change = b.failure(now, error ?? 'unreachable');
    else b.trouble(now, error ?? 'no answer');
    if (change) this.opts.onChange?.(provider, change);
    const failing = b.view().failing;
    if (failing !== wasFailing) this.opts.onFailing?.(provider, failing, error);
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
