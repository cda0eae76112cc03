// A charge or release answered 202 ("under way") has its end told to nobody: the caller may never ask
// again. Noting that it was answered open lets a later failure be listed under Needs attention
// (GET /v1/attention) instead of staying a hold that nobody knows is still on the card.
import type { FastifyRequest } from 'fastify';
import type { OperationRow } from '../store/rows.js';
import type { ApiContext } from './context.js';

export function noteAnsweredOpen(ctx: ApiContext, request: FastifyRequest, op: OperationRow): void {
  if (op.kind !== 'capture' && op.kind !== 'void') return;
  if (op.answered_open_at !== null) return;
  try {
    // Unsynced: the 202 itself waits for the shared sync (synced-replies.ts), so the mark is on disk before
    // the caller hears "under way", without a commit of its own on every charge and release.
    ctx.store.writeUnsynced((w) => ctx.store.operations.markAnsweredOpen(op.id, w.at));
  } catch (err) {
    // Storage trouble must not cost the caller its answer.
    request.log.warn({ err, operation: op.id }, 'could not record that the caller was answered before the end');
  }
}
