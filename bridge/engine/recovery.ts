// Takes over operations whose worker is gone: a lease that ran out, or one held by a process that no
// longer exists (a crash or kill -9). If a send was started and never finished, the request may have
// reached the provider, so the operation goes back to its lane in doubt and is resolved before any resend.
// If an answer was recorded and never applied, the lane applies it first (store/recorded-answer.ts); the operation
// is marked in doubt all the same, so that nothing would ever resend it blindly.
import type { Store } from '../store/store.js';
import type { StateWriter } from './state-writer.js';

export interface RecoveryDeps {
  readonly store: Store;
  readonly writer: StateWriter;
  readonly owner: string;
  readonly isAlive: (pid: number) => boolean;
}

export function recoverOrphans(deps: RecoveryDeps): string[] {
  const { store, owner } = deps;
  const now = store.clock.now();
  const recovered: string[] = [];
  for (const op of store.operations.running()) {
    const expired = (op.lease_until ?? 0) < now;
    const ownerDead =
      op.lease_owner !== owner &&
      (op.lease_pid === null || !deps.isAlive(op.lease_pid) || op.lease_pid === process.pid);
    if (!expired && !ownerDead) continue;
    const reason = expired ? 'lease expired' : 'worker process gone';
    // Read and take over in one transaction: what the attempts say is what the take-over acts on.
    const taken = store.write(() => {
      const recordedAnswer = store.attempts.unapplied(op.id) !== undefined;
      const inDoubt = op.in_doubt === 1 || recordedAnswer || store.attempts.hasUnfinishedSend(op.id);
      return deps.writer.takeOver(op, inDoubt, { recorded_answer: recordedAnswer, reason });
    });
    if (taken) recovered.push(op.terminal_id);
  }
  return recovered;
}
