// How an accepted request is answered: wait for the operation (unless the caller prefers async),
// then 201/200 for success, 202 while not final (under way, or in doubt: never a 5xx), problem+json
// (with the transaction) when it did not happen. See answer.ts for the rule a POS can rely on.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isErrorCode } from '../core/errors.js';
import type { Accepted } from '../engine/intake.js';
import type { ApiContext } from './context.js';
import { answerOf, statusOf } from './answer.js';
import { parsePrefer, waitFor } from './prefer.js';
import { presentTransaction } from './present.js';
import { noteAnsweredOpen } from './answered-open.js';
import { noteToldPos } from './told.js';
import { problemOf, sendProblem } from './problem.js';
import { waitForOperation } from './wait.js';

export async function respondAccepted(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  accepted: Accepted,
): Promise<FastifyReply> {
  // Waiting for an unreachable provider can take hours: the POS hears 202 at once with the reason.
  const wait =
    accepted.operation.queued_reason !== null
      ? { ms: 0, applied: 'respond-async' }
      : waitFor(parsePrefer(request.headers.prefer), ctx.config.wait_timeout_ms);
  if (wait.applied) reply.header('preference-applied', wait.applied);
  if (wait.ms > 0) {
    const aborted = new AbortController();
    // The caller hung up: stop waiting (the operation goes on regardless).
    reply.raw.once('close', () => aborted.abort());
    await waitForOperation(ctx.store, accepted.operation.id, wait.ms, AbortSignal.any([aborted.signal, ctx.shutdown]));
  }
  const tx = ctx.store.transactions.get(accepted.transaction.id)!;
  const op = ctx.store.operations.get(accepted.operation.id)!;
  const body = presentTransaction(tx, ctx.store.operations.byTransaction(tx.id), op);
  const location = `/v1/preauths/${tx.id}`;
  reply.header('location', location);
  const status = statusOf(op, accepted.created);
  noteToldPos(ctx, request, tx, body.result);
  if (status === 202) noteAnsweredOpen(ctx, request, op);
  if (status !== 'problem') return reply.code(status).send(body);
  const code = op.error_code && isErrorCode(op.error_code) ? op.error_code : 'provider_error';
  return sendProblem(
    reply,
    problemOf(code, op.error_message ?? `The ${op.kind} failed`, {
      instance: location,
      transaction: body,
      answer: answerOf(op, tx),
    }),
  );
}
