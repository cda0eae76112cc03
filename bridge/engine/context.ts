// Builds the connector's view of an operation from stored rows.
import type { CardInput } from '../core/card.js';
import type { OperationContext } from '../core/connector.js';
import type { OperationRow, TerminalRow, TransactionRow } from '../store/rows.js';

export function operationContext(
  op: OperationRow, tx: TransactionRow, terminal: TerminalRow, card: CardInput | undefined,
  credentials: Record<string, string> | undefined, now: string,
): OperationContext {
  return {
    kind: op.kind,
    transaction: {
      id: tx.id,
      reference: tx.reference,
      currency: tx.currency,
      amountRequested: tx.amount_requested,
      amountAuthorized: tx.amount_authorized,
      providerRef: tx.provider_ref,
      expiresAt: tx.expires_at,
      providerRefs: JSON.parse(tx.provider_refs_json) as Record<string, string>,
      operator: tx.operator,
      createdAt: tx.created_at,
    },
    operation: { id: op.id, amount: op.amount, idempotencyKey: op.idempotency_key, providerRef: op.provider_ref, createdAt: op.created_at },
    terminal: {
      id: terminal.id,
      currency: terminal.currency,
      settings: JSON.parse(terminal.settings_json) as Record<string, unknown>,
      ...(credentials ? { credentials } : {}),
    },
    now,
    ...(card ? { card } : {}),
  };
}
