// Remembers what the POS last heard about a transaction (its `result`), so that a hold approved after
// the POS was told "not final" and never asked about again can be raised (engine/orphans.ts). Only the
// POS's own calls count: the status window looking at a transaction is not the POS knowing of it.
import type { FastifyRequest } from 'fastify';
import type { TransactionRow } from '../store/rows.js';
import type { ApiContext } from './context.js';
import { callerName, UI_ACTOR } from './guards.js';

/** The results after which the POS may believe nothing was reserved: what the orphan sweep looks for. */
const NOT_FINAL = new Set(['pending', 'unknown']);

/**
 * Whether this answer changes what the orphan sweep can see. A POS polling hears the same result again
 * and again: only a change counts. And a POS that never heard "not final" and now hears a final result
 * was never a candidate and is none now: writing it would cost a synchronous preauth a commit (an fsync)
 * on its hot path and change nothing that is read (issue 14).
 */
export function toldPosChanges(before: string | null, result: string): boolean {
  if (before === result) return false;
  return before !== null || NOT_FINAL.has(result);
}

export function noteToldPos(ctx: ApiContext, request: FastifyRequest, tx: TransactionRow, result: string): void {
  if (callerName(request) === UI_ACTOR || !toldPosChanges(tx.pos_told_result, result)) return;
  try {
    ctx.store.write((w) => ctx.store.transactions.recordToldPos(tx.id, result, w.at));
  } catch (err) {
    // Storage trouble must not cost the POS its answer; the orphan sweep then errs towards raising it.
    request.log.warn({ err, transaction: tx.id }, 'could not record what the POS was told');
  }
}
