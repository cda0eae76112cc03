// A lane works one terminal's operations strictly one at a time, in arrival order. It sleeps until
// the head of its queue is due, leases it, runs one step and applies the decision: the step's answer,
// the decision and the card wipe in one SQLite transaction, so a crash leaves either none of them
// (the request is in doubt: looked up, never resent blindly) or all of them.
import type { BackoffPolicy } from '../core/backoff.js';
import type { IdSource } from '../core/clock.js';
import { LeaseLostError, type Lease } from '../store/operations.js';
import type { Store } from '../store/store.js';
import { applyDecision } from './apply.js';
import type { CardVault } from './card-vault.js';
import { operationContext, terminalSettingsFor } from './context.js';
import { decide, type Decision } from './decide.js';
import type { Outcome } from '../core/outcome.js';
import type { OperationRow, TransactionRow } from '../store/rows.js';
import type { ProviderRuntime } from './engine.js';
import { runZvtStep } from './zvt-step.js';
import type { Breakers } from './breakers.js';
import { canResendSafely, runStep } from './step.js';
import type { Logger } from '../logging.js';
import type { CrashHook, CrashPoint } from './crash-points.js';
import type { StepResult } from './step-result.js';

export interface LaneDeps {
  readonly store: Store;
  readonly ids: IdSource;
  readonly owner: string;
  readonly leaseMs: number;
  readonly backoff: BackoffPolicy;
  readonly resolveWindowMs: number;
  readonly random: () => number;
  readonly vault: CardVault;
  readonly log: Logger;
  connectorFor(provider: string): ProviderRuntime | undefined;
  /** A paired terminal's credentials, decrypted for one step. */
  credentialsFor(terminalId: string): Record<string, string> | undefined;
  readonly breakers?: Breakers;
  readonly holdMsFor?: (provider: string) => number;
  readonly crash?: CrashHook;
  /** A card-present preauth not started within this long of the POS's request is failed, never sent. */
  readonly cardPresentStartMs?: number;
}

export class Lane {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private stopped = false;
  private again = false;

  constructor(readonly terminalId: string, private readonly deps: LaneDeps) {}

  /** Look at the queue now (new work arrived, or something changed). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
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
    const { store } = this.deps;
    while (!this.stopped) {
      const now = store.clock.now();
      const running = store.operations.runningFor(this.terminalId);
      if (running) {
        // Leased by another worker (or a dead one the recovery sweep will take over): wait for it.
        this.sleepUntil(Math.max(now + 250, running.lease_until ?? now + 1000));
        return;
      }
      const due = store.operations.nextDue(this.terminalId, now);
      if (!due) {
        const at = store.operations.nextDueAt(this.terminalId);
        if (at !== undefined) this.sleepUntil(at);
        return;
      }
      const provider = store.terminals.get(due.terminal_id)?.provider;
      if (this.tooLateForCounter(due, provider)) continue;
      const held = this.heldByBreaker(due, provider);
      if (held !== undefined) {
        // The provider is unreachable: the queue waits, using up no attempts, until a probe may go out.
        this.sleepUntil(held);
        return;
      }
      // If this operation goes out as the provider's half-open probe, hand the probe back when the step
      // ends: a step settled without any exchange reports nothing to the breaker.
      const probe = provider ? this.deps.breakers?.probeTicket(provider) : undefined;
      try {
        await this.work(due.id);
      } catch (err) {
        // Never let one operation's failure (a full disk, a corrupt row) take the daemon down:
        // log it and look again later; the operation's lease makes sure it is not lost.
        this.deps.log.error({ err, terminal: this.terminalId, operation: due.id }, 'lane step failed');
        this.sleepUntil(store.clock.now() + 5_000);
        return;
      } finally {
        if (provider && probe !== undefined) this.deps.breakers?.endProbe(provider, probe);
      }
    }
  }

  private sleepUntil(at: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const delay = Math.max(0, at - this.deps.store.clock.now());
    this.timer = setTimeout(() => this.wake(), Math.min(delay, 2_147_483_000));
    this.timer.unref?.();
  }

  private async work(operationId: string): Promise<void> {
    const { store, log } = this.deps;
    const now = store.clock.now();
    const lease: Lease = { token: this.deps.ids.token(16), owner: this.deps.owner, pid: process.pid, until: now + this.deps.leaseMs };
    const claimed = store.write((w) => {
      if (!store.operations.claim(operationId, lease, w.now, w.at)) return undefined;
      const op = store.operations.get(operationId)!;
      const tx = store.transactions.get(op.transaction_id)!;
      if (op.kind === 'preauth' && tx.state === 'pending') {
        store.transactions.transition(tx.id, 'pending', 'in_progress', {}, w.at);
        w.emit({ type: 'transaction.state_changed', transactionId: tx.id, operationId: op.id, terminalId: op.terminal_id, data: { from: 'pending', to: 'in_progress' } });
      }
      w.emit({ type: 'operation.started', transactionId: tx.id, operationId: op.id, terminalId: op.terminal_id, data: { kind: op.kind, attempt: op.attempts, in_doubt: op.in_doubt === 1 } });
      return { op, tx: store.transactions.get(op.transaction_id)! };
    });
    if (!claimed) return;
    const { op, tx } = claimed;
    const crash = (point: CrashPoint) => this.deps.crash?.at(point, op);
    crash('claimed');
    let stepped: { decision: Decision; result: StepResult } | undefined;
    try {
      stepped = await this.step(op, tx, crash);
      const { decision, result } = stepped;
      if (result.record && this.deps.crash?.armed('answer_recorded', op)) {
        // What versions before 0.2 did: the answer written apart from its decision. Recovery must apply it.
        store.write((w) => result.record!(w.at, w.now, false));
        crash('answer_recorded');
      }
      const provider = store.terminals.get(op.terminal_id)?.provider;
      store.write((w) => {
        result.record?.(w.at, w.now);
        applyDecision(store, op, lease.token, decision, provider && this.deps.holdMsFor ? this.deps.holdMsFor(provider) : undefined);
        if (decision.kind !== 'retry') this.deps.vault.wipeStored(op.id);
      });
      crash('decision_applied');
      if (decision.kind !== 'retry') this.deps.vault.wipe(op.id);
    } catch (err) {
      if (err instanceof LeaseLostError) {
        // Another worker holds the operation now. Keep the answer as evidence, unapplied: the holder
        // applies it at its next step rather than ask again.
        if (stepped?.result.record) store.write((w) => stepped!.result.record!(w.at, w.now));
        log.warn({ operation: op.id }, 'lease lost before the result could be written; the new lease holder resolves it');
        return;
      }
      this.releaseInDoubt(op, lease.token, err);
      throw err;
    }
  }

  private async step(op: OperationRow, tx: TransactionRow, crash: (point: CrashPoint) => void): Promise<{ decision: Decision; result: StepResult }> {
    const { store, log } = this.deps;
    const terminal = store.terminals.get(op.terminal_id);
    const provider = terminal ? this.deps.connectorFor(terminal.provider) : undefined;
    if (!terminal || !provider) {
      const outcome: Outcome = { kind: 'rejected', code: 'unknown_terminal', message: `terminal ${op.terminal_id} or its provider is no longer configured`, fieldErrors: [] };
      return { result: { outcome }, decision: this.decide(op, tx, outcome, { canLookup: false, canResend: false, cardPresent: false }) };
    }
    const settings = terminalSettingsFor(op, terminal, provider.connector);
    if (!settings.ok) return { result: { outcome: settings.refused }, decision: this.decide(op, tx, settings.refused, { canLookup: false, canResend: false, cardPresent: false }) };
    this.abort = new AbortController();
    try {
      const ctx = operationContext(op, tx, terminal, settings.settings, this.deps.vault.get(op.id), this.deps.credentialsFor(terminal.id), new Date(store.clock.now()).toISOString());
      const result = provider.direct
        ? await runZvtStep({ store, driver: provider.direct, crash }, op, ctx, this.abort.signal)
        : await runStep({
          store, executor: provider.executor, connector: provider.connector, resolveWindowMs: this.deps.resolveWindowMs, crash,
          // Without an idempotency key the card can never be sent again: it goes once the request is out.
          reached: (id) => { if (!provider.connector.capabilities.idempotencyKey) this.deps.vault.wipeStored(id); },
        }, op, ctx, this.abort.signal);
      const { outcome } = result;
      const decision = this.decide(op, tx, outcome, {
        cardPresent: provider.connector.capabilities.cardPresence === 'card_present',
        providerUnreachable: this.deps.breakers?.isOpen(terminal.provider) ?? false,
        canLookup: provider.connector.capabilities.statusLookup && provider.connector.lookup?.(ctx) !== undefined,
        // A ZVT step settles its own doubt from the persisted result (see zvt-step.ts): it may always run again.
        canResend: provider.direct ? true : canResendSafely(provider.connector, op, ctx.card !== undefined, store.clock.now()),
      });
      log.info({ operation: op.id, kind: op.kind, terminal: op.terminal_id, attempt: op.attempts, outcome: outcome.kind, decision: decision.kind }, 'operation step');
      return { decision, result };
    } finally {
      this.abort = undefined;
    }
  }

  /**
   * When the terminal's provider is unreachable, the time to look again; undefined when the operation
   * may go out (as the half-open probe, perhaps). A card-present preauth is not kept for later: the
   * customer is at the counter now, so it fails at once rather than start on the terminal later.
   */
  private heldByBreaker(op: OperationRow, provider: string | undefined): number | undefined {
    const breakers = this.deps.breakers;
    if (!breakers || !provider) return undefined;
    const runtime = this.deps.connectorFor(provider);
    if (!runtime || runtime.connector.localKinds?.includes(op.kind)) return undefined;
    if (breakers.allow(provider)) return undefined;
    if (op.kind === 'preauth' && op.in_doubt === 0 && op.attempts === 0 && runtime.connector.capabilities.cardPresence === 'card_present') {
      this.failUnreachable(op, breakers.view(provider).last_error);
      return this.deps.store.clock.now();
    }
    if (!op.queued_reason) {
      const store = this.deps.store;
      store.write((w) => {
        store.operations.markQueued(op.id, 'provider_unreachable');
        w.emit({ type: 'operation.queued_offline', transactionId: op.transaction_id, operationId: op.id, terminalId: op.terminal_id, data: { kind: op.kind, provider: provider } });
      });
    }
    return breakers.retryAt(provider);
  }

  private failUnreachable(op: OperationRow, why: string | null): void {
    this.failPreauthUnsent(op, 'provider_unavailable', `The provider cannot be reached now; nothing was reserved (${why ?? 'unreachable'})`);
  }

  /**
   * A card-present preauth that has waited in its lane (behind other customers, or for a busy terminal)
   * longer than the customer can be expected to stand at the counter fails without ever being sent. Only
   * one provably never sent (not in doubt) can: one that may have reached the terminal is resolved.
   */
  private tooLateForCounter(op: OperationRow, provider: string | undefined): boolean {
    const limit = this.deps.cardPresentStartMs;
    if (limit === undefined || op.kind !== 'preauth' || op.in_doubt === 1 || !provider) return false;
    if (this.deps.connectorFor(provider)?.connector.capabilities.cardPresence !== 'card_present') return false;
    const waited = this.deps.store.clock.now() - Date.parse(op.created_at);
    if (waited <= limit) return false;
    this.failPreauthUnsent(op, 'terminal_busy', `The terminal could not start this payment within ${Math.round(limit / 1000)} s of the request (it waited ${Math.round(waited / 1000)} s behind other work); nothing was reserved. Ask again, with a new reference, while the customer is at the terminal.`);
    return true;
  }

  private failPreauthUnsent(op: OperationRow, code: string, message: string): void {
    const { store } = this.deps;
    store.write((w) => {
      if (!store.operations.failUnsent(op.id, code, message, w.at)) return;
      const tx = store.transactions.get(op.transaction_id)!;
      store.transactions.transition(tx.id, tx.state, 'failed', { error_code: code, error_message: message }, w.at);
      w.emit({ type: 'operation.failed', transactionId: tx.id, operationId: op.id, terminalId: op.terminal_id, data: { kind: op.kind, code, message } });
      w.emit({ type: 'transaction.state_changed', transactionId: tx.id, operationId: op.id, terminalId: op.terminal_id, data: { from: tx.state, to: 'failed' } });
      store.operations.wipeCard(op.id);
    });
    this.deps.vault.wipe(op.id);
  }

  /** The outcome could not be written: put the operation back in doubt so it is resolved, never resent blindly. */
  private releaseInDoubt(op: OperationRow, token: string, cause: unknown): void {
    const { store } = this.deps;
    try {
      store.write((w) => {
        store.operations.requeue(op.id, token, w.now + 5_000, true, { code: 'internal_error', message: String((cause as Error)?.message ?? cause) }, w.now, w.at);
        store.attempts.abandonUnfinished(op.id, w.at);
      });
    } catch {
      // Still unwritable: the lease runs out and the recovery sweep takes the operation over, in doubt.
    }
  }

  private decide(op: OperationRow, tx: TransactionRow, outcome: Outcome, can: { canLookup: boolean; canResend: boolean; cardPresent: boolean; providerUnreachable?: boolean }): Decision {
    return decide({
      ...can,
      kind: op.kind, outcome, attempts: op.attempts, maxAttempts: op.max_attempts, inDoubt: op.in_doubt === 1,
      transactionState: tx.state, amountAuthorized: tx.amount_authorized, now: this.deps.store.clock.now(),
      backoff: this.deps.backoff, random: this.deps.random,
      inDoubtForMs: op.in_doubt_since === null ? 0 : this.deps.store.clock.now() - op.in_doubt_since,
      resolveWindowMs: this.deps.resolveWindowMs,
    });
  }

  /** Stop taking work; give the step in flight `graceMs` to finish, then abort it (its outcome is then in doubt). */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const running = this.running;
    if (!running) return;
    const t = setTimeout(() => this.abort?.abort(new Error('posbridge is shutting down')), graceMs);
    try {
      await running;
    } finally {
      clearTimeout(t);
    }
  }
}
