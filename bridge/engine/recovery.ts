// Takes over operations whose worker is gone: a lease that ran out, or one held by a process that no
// longer exists (a crash or kill -9). If a send was started and never finished, the request may have
// reached the provider, so the operation goes back to its lane in doubt and is resolved before any resend.
// If an answer was recorded and never applied, the lane applies it first (step-result.ts); the operation
// is marked in doubt all the same, so that nothing would ever resend it blindly.
import type { Store } from '../store/store.js';

export interface RecoveryDeps {
  readonly store: Store;
  readonly owner: string;
  readonly isAlive: (pid: number) => boolean;
}

export function recoverOrphans(deps: RecoveryDeps): string[] {
  const { store, owner } = deps;
  const now = store.clock.now();
  const recovered: string[] = [];
  for (const op of store.operations.running()) {
    const expired = (op.lease_until ?? 0) < now;
    const ownerDead = op.lease_owner !== owner && (op.lease_pid === null || !deps.isAlive(op.lease_pid) || op.lease_pid === process.pid);
    if (!expired && !ownerDead) continue;
    store.write((w) => {
      const recordedAnswer = store.attempts.unapplied(op.id) !== undefined;
      const inDoubt = op.in_doubt === 1 || recordedAnswer || store.attempts.hasUnfinishedSend(op.id);
      if (!store.operations.takeOver(op.id, op.lease_token ?? '', inDoubt, w.now, w.at)) return;
      store.attempts.abandonUnfinished(op.id, w.at);
      w.emit({
        type: 'operation.recovered',
        transactionId: op.transaction_id,
        operationId: op.id,
        terminalId: op.terminal_id,
        data: { kind: op.kind, in_doubt: inDoubt, recorded_answer: recordedAnswer, reason: expired ? 'lease expired' : 'worker process gone' },
      });
      recovered.push(op.terminal_id);
    });
  }
  return recovered;
}
