// The payment half of a lane: what the outbox runner does with one terminal's due operation. It admits
// the operation (or fails it unsent: too late for the customer at the counter, provider unreachable),
// leases it, runs one step on the terminal's payment channel and applies the decision — the step's
// answer, the decision and the card wipe in one SQLite transaction, so a crash leaves either none of
// them (the request is in doubt: looked up, never resent blindly) or all of them.
import type { BackoffPolicy } from '../core/backoff.js';
import type { PaymentChannel, StepPoint, StepResult } from '../core/channel.js';
import type { IdSource } from '../core/clock.js';
import type { Outcome } from '../core/outcome.js';
import type { Logger } from '../logging.js';
import { LeaseLostError, type Lease } from '../store/operations.js';
import type { OperationRow, TransactionRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { Breakers } from './breakers.js';
import type { CardVault } from './card-vault.js';
import { operationContext, terminalSettingsFor } from './context.js';
import type { CrashHook } from './crash-points.js';
import { decide, type Decision } from './decide.js';
import type { Admission, OutboxWorker } from './outbox-runner.js';
import type { StateWriter } from './state-writer.js';

export interface PaymentStepDeps {
  readonly store: Store;
  readonly writer: StateWriter;
  readonly ids: IdSource;
  readonly owner: string;
  readonly leaseMs: number;
  readonly backoff: BackoffPolicy;
  readonly resolveWindowMs: number;
  readonly random: () => number;
  readonly vault: CardVault;
  readonly log: Logger;
  channelFor(provider: string): PaymentChannel | undefined;
  /** A paired terminal's credentials, decrypted for one step. */
  credentialsFor(terminalId: string): Record<string, string> | undefined;
  readonly breakers?: Breakers;
  readonly holdMsFor?: (provider: string) => number;
  readonly crash?: CrashHook;
  /** A card-present preauth not started within this long of the POS's request is failed, never sent. */
  readonly cardPresentStartMs?: number;
}

export class PaymentStep implements OutboxWorker<OperationRow> {
  private inFlight: AbortController | undefined;

  constructor(private readonly deps: PaymentStepDeps) {}

  private providerOf(op: OperationRow): string | undefined {
    return this.deps.store.terminals.get(op.terminal_id)?.provider;
  }

  admit(op: OperationRow): Admission {
    const provider = this.providerOf(op);
    if (this.tooLateForCounter(op, provider)) return { kind: 'settled' };
    const held = this.heldByBreaker(op, provider);
    // The provider is unreachable: the queue waits, using up no attempts, until a probe may go out.
    if (held === 'failed') return { kind: 'settled' };
    return held === undefined ? { kind: 'run' } : { kind: 'wait', until: held };
  }

  async run(due: OperationRow): Promise<void> {
    const provider = this.providerOf(due);
    // If this operation goes out as the provider's half-open probe, hand the probe back when the step
    // ends: a step settled without any exchange reports nothing to the breaker.
    const probe = provider ? this.deps.breakers?.probeTicket(provider) : undefined;
    try {
      await this.work(due.id, provider);
    } finally {
      if (provider && probe !== undefined) this.deps.breakers?.endProbe(provider, probe);
    }
  }

  abort(reason: Error): void {
    this.inFlight?.abort(reason);
  }

  /** `provider`: the terminal's, read once by `run` for the whole step. */
  private async work(operationId: string, provider: string | undefined): Promise<void> {
    const { store, log, writer } = this.deps;
    const lease: Lease = {
      token: this.deps.ids.token(16),
      owner: this.deps.owner,
      pid: process.pid,
      until: store.clock.now() + this.deps.leaseMs,
    };
    const claimed = writer.claim(operationId, lease);
    if (!claimed) return;
    const { op, tx } = claimed;
    const crash = (point: StepPoint) => this.deps.crash?.at(point, op);
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
      // Unsynced: the POS hears of it through a reply, which waits for the disk (api/server.ts).
      store.writeUnsynced((w) => {
        result.record?.(w.at, w.now);
        writer.apply(
          op,
          lease.token,
          decision,
          provider && this.deps.holdMsFor ? this.deps.holdMsFor(provider) : undefined,
        );
      });
      crash('decision_applied');
    } catch (err) {
      if (err instanceof LeaseLostError) {
        // Another worker holds the operation now. Keep the answer as evidence, unapplied: the holder
        // applies it at its next step rather than ask again.
        if (stepped?.result.record) store.write((w) => stepped!.result.record!(w.at, w.now));
        log.warn(
          { operation: op.id },
          'lease lost before the result could be written; the new lease holder resolves it',
        );
        return;
      }
      try {
        writer.releaseInDoubt(op, lease.token, err);
      } catch {
        // Still unwritable: the lease runs out and the recovery sweep takes the operation over, in doubt.
      }
      throw err;
    }
  }

  private async step(
    op: OperationRow,
    tx: TransactionRow,
    crash: (point: StepPoint) => void,
  ): Promise<{ decision: Decision; result: StepResult }> {
    const { store, log } = this.deps;
    const terminal = store.terminals.get(op.terminal_id);
    const channel = terminal ? this.deps.channelFor(terminal.provider) : undefined;
    if (!terminal || !channel) {
      const outcome: Outcome = {
        kind: 'rejected',
        code: 'unknown_terminal',
        message: `terminal ${op.terminal_id} or its provider is no longer configured`,
        fieldErrors: [],
      };
      return {
        result: { outcome },
        decision: this.decide(op, tx, outcome, { canLookup: false, canResend: false, cardPresent: false }),
      };
    }
    // Parsed once per terminal (memoised); settings that do not parse send nothing.
    const settings = terminalSettingsFor(op, terminal, channel.facts);
    if (!settings.ok)
      return {
        result: { outcome: settings.refused },
        decision: this.decide(op, tx, settings.refused, { canLookup: false, canResend: false, cardPresent: false }),
      };
    this.inFlight = new AbortController();
    try {
      const ctx = operationContext(
        op,
        tx,
        terminal,
        settings.settings,
        this.deps.vault.get(op.id),
        this.deps.credentialsFor(terminal.id),
        new Date(store.clock.now()).toISOString(),
      );
      const result = await channel.step(op, ctx, { crash }, this.inFlight.signal);
      const { outcome } = result;
      const decision = this.decide(op, tx, outcome, {
        ...channel.remedies(op, ctx, store.clock.now()),
        cardPresent: channel.facts.capabilities.cardPresence === 'card_present',
        providerUnreachable: this.deps.breakers?.isOpen(terminal.provider) ?? false,
      });
      log.info(
        {
          operation: op.id,
          kind: op.kind,
          terminal: op.terminal_id,
          attempt: op.attempts,
          outcome: outcome.kind,
          decision: decision.kind,
        },
        'operation step',
      );
      return { decision, result };
    } finally {
      this.inFlight = undefined;
    }
  }

  /**
   * When the terminal's provider is unreachable, the time to look again; undefined when the operation
   * may go out (as the half-open probe, perhaps). A card-present preauth is not kept for later: the
   * customer is at the counter now, so it fails at once rather than start on the terminal later.
   */
  private heldByBreaker(op: OperationRow, provider: string | undefined): number | 'failed' | undefined {
    const breakers = this.deps.breakers;
    if (!breakers || !provider) return undefined;
    const channel = this.deps.channelFor(provider);
    if (!channel || channel.facts.localKinds?.includes(op.kind)) return undefined;
    if (breakers.allow(provider)) return undefined;
    if (
      op.kind === 'preauth' &&
      op.in_doubt === 0 &&
      op.attempts === 0 &&
      channel.facts.capabilities.cardPresence === 'card_present'
    ) {
      const why = breakers.view(provider).last_error;
      if (
        this.deps.writer.endUnsent(
          op,
          'provider_unavailable',
          `The provider cannot be reached now; nothing was reserved (${why ?? 'unreachable'})`,
        )
      )
        return 'failed';
    }
    if (!op.queued_reason) {
      const store = this.deps.store;
      store.write((w) => {
        store.operations.markQueued(op.id, 'provider_unreachable');
        w.emit({
          type: 'operation.queued_offline',
          transactionId: op.transaction_id,
          operationId: op.id,
          terminalId: op.terminal_id,
          data: { kind: op.kind, provider },
        });
      });
    }
    return breakers.retryAt(provider);
  }

  /**
   * A card-present preauth that has waited in its lane (behind other customers, or for a busy terminal)
   * longer than the customer can be expected to stand at the counter fails without ever being sent. Only
   * one provably never sent (not in doubt) can: one that may have reached the terminal is resolved.
   */
  private tooLateForCounter(op: OperationRow, provider: string | undefined): boolean {
    const limit = this.deps.cardPresentStartMs;
    if (limit === undefined || op.kind !== 'preauth' || op.in_doubt === 1 || !provider) return false;
    if (this.deps.channelFor(provider)?.facts.capabilities.cardPresence !== 'card_present') return false;
    const waited = this.deps.store.clock.now() - Date.parse(op.created_at);
    if (waited <= limit) return false;
    // False when it reached the terminal after all (endUnsent writes nothing then): it runs.
    return this.deps.writer.endUnsent(
      op,
      'terminal_busy',
      `The terminal could not start this payment within ${Math.round(limit / 1000)} s of the request (it waited ${Math.round(waited / 1000)} s behind other work); nothing was reserved. Ask again, with a new reference, while the customer is at the terminal.`,
    );
  }

  private decide(
    op: OperationRow,
    tx: TransactionRow,
    outcome: Outcome,
    can: { canLookup: boolean; canResend: boolean; cardPresent: boolean; providerUnreachable?: boolean },
  ): Decision {
    const now = this.deps.store.clock.now();
    return decide({
      ...can,
      kind: op.kind,
      outcome,
      attempts: op.attempts,
      maxAttempts: op.max_attempts,
      inDoubt: op.in_doubt === 1,
      transactionState: tx.state,
      amountAuthorized: tx.amount_authorized,
      now,
      backoff: this.deps.backoff,
      random: this.deps.random,
      inDoubtForMs: op.in_doubt_since === null ? 0 : now - op.in_doubt_since,
      resolveWindowMs: this.deps.resolveWindowMs,
    });
  }
}
