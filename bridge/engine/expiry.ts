// Holds do not last forever: issuers drop them after some days. A warning event goes out a while
// before a hold expires; at expiry it becomes `expired`, or, where the terminal asks for it, is voided
// so the customer's funds are released rather than left to lapse.
import { storedTimestampMs } from '../core/timestamp.js';
import type { Store } from '../store/store.js';
import type { StateWriter } from './state-writer.js';

export interface ExpiryOptions {
  readonly writer: StateWriter;
  readonly warnBeforeMs: number;
  readonly autoVoid: (terminalId: string) => boolean;
  readonly requestVoid: (transactionId: string) => void;
}

export function expireHolds(store: Store, opts: ExpiryOptions): void {
  const now = store.clock.now();
  for (const tx of store.transactions.authorizedExpiringBefore(new Date(now + opts.warnBeforeMs).toISOString())) {
    // A time that cannot be read (stored before the API checked times) counts as reached: Date.parse
    // gave NaN for it, NaN <= now is false, and the hold was warned about but never expired.
    const at = storedTimestampMs(tx.expires_at!);
    const expired = at === undefined || at <= now;
    if (!expired) {
      if (tx.expiry_warned_at) continue;
      store.write((w) => {
        if (!store.transactions.markExpiryWarned(tx.id, w.at)) return;
        w.emit({
          type: 'hold.expiring',
          transactionId: tx.id,
          terminalId: tx.terminal_id,
          data: {
            reference: tx.reference,
            expires_at: tx.expires_at,
            amount: tx.amount_authorized,
            currency: tx.currency,
          },
        });
      });
      continue;
    }
    if (store.operations.openFor(tx.id)) continue; // a capture or void is on its way
    if (opts.autoVoid(tx.terminal_id)) {
      opts.requestVoid(tx.id);
      continue;
    }
    opts.writer.expireHold(tx.id);
  }
}
