// No silent hold. A POS told "not final yet" (202: pending, or unknown) that never asks again believes
// nothing was reserved — while the hold may since have become authorised on the customer's card. After
// `afterMs` without the POS fetching or acting on it, the hold is raised for a person (alert.orphan_hold)
// and, on terminals whose policy is `void`, released.
import type { Store } from '../store/store.js';

export type OrphanPolicy = 'alert' | 'void';

export interface OrphanOptions {
  readonly afterMs: number;
  readonly policyFor: (terminalId: string) => OrphanPolicy;
  readonly requestVoid: (transactionId: string) => void;
}

export function raiseOrphanHolds(store: Store, opts: OrphanOptions): void {
  const cutoff = new Date(store.clock.now() - opts.afterMs).toISOString();
  for (const tx of store.transactions.orphanCandidates(cutoff)) {
    if (store.operations.openFor(tx.id)) continue; // the POS is acting on it after all
    const policy = opts.policyFor(tx.terminal_id);
    const raised = store.write((w) => {
      if (!store.transactions.markOrphanAlerted(tx.id, w.at)) return false;
      w.emit({
        type: 'alert.orphan_hold',
        transactionId: tx.id,
        terminalId: tx.terminal_id,
        data: {
          reference: tx.reference,
          amount: tx.amount_authorized,
          currency: tx.currency,
          told: tx.pos_told_result,
          told_at: tx.pos_told_at,
          policy,
          message: `A hold of ${tx.amount_authorized} (minor units, ${tx.currency}) for ${tx.reference} on ${tx.terminal_id} was approved after the POS was told it was not final, and the POS has not asked about it since. ${policy === 'void' ? 'posbridge releases it.' : "Check with the POS: capture it, or void it to release the customer's money."}`,
        },
      });
      return true;
    });
    if (raised && policy === 'void') opts.requestVoid(tx.id);
  }
}
