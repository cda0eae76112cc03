// Builds the connector's view of an operation from stored rows.
import type { CardInput } from '../core/card.js';
import type { Outcome } from '../core/outcome.js';
import type { AnySettings, OperationContext, ProviderFacts } from '../core/connector.js';
import type { OperationRow, TerminalRow, TransactionRow } from '../store/rows.js';

/**
 * The terminal's stored settings as its connector parses them (once per terminal: the parse is memoised),
 * or the outcome of an operation that cannot be built from them. Nothing was sent on that account; but an
 * operation already in doubt may have taken effect and now cannot be looked up, so a person settles it
 * (unknown, then unresolved) rather than it failing as if nothing happened.
 */
export function terminalSettingsFor(
  op: OperationRow,
  terminal: TerminalRow,
  provider: Pick<ProviderFacts, 'terminalSettings'>,
): { readonly ok: true; readonly settings: AnySettings } | { readonly ok: false; readonly refused: Outcome } {
  const parsed = provider.terminalSettings.check(terminal.id, terminal.settings_json);
  if (parsed.ok) return parsed;
  const { code, message, fieldErrors } = parsed.error;
  return {
    ok: false,
    refused: op.in_doubt
      ? { kind: 'unknown', reason: message }
      : { kind: 'rejected', code, message, fieldErrors: [...fieldErrors] },
  };
}

export function operationContext(
  op: OperationRow,
  tx: TransactionRow,
  terminal: TerminalRow,
  settings: AnySettings,
  card: CardInput | undefined,
  credentials: Record<string, string> | undefined,
  now: string,
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
    operation: {
      id: op.id,
      amount: op.amount,
      idempotencyKey: op.idempotency_key,
      providerRef: op.provider_ref,
      createdAt: op.created_at,
    },
    terminal: {
      id: terminal.id,
      currency: terminal.currency,
      settings,
      ...(credentials ? { credentials } : {}),
    },
    now,
    ...(card ? { card } : {}),
  };
}
