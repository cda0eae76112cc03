// After a crash: what the store believes is held on a ZVT terminal against what the terminal says is
// open (the open pre-auth enquiry 06 23 with receipt FFFF). Pure. The enquiry names only the first open
// reservation (shared zvt.md §2.6), so more than one open hold cannot all be checked.
import type { CommandSnapshot } from './command-machine.js';

export interface HeldInStore {
  readonly transactionId: string;
  readonly reference: string;
  readonly receipt: string | null;
}

export type Reconciliation =
  | { readonly kind: 'agree'; readonly openAtTerminal: string | null }
  /** The terminal holds money posbridge has no record of: a person must look at it. */
  | { readonly kind: 'unknown_at_terminal'; readonly receipt: string }
  /** posbridge believes holds are open that the terminal no longer has (reversed on its own, or a swapped terminal). */
  | { readonly kind: 'missing_at_terminal'; readonly held: readonly HeldInStore[] }
  | { readonly kind: 'not_answered'; readonly reason: string };

/** The first open receipt from the enquiry's answer (06 1E B8 87 <receipt|FFFF>), null for none. */
export function openReceiptOf(snap: CommandSnapshot): { receipt: string | null } | { error: string } {
  const f = snap.failure;
  if (f?.kind === 'declined' && f.resultCode === 0xb8) {
    const r = f.closing?.receipt;
    return { receipt: !r || r.toUpperCase() === 'FFFF' ? null : r };
  }
  if (f)
    return {
      error:
        f.kind === 'transport'
          ? f.reason
          : `the terminal answered ${f.kind}${'resultCode' in f ? ` ${f.resultCode.toString(16)}` : ''}`,
    };
  return { error: 'the terminal did not answer the enquiry as expected' };
}

export function reconcile(snap: CommandSnapshot, held: readonly HeldInStore[]): Reconciliation {
  const open = openReceiptOf(snap);
  if ('error' in open) return { kind: 'not_answered', reason: open.error };
  if (open.receipt === null)
    return held.length ? { kind: 'missing_at_terminal', held } : { kind: 'agree', openAtTerminal: null };
  return held.some((h) => h.receipt === open.receipt)
    ? { kind: 'agree', openAtTerminal: open.receipt }
    : { kind: 'unknown_at_terminal', receipt: open.receipt };
}

/**
 * A booking whose 04 0F was persisted but whose decision was never applied (the ECR died around its
 * acknowledgement): the terminal kept it only if the acknowledgement reached it, and reverses it on its
 * own otherwise. The open pre-auth enquiry tells which: a preauth stands if its receipt is open; a
 * completion or reversal stands if the receipt is no longer open. Pure.
 */
export type BookingCheck = 'stands' | 'taken_back' | 'cannot_tell';

export function checkRecordedBooking(
  kind: 'preauth' | 'adjust' | 'capture' | 'void',
  receipt: string | null,
  snap: CommandSnapshot,
): BookingCheck | { error: string } {
  const open = openReceiptOf(snap);
  if ('error' in open) return open;
  if (receipt === null) return 'cannot_tell';
  const ours = open.receipt !== null && Number(open.receipt) === Number(receipt);
  // The enquiry names only the first open reservation: another one open says nothing about ours.
  if (open.receipt !== null && !ours) return 'cannot_tell';
  const stillOpen = ours;
  if (kind === 'preauth' || kind === 'adjust') return stillOpen ? 'stands' : 'taken_back';
  return stillOpen ? 'taken_back' : 'stands';
}
