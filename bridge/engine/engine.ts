// The engine: one lane per terminal, a recovery sweep for orphaned leases, and orderly shutdown.
import { randomUUID } from 'node:crypto';
import { processAlive } from '../../native/process.js';
import type { SecretBox } from '../../native/secret-box.js';
import type { BackoffPolicy } from '../core/backoff.js';
import type { IdSource } from '../core/clock.js';
import type { Logger } from '../logging.js';
import type { Connector, ProviderFacts } from '../providers/types.js';
import type { ZvtDriver } from '../terminals/zvt/driver.js';
import type { OperationRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { CardVault } from './card-vault.js';
import type { CrashHook, CrashPoint, CrashTarget } from './crash-points.js';
import type { HttpExecutor } from './http-executor.js';
import type { Breakers } from './breakers.js';
import { Lane } from './lane.js';
import { recoverOrphans } from './recovery.js';

/** A cloud provider: a pure connector and the HTTP executor that carries its requests. */
export interface HttpProviderRuntime {
  readonly connector: Connector;
  readonly executor: HttpExecutor;
  readonly direct?: undefined;
}

/** Terminals on the POS PC's own cable or network, spoken to directly (ZVT). */
export interface DirectProviderRuntime {
  readonly connector: ProviderFacts;
  readonly direct: ZvtDriver;
  readonly executor?: undefined;
}

export type ProviderRuntime = HttpProviderRuntime | DirectProviderRuntime;

export interface EngineOptions {
  readonly store: Store;
  readonly ids: IdSource;
  readonly log: Logger;
  readonly providers: ReadonlyMap<string, ProviderRuntime>;
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
}

/** The context a terminal's credentials are sealed under: a blob copied to another terminal does not open. */
export const credentialContext = (terminalId: string) => `terminal-credentials:${terminalId}`;

export class Engine {
  readonly vault: CardVault;
  /** This process's identity as a lease owner. */
  readonly owner = `${process.pid}:${randomUUID()}`;
  private readonly lanes = new Map<string, Lane>();
  private readonly sweepTasks: Array<() => void> = [];
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly opts: EngineOptions) {
    this.vault = new CardVault(opts.store, opts.secrets);
  }

  get maxAttempts(): number {
    return this.opts.maxAttempts;
  }

  get breakers(): Breakers | undefined {
    return this.opts.breakers;
  }

  /** Dies here if a test armed this point (see crash-points.ts); does nothing otherwise. */
  crashAt(point: CrashPoint, target: CrashTarget): void {
    this.opts.crash?.at(point, target);
  }

  provider(name: string): ProviderRuntime | undefined {
    return this.opts.providers.get(name);
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
      recoverOrphans({ store: this.opts.store, owner: this.owner, isAlive: this.opts.isAlive ?? processAlive });
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
      const message = `Waited more than ${Math.round(maxAgeMs / 60_000)} min for an unreachable provider; never sent`;
      store.write((w) => {
        if (!store.operations.failUnsent(op.id, 'queue_expired', message, w.at)) return;
        const refs = { transactionId: op.transaction_id, operationId: op.id, terminalId: op.terminal_id };
        w.emit({ type: 'operation.failed', ...refs, data: { kind: op.kind, code: 'queue_expired', message } });
        w.emit({ type: 'alert.queue_expired', ...refs, data: { message } });
        const tx = store.transactions.get(op.transaction_id)!;
        if (op.kind === 'preauth' && (tx.state === 'pending' || tx.state === 'in_progress')) {
          store.transactions.transition(tx.id, tx.state, 'failed', { error_code: 'queue_expired', error_message: message }, w.at);
          w.emit({ type: 'transaction.state_changed', ...refs, data: { from: tx.state, to: 'failed' } });
        }
      });
      this.vault.wipe(op.id);
    }
  }

  /** "Forward now": probe every unreachable provider at once and make every queued operation due. */
  forwardNow(): void {
    const { store } = this.opts;
    const queue = store.operations.offlineQueue();
    for (const provider of new Set(queue.map((q) => q.provider))) this.opts.breakers?.probeNow(provider);
    store.write((w) => { for (const op of queue) store.operations.makeDue(op.id, w.now); });
    for (const terminal of new Set(queue.map((q) => q.terminal_id))) this.wake(terminal);
  }

  /**
   * A cancel for a preauth running on a directly connected terminal: the abort (ZVT 06 B0) goes out at
   * once on the connection the preauth waits on. The preauth's own step learns how it ended.
   */
  async abortAtTerminal(op: OperationRow): Promise<void> {
    const terminal = this.opts.store.terminals.get(op.terminal_id);
    const runtime = terminal ? this.opts.providers.get(terminal.provider) : undefined;
    if (!runtime?.direct) return;
    try {
      if (await runtime.direct.abort(op.terminal_id)) this.opts.store.write((w) => this.opts.store.operations.markCancelSent(op.id, w.at));
    } catch (err) {
      this.opts.log.warn({ err, operation: op.id }, 'could not send the abort to the terminal');
    }
  }

  wake(terminalId: string): void {
    if (!this.stopping) this.lane(terminalId).wake();
  }

  private lane(terminalId: string): Lane {
    let lane = this.lanes.get(terminalId);
    if (!lane) {
      lane = new Lane(terminalId, {
        store: this.opts.store,
        ids: this.opts.ids,
        owner: this.owner,
        leaseMs: this.opts.leaseMs,
        backoff: this.opts.backoff,
        resolveWindowMs: this.opts.resolveWindowMs,
        random: this.opts.random ?? Math.random,
        vault: this.vault,
        log: this.opts.log,
        connectorFor: (p) => this.opts.providers.get(p),
        credentialsFor: (id) => this.credentials(id),
        breakers: this.opts.breakers,
        ...(this.opts.holdMsFor ? { holdMsFor: this.opts.holdMsFor } : {}),
        ...(this.opts.crash ? { crash: this.opts.crash } : {}),
        ...(this.opts.cardPresentStartMs !== undefined ? { cardPresentStartMs: this.opts.cardPresentStartMs } : {}),
      });
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
      this.opts.log.error({ err, terminal: terminalId }, 'stored credentials cannot be opened; pair the terminal again');
      return undefined;
    }
  }

  /** Stop taking work and let steps in flight finish (or abort them after `graceMs`, leaving them in doubt). */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweepTimer);
    await Promise.all([...this.lanes.values()].map((l) => l.stop(graceMs)));
  }
}
