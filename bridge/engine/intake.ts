// Intake: turns POS requests into a transaction row and an outbox operation in one SQLite
// transaction, before any I/O. Repeats are recognised here, so a POS retry never charges twice.
import { cardExpired, luhnValid, maskCard, type CardInput } from '../core/card.js';
import { fingerprint } from '../core/canonical.js';
import type { IdSource } from '../core/clock.js';
import { BridgeError, type FieldError } from '../core/errors.js';
import { currencyExponent, money } from '../core/money.js';
import { OPERATION_REQUIRES, type OperationKind } from '../core/states.js';
import type { PaymentChannel } from '../core/channel.js';
import type { OperationRow, TransactionRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { Breakers } from './breakers.js';
import type { CardVault } from './card-vault.js';
import type { CrashPoint, CrashTarget } from './crash-points.js';
import { checkQueueLimits, offlineAction, type OfflineConfig } from './offline-policy.js';
import type { StateWriter } from './state-writer.js';

/** What intake needs of the rest of the daemon, and no more. */
export interface IntakeDeps {
  readonly store: Store;
  readonly ids: IdSource;
  readonly writer: StateWriter;
  readonly vault: Pick<CardVault, 'canPersist' | 'cardKey' | 'seal' | 'put'>;
  readonly maxAttempts: number;
  readonly breakers?: Pick<Breakers, 'isOpen' | 'view'> | undefined;
  readonly offline?: OfflineConfig;
  channel(provider: string): PaymentChannel | undefined;
  /** A paired terminal's credentials; undefined when it has none. */
  credentials(terminalId: string): Record<string, string> | undefined;
  /** New work for this terminal's lane. */
  wake(terminalId: string): void;
  /** A cancel for a preauth already at the terminal, on channels that send it at once. */
  abortAtTerminal(op: OperationRow): Promise<void>;
  /** Test hook (crash-points.ts). */
  crashAt(point: CrashPoint, target: CrashTarget): void;
}

export interface PreauthRequest {
  readonly terminal_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly reference: string;
  readonly expires_at?: string;
  readonly operator?: string;
  readonly metadata?: Record<string, unknown>;
  readonly card?: CardInput;
}

export interface Accepted {
  readonly transaction: TransactionRow;
  readonly operation: OperationRow;
  /** false when this request repeated an earlier one and nothing new was written. */
  readonly created: boolean;
}

type FollowUpKind = Exclude<OperationKind, 'preauth'>;

/** Who asks for a follow-up, and whether it may charge more than is held (the status window never does). */
export interface FollowUpBy {
  readonly requestedBy?: string;
  readonly withinHeld?: boolean;
}

/** How the daemon names itself when it voids a hold on its own (expired, orphaned). */
export const DAEMON_ACTOR = 'posbridge';

function invalid(field: string, message: string): BridgeError {
  return new BridgeError('validation_failed', message, [{ field, message }]);
}

function checkCard(card: CardInput, now: number): void {
  const errors: FieldError[] = [];
  if (!luhnValid(card.number)) errors.push({ field: 'card.number', message: 'is not a valid card number' });
  if (cardExpired(card, now)) errors.push({ field: 'card.expiry_year', message: 'the card has expired' });
  if (errors.length) throw new BridgeError('validation_failed', 'The card data is not valid', errors);
}

export class Intake {
  private readonly store: Store;
  private readonly ids: IdSource;
  private readonly offline: OfflineConfig;

  constructor(private readonly deps: IntakeDeps) {
    this.store = deps.store;
    this.ids = deps.ids;
    this.offline = deps.offline ?? { policy: {}, max_amount: {}, max_exposure: {}, max_count: 500 };
  }

  /** While paused, new preauths are refused (503 paused); repeats of existing ones, and adjust, capture
   *  and void of holds already taken, go on. Kept in memory: a restarted daemon takes payments again. */
  paused: { readonly since: string; readonly by: string } | null = null;

  setPaused(on: boolean, by: string): void {
    if (on === (this.paused !== null)) return;
    this.store.write((w) => {
      this.paused = on ? { since: w.at, by } : null;
      w.emit({ type: on ? 'intake.paused' : 'intake.resumed', data: { by } });
    });
  }

  /**
   * While a provider is unreachable, a request either waits (its reason recorded, limits checked in the
   * same SQLite transaction as the write) or is refused with nothing written.
   */
  private offlineReason(provider: string, kind: OperationKind, amount: number | null, currency: string): string | null {
    const breakers = this.deps.breakers;
    if (!breakers?.isOpen(provider)) return null;
    const cardPresent = this.deps.channel(provider)?.facts.capabilities.cardPresence === 'card_present';
    if (offlineAction(this.offline, provider, kind, cardPresent) === 'reject') {
      throw new BridgeError(
        'provider_unavailable',
        `${provider} cannot be reached now (${breakers.view(provider).last_error ?? 'unreachable'}); nothing was sent or kept`,
      );
    }
    checkQueueLimits(this.offline, this.store.operations.offlineQueue(), { kind, amount, currency });
    return 'provider_unreachable';
  }

  createPreauth(req: PreauthRequest): Accepted {
    const terminal = this.store.terminals.get(req.terminal_id);
    if (!terminal || !terminal.enabled)
      throw new BridgeError('unknown_terminal', `No terminal with id ${req.terminal_id}`);
    if (currencyExponent(req.currency) === undefined) {
      throw new BridgeError('unsupported_currency', `${req.currency} is not an ISO 4217 currency we can charge`, [
        { field: 'currency', message: 'unknown currency code' },
      ]);
    }
    if (terminal.currency && terminal.currency !== req.currency) {
      throw invalid('currency', `terminal ${terminal.id} takes ${terminal.currency} only`);
    }
    money(req.amount, req.currency);
    const now = this.store.clock.now();
    if (req.expires_at !== undefined && !(Date.parse(req.expires_at) > now))
      throw invalid('expires_at', 'must be in the future');
    const channel = this.deps.channel(terminal.provider);
    if (!channel) throw new BridgeError('unknown_terminal', `terminal ${terminal.id} has no configured provider`);
    const facts = channel.facts;
    // A terminal whose stored settings no longer parse can send nothing: refused now, nothing written.
    const settings = facts.terminalSettings.check(terminal.id, terminal.settings_json);
    if (!settings.ok) throw settings.error;
    if (facts.pairing && !this.deps.credentials(terminal.id)) {
      throw new BridgeError(
        'terminal_not_paired',
        `terminal ${terminal.id} is not paired yet: POST /v1/terminals/${terminal.id}/pair with the one-time password the terminal shows`,
      );
    }
    const needsCard = facts.needsCard('preauth');
    if (needsCard && !req.card)
      throw new BridgeError(
        'card_required',
        `terminal ${terminal.id} (${terminal.provider}) needs the card details in "card"`,
      );
    if (!needsCard && req.card)
      throw invalid('card', `terminal ${terminal.id} reads the card itself; do not send card data`);
    if (req.card) checkCard(req.card, now);
    const providerErrors = facts.checkPreauth?.(req) ?? [];
    if (providerErrors.length)
      throw new BridgeError('validation_failed', `${terminal.provider} needs more in this request`, providerErrors);

    const masked = req.card ? maskCard(req.card) : null;
    // The fingerprint binds the card through a keyed hash of its number and expiry (never the CVV, never
    // the number in clear). Transactions written before it was keyed hold the masked-PAN form: a repeat
    // of one of those is still recognised by it.
    const request = {
      terminal_id: req.terminal_id,
      amount: req.amount,
      currency: req.currency,
      reference: req.reference,
      expires_at: req.expires_at,
      operator: req.operator,
      metadata: req.metadata,
    };
    const cardKey = req.card ? this.deps.vault.cardKey(req.card) : undefined;
    const fp = fingerprint({ ...request, card: cardKey ? `hmac:${cardKey}` : masked?.maskedPan });
    const legacyFp = cardKey ? fingerprint({ ...request, card: masked?.maskedPan }) : fp;

    // Unsynced: the answer to the POS waits for the disk (api/server.ts), and so does the request to
    // the provider (the attempt's sync), so concurrent intakes share one fsync.
    const result = this.store.writeUnsynced((w): Accepted => {
      const existing = this.store.transactions.byReference(req.terminal_id, req.reference);
      if (existing) {
        if (existing.request_fingerprint !== fp && existing.request_fingerprint !== legacyFp) {
          throw new BridgeError(
            'reference_conflict',
            `reference ${req.reference} was already used on terminal ${req.terminal_id} for a different request`,
          );
        }
        const op = this.store.operations.byTransaction(existing.id).find((o) => o.kind === 'preauth')!;
        return { transaction: existing, operation: op, created: false };
      }
      if (this.paused)
        throw new BridgeError(
          'paused',
          `posbridge is paused (since ${this.paused.since}, by ${this.paused.by}): it takes no new card payments until it is resumed`,
        );
      const queued = this.offlineReason(terminal.provider, 'preauth', req.amount, req.currency);
      const txId = this.ids.transactionId();
      const opId = this.ids.operationId();
      this.store.transactions.insert(
        {
          id: txId,
          terminalId: terminal.id,
          provider: terminal.provider,
          reference: req.reference,
          fingerprint: fp,
          currency: req.currency,
          amount: req.amount,
          expiresAt: req.expires_at ?? null,
          operator: req.operator ?? null,
          metadata: req.metadata ?? null,
          card: masked,
        },
        w.at,
      );
      // Card data must survive a restart while the operation is open: a crash before it leaves, or while
      // it waits queued offline (the provider went down after this request was accepted), must not turn
      // into "nothing was reserved" for a payment the POS was told was accepted; and a resend with the same
      // idempotency key, how an outcome in doubt is learned, needs the card again. So it is sealed in the
      // row from the start and wiped when the operation ends, by the one writer of state (state-writer.ts).
      this.store.operations.insert(
        {
          id: opId,
          transactionId: txId,
          terminalId: terminal.id,
          kind: 'preauth',
          amount: req.amount,
          fingerprint: fp,
          clientKey: null,
          idempotencyKey: this.ids.uuid(),
          maxAttempts: this.deps.maxAttempts,
          queuedReason: queued,
          cardBlob: req.card && this.deps.vault.canPersist ? this.deps.vault.seal(opId, req.card) : null,
        },
        w.now,
        w.at,
      );
      w.emit({
        type: 'transaction.created',
        transactionId: txId,
        operationId: opId,
        terminalId: terminal.id,
        data: { reference: req.reference, amount: req.amount, currency: req.currency, state: 'pending' },
      });
      w.emit({
        type: queued ? 'operation.queued_offline' : 'operation.queued',
        transactionId: txId,
        operationId: opId,
        terminalId: terminal.id,
        data: { kind: 'preauth', amount: req.amount, ...(queued ? { provider: terminal.provider } : {}) },
      });
      return {
        transaction: this.store.transactions.get(txId)!,
        operation: this.store.operations.get(opId)!,
        created: true,
      };
    });
    if (result.created) {
      if (req.card) this.deps.vault.put(result.operation.id, req.card);
      this.deps.crashAt('queued', result.operation);
      this.deps.wake(terminal.id);
    }
    return result;
  }

  /**
   * The POS withdraws a preauth before it is answered. Never sent: cancelled here and now. Already at
   * the terminal: the provider is asked to cancel, where it can be (the preauth may still win the race).
   */
  requestCancel(transactionId: string): Accepted & { readonly local: boolean } {
    const cancelled = 'Cancelled by the POS before it was sent';
    const result = this.store.write((w) => {
      const tx = this.store.transactions.get(transactionId);
      if (!tx) throw new BridgeError('not_found', `No transaction ${transactionId}`);
      const op = this.store.operations.byTransaction(tx.id).find((o) => o.kind === 'preauth')!;
      if (tx.state !== 'pending' && tx.state !== 'in_progress') {
        throw new BridgeError(
          'invalid_state',
          `The preauth is already ${tx.state}${tx.state === 'authorized' ? '; void it to release the hold' : ''}`,
        );
      }
      if (this.deps.writer.endUnsent(op, 'cancelled', cancelled)) {
        return { transaction: tx, operation: this.store.operations.get(op.id)!, created: true, local: true };
      }
      if (!this.deps.channel(tx.provider)?.cancelsRunning) {
        throw new BridgeError(
          'operation_not_supported',
          `${tx.provider} cannot cancel a preauth already at the terminal; void it once it is authorised`,
        );
      }
      if (!this.store.operations.requestCancel(op.id, w.now, w.at))
        throw new BridgeError('invalid_state', 'The preauth has already been answered');
      w.emit({
        type: 'operation.cancel_requested',
        transactionId: tx.id,
        operationId: op.id,
        terminalId: tx.terminal_id,
        data: { kind: 'preauth' },
      });
      return { transaction: tx, operation: this.store.operations.get(op.id)!, created: true, local: false };
    });
    if (!result.local) {
      this.deps.wake(result.transaction.terminal_id);
      void this.deps.abortAtTerminal(result.operation);
    }
    return result;
  }

  requestFollowUp(
    transactionId: string,
    kind: FollowUpKind,
    amount: number | undefined,
    clientKey: string | undefined,
    by: FollowUpBy = {},
  ): Accepted {
    // Who asked is recorded, not compared: a double-click sent again under another name is still the same request.
    const fp = fingerprint({ kind, amount: amount ?? null });
    // Unsynced, as a new preauth's intake is.
    const result = this.store.writeUnsynced((w): Accepted => {
      const tx = this.store.transactions.get(transactionId);
      if (!tx) throw new BridgeError('not_found', `No transaction ${transactionId}`);
      const repeat = (op: OperationRow | undefined): Accepted | undefined => {
        if (!op) return undefined;
        if (op.kind !== kind || op.request_fingerprint !== fp) return undefined;
        return { transaction: tx, operation: op, created: false };
      };
      if (clientKey) {
        const keyed = this.store.operations.byClientKey(tx.id, clientKey);
        if (keyed) {
          const same = repeat(keyed);
          if (!same)
            throw new BridgeError(
              'idempotency_conflict',
              `Idempotency-Key ${clientKey} was already used for a different request on this transaction`,
            );
          return same;
        }
      }
      const open = this.store.operations.openFor(tx.id);
      if (open) {
        const same = repeat(open);
        if (same) return same;
        throw new BridgeError(
          'operation_in_progress',
          `Transaction ${tx.id} already has a ${open.kind} in progress (${open.state})`,
        );
      }
      if (kind === 'capture' || kind === 'void') {
        // A repeated capture or void of a finished one returns it: the POS may have missed the answer.
        const done = this.store.operations
          .byTransaction(tx.id)
          .filter((o) => o.state === 'succeeded')
          .at(-1);
        const same = repeat(done);
        if (same) return same;
      }
      if (!OPERATION_REQUIRES[kind].includes(tx.state)) {
        throw new BridgeError('invalid_state', `Cannot ${kind} a transaction that is ${tx.state}`);
      }
      const channel = this.deps.channel(tx.provider);
      if (!channel) throw new BridgeError('unknown_terminal', `provider ${tx.provider} is no longer configured`);
      const caps = channel.facts.capabilities;
      const authorized = tx.amount_authorized ?? 0;
      let opAmount: number | null = null;
      if (kind === 'adjust') {
        if (!caps.adjust)
          throw new BridgeError('operation_not_supported', `${tx.provider} cannot adjust a pre-authorisation`);
        if (amount === undefined) throw invalid('amount', 'is required: the new total in minor units');
        money(amount, tx.currency);
        opAmount = amount;
      } else if (kind === 'capture') {
        opAmount = amount ?? authorized;
        money(opAmount, tx.currency);
        if (opAmount > authorized && (by.withinHeld || !caps.captureAboveAuthorized)) {
          throw new BridgeError(
            'amount_exceeds_authorized',
            `Cannot capture ${opAmount}: only ${authorized} is authorised; adjust first`,
          );
        }
        if (opAmount < authorized && !caps.partialCapture) {
          throw new BridgeError('operation_not_supported', `${tx.provider} captures the full authorised amount only`);
        }
      } else if (amount !== undefined) {
        throw invalid('amount', 'a void releases the whole hold and takes no amount');
      }
      const queued = channel.facts.localKinds?.includes(kind)
        ? null
        : this.offlineReason(tx.provider, kind, opAmount, tx.currency);
      const opId = this.ids.operationId();
      this.store.operations.insert(
        {
          id: opId,
          transactionId: tx.id,
          terminalId: tx.terminal_id,
          kind,
          amount: opAmount,
          fingerprint: fp,
          clientKey: clientKey ?? null,
          idempotencyKey: this.ids.uuid(),
          maxAttempts: this.deps.maxAttempts,
          queuedReason: queued,
          requestedBy: by.requestedBy ?? null,
        },
        w.now,
        w.at,
      );
      w.emit({
        type: queued ? 'operation.queued_offline' : 'operation.queued',
        transactionId: tx.id,
        operationId: opId,
        terminalId: tx.terminal_id,
        data: { kind, amount: opAmount, ...(by.requestedBy ? { requested_by: by.requestedBy } : {}) },
      });
      return { transaction: tx, operation: this.store.operations.get(opId)!, created: true };
    });
    if (result.created) {
      this.deps.crashAt('queued', result.operation);
      this.deps.wake(result.transaction.terminal_id);
    }
    return result;
  }
}
