// The Lab4Pay sandbox's terminal: it takes jobs one at a time and moves each INITIATED → IN_PROGRESS →
// SUCCESS | FAILED on its own clock; a cancel lands at once while INITIATED and after a short signal
// delay while IN_PROGRESS, unless the card was read first. Magic amounts in README.md.
import { randomBytes, randomUUID } from 'node:crypto';
import type { LedgerHold } from '../kit.js';

export const L4P_MAGIC = { DECLINE: 5101, SLOW: 5104 } as const;
export type L4pStatus = 'INITIATED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'EXPIRED' | 'CANCELED';

export interface L4pTransaction {
  id: string;
  client_transaction_id: string | null;
  terminal: string;
  amount: number;
  currency: string;
  created: number;
  startsAt: number;
  endsAt: number;
  outcome: 'SUCCESS' | 'FAILED';
  canceledAt?: number;
  completed?: { amount: number; at: number };
  revertedAt?: number;
}

export interface L4pOperation {
  id: string;
  type: 'transaction.preauth_complete' | 'transaction.revert';
  transaction_id: string;
  amount?: number;
  created: number;
  endsAt: number;
  result: 'SUCCESS' | 'FAILED';
  failure_reason?: string;
}

export interface TerminalTiming {
  readonly queueMs: number;
  readonly cardMs: number;
  readonly cancelSignalMs: number;
  readonly operationMs: number;
}

export class Lab4PayTerminal {
  readonly transactions = new Map<string, L4pTransaction>();
  readonly operations = new Map<string, L4pOperation>();

  constructor(private readonly now: () => number, private readonly timing: TerminalTiming, readonly currency: string) {}

  statusOf(t: L4pTransaction): L4pStatus {
    const now = this.now();
    if (t.canceledAt !== undefined && now >= t.canceledAt && (t.canceledAt < t.endsAt)) return 'CANCELED';
    if (now < t.startsAt) return 'INITIATED';
    if (now < t.endsAt) return 'IN_PROGRESS';
    return t.outcome;
  }

  preauth(terminal: string, amount: number, clientTransactionId: string | null): L4pTransaction {
    const now = this.now();
    const startsAt = now + this.timing.queueMs;
    const t: L4pTransaction = {
      id: randomUUID(), client_transaction_id: clientTransactionId, terminal, amount, currency: this.currency, created: now,
      startsAt, endsAt: startsAt + (amount === L4P_MAGIC.SLOW ? 10_000 : this.timing.cardMs), outcome: amount === L4P_MAGIC.DECLINE ? 'FAILED' : 'SUCCESS',
    };
    this.transactions.set(t.id, t);
    return t;
  }

  /** Returns false when the transaction is already final and cannot be cancelled. */
  cancel(t: L4pTransaction): boolean {
    const s = this.statusOf(t);
    if (s !== 'INITIATED' && s !== 'IN_PROGRESS') return false;
    // Answered at once; the terminal acts on it now (INITIATED) or after the signal reaches it (IN_PROGRESS).
    t.canceledAt ??= s === 'INITIATED' ? this.now() : this.now() + this.timing.cancelSignalMs;
    return true;
  }

  /** The last transaction of this terminal that ended in SUCCESS: the only one revert accepts. */
  lastSuccessful(terminal: string): L4pTransaction | undefined {
    return [...this.transactions.values()].filter((t) => t.terminal === terminal && this.statusOf(t) === 'SUCCESS').sort((a, b) => b.endsAt - a.endsAt)[0];
  }

  operation(type: L4pOperation['type'], t: L4pTransaction, amount?: number): L4pOperation {
    const now = this.now();
    const op: L4pOperation = { id: randomUUID(), type, transaction_id: t.id, ...(amount !== undefined ? { amount } : {}), created: now, endsAt: now + this.timing.operationMs, result: 'SUCCESS' };
    if (type === 'transaction.preauth_complete') t.completed = { amount: amount!, at: op.endsAt };
    else t.revertedAt = op.endsAt;
    this.operations.set(op.id, op);
    return op;
  }

  operationStatus(op: L4pOperation): L4pStatus {
    return this.now() < op.endsAt ? (this.now() < op.created + this.timing.operationMs / 2 ? 'INITIATED' : 'IN_PROGRESS') : op.result;
  }

  holds(): LedgerHold[] {
    return [...this.transactions.values()].filter((t) => this.statusOf(t) === 'SUCCESS').map((t) => ({
      id: t.id,
      reference: t.client_transaction_id ?? '',
      amount: t.amount,
      currency: t.currency,
      state: t.revertedAt !== undefined ? 'voided' : t.completed ? 'captured' : 'authorized',
      captured: t.completed?.amount ?? 0,
      created_at: new Date(t.created).toISOString(),
    }));
  }

  record(t: L4pTransaction) {
    const status = this.statusOf(t);
    return {
      id: t.id, client_transaction_id: t.client_transaction_id, terminal_id: t.terminal, amount: t.amount, currency: t.currency, status,
      tags: ['preauth'], approve_code: status === 'SUCCESS' ? randomBytes(3).toString('hex').toUpperCase() : null,
      card_number: status === 'SUCCESS' || status === 'FAILED' ? '476173******0010' : null, card_brand: status === 'SUCCESS' || status === 'FAILED' ? 'VISA' : null,
      failure_reason: status === 'FAILED' ? 'Declined by issuer' : null,
      refund_total_amount: 0, created_at: new Date(t.created).toISOString(),
      completed_at: t.completed ? new Date(t.completed.at).toISOString() : null,
      canceled_at: status === 'CANCELED' ? new Date(t.canceledAt!).toISOString() : null,
      reverted_at: t.revertedAt !== undefined ? new Date(t.revertedAt).toISOString() : null,
    };
  }
}
