// The engine: one lane per terminal (an outbox runner working payment steps), a recovery sweep for
// orphaned leases, and orderly shutdown. It drives payment channels without knowing what is behind them.
import { randomUUID } from 'node:crypto';
import { processAlive } from '../../native/process.js';
import type { SecretBox } from '../../native/secret-box.js';
import type { BackoffPolicy } from '../core/backoff.js';
import type { PaymentChannel } from '../core/channel.js';
import type { IdSource } from '../core/clock.js';
import type { Logger } from '../logging.js';
import type { OperationRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { CardVault } from './card-vault.js';
import { credentialContext } from './credentials.js';
import type { IntakeDeps } from './intake.js';
import type { OfflineConfig } from './offline-policy.js';
import type { CrashHook, CrashPoint, CrashTarget } from './crash-points.js';
import type { Breakers } from './breakers.js';
import { OutboxRunner, realScheduler, type Scheduler } from './outbox-runner.js';
import { PaymentStep } from './payment-step.js';
import { recoverOrphans } from './recovery.js';
import { StateWriter } from './state-writer.js';

export interface EngineOptions {
  readonly store: Store;
  readonly ids: IdSource;
  readonly log: Logger;
  /** Each provider's payment channel, by the provider name terminals are configured with. */
  readonly channels: ReadonlyMap<string, PaymentChannel>;
  readonly backoff: BackoffPolicy;
  readonly maxAttempts: number;
  readonly resolveWindowMs: number;
  /** How long a worker may hold an operation; longer than the slowest step can take. */
  readonly leaseMs: number;
  readonly sweepMs?: number;
  readonly random?: () => number;
  readonly isAlive?: (pid: number) => boolean;
  /** Opens terminal credentials sealed at pairing; without it no terminal has credentials. */
  readonly secrets?: SecretBox;
  /** Per-provider circuit breakers; without them every provider counts as reachable. */
  readonly breakers?: Breakers;
  /** Operations waiting for an unreachable provider longer than this fail, never sent. */
  readonly queueMaxAgeMs?: number;
  /** How long a new hold lasts with this provider when the POS gave no expires_at. */
  readonly holdMsFor?: (provider: string) => number;
  /** Test hook (POSBRIDGE_TEST_CRASH_AT): kill the process at a named point of an operation's life. */
  readonly crash?: CrashHook;
  /** A card-present preauth not started within this long of the POS's request fails, never sent. */
  readonly cardPresentStartMs?: number;
  /** Compact an operation's attempts in the write that ends it (default); false keeps raw bodies for the archive run. */
  readonly compactAttemptsAtEnd?: boolean;
  /** Timers for the lanes; tests give a fake one. */
  readonly scheduler?: Scheduler;
}

export class Engine {
  readonly vault: CardVault;
  /** The one writer of money state (state-writer.ts). */
  readonly writer: StateWriter;
  /** This process's identity as a lease owner. */
  readonly owner = `${process.pid}:${randomUUID()}`;
  private readonly lanes = new Map<string, OutboxRunner<OperationRow>>();
  private readonly scheduler: Scheduler;
  private readonly sweepTasks: Array<() => void> = [];
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly opts: EngineOptions) {
    this.vault = new CardVault(opts.store, opts.secrets);
    this.writer = new StateWriter(opts.store, (id) => this.vault.forget(id), {
      compactAttemptsAtEnd: opts.compactAttemptsAtEnd ?? true,
    });
    this.scheduler = opts.scheduler ?? realScheduler(() => opts.store.clock.now());
  }

  get breakers(): Breakers | undefined {
    return this.opts.breakers;
  }

  /** Dies here if a test armed this point (see crash-points.ts); does nothing otherwise. */
  crashAt(point: CrashPoint, target: CrashTarget): void {
    this.opts.crash?.at(point, target);
  }

  channel(provider: string): PaymentChannel | undefined {
    return this.opts.channels.get(provider);
  }

  start(): void {
    this.sweep();
    this.sweepTimer = setInterval(() => this.sweep(), this.opts.sweepMs ?? 1000);
    this.sweepTimer.unref?.();
  }

  /** Recovers orphaned operations and makes sure every lane with due work is awake. */
  sweep(): void {
    if (this.stopping) return;
    try {
      recoverOrphans({
        store: this.opts.store,
        writer: this.writer,
        owner: this.owner,
        isAlive: this.opts.isAlive ?? processAlive,
      });
      if (this.opts.queueMaxAgeMs !== undefined) this.expireQueued(this.opts.queueMaxAgeMs);
      for (const task of this.sweepTasks) task();
      // An idle lane that is woken either works its due head or sets its own timer for it.
      for (const { terminal_id } of this.opts.store.operations.lanesWithWork()) {
        const lane = this.lane(terminal_id);
        if (!lane.busy) lane.wake();
      }
    } catch (err) {
      this.opts.log.error({ err }, 'engine sweep failed');
    }
  }

  /** Work to do on every sweep (hold expiry). */
  onSweep(task: () => void): void {
    this.sweepTasks.push(task);
  }

  /** Fails queued operations that waited too long for their provider and were never sent. */
  private expireQueued(maxAgeMs: number): void {
    const { store } = this.opts;
    const before = new Date(store.clock.now() - maxAgeMs).toISOString();
    for (const op of store.operations.staleQueued(before)) {
      this.writer.endUnsent(
        op,
        'queue_expired',
        `Waited more than ${Math.round(maxAgeMs / 60_000)} min for an unreachable provider; never sent`,
        'alert.queue_expired',
      );
    }
  }

  /** "Forward now": probe every unreachable provider at once and make every queued operation due. */
  forwardNow(): void {
    const { store } = this.opts;
    const queue = store.operations.offlineQueue();
    for (const provider of new Set(queue.map((q) => q.provider))) this.opts.breakers?.probeNow(provider);
    store.write((w) => {
      for (const op of queue) store.operations.makeDue(op.id, w.now);
    });
    for (const terminal of new Set(queue.map((q) => q.terminal_id))) this.wake(terminal);
  }

  /**
   * A cancel for a preauth already at the terminal, on a channel that sends it on the connection the
   * preauth waits on (ZVT 06 B0): it goes out at once. The preauth's own step learns how it ended.
   */
  async abortAtTerminal(op: OperationRow): Promise<void> {
    const terminal = this.opts.store.terminals.get(op.terminal_id);
    const channel = terminal ? this.opts.channels.get(terminal.provider) : undefined;
    if (!channel?.abortRunning) return;
    try {
      if (await channel.abortRunning(op.terminal_id))
        this.opts.store.write((w) => this.opts.store.operations.markCancelSent(op.id, w.at));
    } catch (err) {
      this.opts.log.warn({ err, operation: op.id }, 'could not send the abort to the terminal');
    }
  }

  wake(terminalId: string): void {
    if (!this.stopping) this.lane(terminalId).wake();
  }

  private lane(terminalId: string): OutboxRunner<OperationRow> {
    let lane = this.lanes.get(terminalId);
    if (!lane) {
      const { store } = this.opts;
      const step = new PaymentStep({
        store,
        writer: this.writer,
        ids: this.opts.ids,
        owner: this.owner,
        leaseMs: this.opts.leaseMs,
        backoff: this.opts.backoff,
        resolveWindowMs: this.opts.resolveWindowMs,
        random: this.opts.random ?? Math.random,
        vault: this.vault,
        log: this.opts.log,
        channelFor: (p) => this.opts.channels.get(p),
        credentialsFor: (id) => this.credentials(id),
        ...(this.opts.breakers ? { breakers: this.opts.breakers } : {}),
        ...(this.opts.holdMsFor ? { holdMsFor: this.opts.holdMsFor } : {}),
        ...(this.opts.crash ? { crash: this.opts.crash } : {}),
        ...(this.opts.cardPresentStartMs !== undefined ? { cardPresentStartMs: this.opts.cardPresentStartMs } : {}),
      });
      const queue = {
        leased: () => {
          const running = store.operations.runningFor(terminalId);
          return running ? { leaseUntil: running.lease_until } : undefined;
        },
        nextDue: (now: number) => store.operations.nextDue(terminalId, now),
        nextDueAt: () => store.operations.nextDueAt(terminalId),
      };
      lane = new OutboxRunner(terminalId, queue, step, this.scheduler, this.opts.log);
      this.lanes.set(terminalId, lane);
    }
    return lane;
  }

  /** A paired terminal's credentials, or undefined when it has none (or they cannot be opened). */
  credentials(terminalId: string): Record<string, string> | undefined {
    const sealed = this.opts.store.credentials.get(terminalId);
    if (!sealed || !this.opts.secrets) return undefined;
    try {
      return JSON.parse(this.opts.secrets.open(sealed, credentialContext(terminalId))) as Record<string, string>;
    } catch (err) {
      this.opts.log.error(
        { err, terminal: terminalId },
        'stored credentials cannot be opened; pair the terminal again',
      );
      return undefined;
    }
  }

  /** What intake needs of the engine (intake.ts takes no more than this). */
  intakeDeps(ids: IdSource, offline?: OfflineConfig): IntakeDeps {
    return {
      store: this.opts.store,
      ids,
      writer: this.writer,
      vault: this.vault,
      maxAttempts: this.opts.maxAttempts,
      breakers: this.opts.breakers,
      ...(offline ? { offline } : {}),
      channel: (p) => this.channel(p),
      credentials: (id) => this.credentials(id),
      wake: (id) => this.wake(id),
      abortAtTerminal: (op) => this.abortAtTerminal(op),
      crashAt: (point, target) => this.crashAt(point, target),
    };
  }

  /** Stop taking work and let steps in flight finish (or abort them after `graceMs`, leaving them in doubt). */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweepTimer);
    await Promise.all([...this.lanes.values()].map((l) => l.stop(graceMs)));
  }
}
