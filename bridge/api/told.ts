// Remembers what the POS last heard about a transaction (its `result`), so that a hold approved after
// the POS was told "not final" and never asked about again can be raised (engine/orphans.ts). Only the
// POS's own calls count: the status window looking at a transaction is not the POS knowing of it.
import type { FastifyRequest } from 'fastify';
import type { TransactionRow } from '../store/rows.js';
import type { ApiContext } from './context.js';
import { callerName, UI_ACTOR } from './guards.js';

export function noteToldPos(ctx: ApiContext, request: FastifyRequest, tx: TransactionRow, result: string): void {
  // A POS polling a transaction hears the same result again and again: only a change is written.
  if (callerName(request) === UI_ACTOR || tx.pos_told_result === result) return;
  try {
    ctx.store.write((w) => ctx.store.transactions.recordToldPos(tx.id, result, w.at));
  } catch (err) {
    // Storage trouble must not cost the POS its answer; the orphan sweep then errs towards raising it.
    request.log.warn({ err, transaction: tx.id }, 'could not record what the POS was told');
  }
}
