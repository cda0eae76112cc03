// A generic outbox runner: works one queue's items strictly one at a time, in the queue's order. It
// sleeps until the head is due, asks the worker whether the head may go now, runs it, and looks again.
// It knows nothing of payments: the queue and the worker are injected, and so is time, so it is tested
// with a fake scheduler and no sleeps (the payment lane is this runner plus payment-step.ts).

/** Time and timers, injected. */
export interface Scheduler {
  now(): number;
  /** Calls `fn` after `ms`; the returned function cancels it. Must not keep the process alive. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const realScheduler = (now: () => number): Scheduler => ({
  now,
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), 2_147_483_000));
    t.unref?.();
    return () => clearTimeout(t);
  },
});

export interface OutboxQueue<T> {
  /** An item of this queue leased now (by this or another worker), with when its lease ends. */
  leased(): { readonly leaseUntil: number | null } | undefined;
  /** The oldest item due at `now`. */
  nextDue(now: number): T | undefined;
  /** When the next item becomes due, if there is one. */
  nextDueAt(): number | undefined;
}

export type Admission =
  { readonly kind: 'run' } | { readonly kind: 'wait'; readonly until: number } | { readonly kind: 'settled' };

export interface OutboxWorker<T> {
  /** Whether the due head may run now, must wait, or was settled without running (look again). */
  admit(item: T): Admission;
  run(item: T): Promise<void>;
  /** Stops the item in flight (shutdown past its grace): its outcome is then in doubt. */
  abort(reason: Error): void;
}

export interface RunnerLog {
  error(obj: object, msg: string): void;
}

/** How long to wait before looking again after a worker failed (a full disk, a corrupt row). */
export const FAILURE_PAUSE_MS = 5_000;
/** How often to look again while another worker holds an item (or a dead one the recovery sweep takes over). */
const LEASED_POLL_MS = 250;

export class OutboxRunner<T extends { readonly id: string }> {
  private cancelTimer: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private again = false;

  constructor(
    readonly name: string,
    private readonly queue: OutboxQueue<T>,
    private readonly worker: OutboxWorker<T>,
    private readonly scheduler: Scheduler,
    private readonly log: RunnerLog,
  ) {}

  /** Look at the queue now (new work arrived, or something changed). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const now = this.scheduler.now();
      const leased = this.queue.leased();
      if (leased) {
        this.sleepUntil(Math.max(now + LEASED_POLL_MS, leased.leaseUntil ?? now + 1000));
        return;
      }
      const due = this.queue.nextDue(now);
      if (!due) {
        const at = this.queue.nextDueAt();
        if (at !== undefined) this.sleepUntil(at);
        return;
      }
      const admission = this.worker.admit(due);
      if (admission.kind === 'settled') continue;
      if (admission.kind === 'wait') {
        this.sleepUntil(admission.until);
        return;
      }
      try {
        await this.worker.run(due);
      } catch (err) {
        // One item's failure never takes the daemon down: log it and look again later; the item's
        // lease makes sure it is not lost.
        this.log.error({ err, queue: this.name, item: due.id }, 'outbox item failed');
        this.sleepUntil(this.scheduler.now() + FAILURE_PAUSE_MS);
        return;
      }
    }
  }

  private sleepUntil(at: number): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = this.scheduler.setTimer(() => this.wake(), at - this.scheduler.now());
  }

  /** Stop taking work; give the item in flight `graceMs` to finish, then abort it. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    const running = this.running;
    if (!running) return;
    const cancel = this.scheduler.setTimer(() => this.worker.abort(new Error('posbridge is shutting down')), graceMs);
    try {
      await running;
    } finally {
      cancel();
    }
  }
}
