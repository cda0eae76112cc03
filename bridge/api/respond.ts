// How an accepted request is answered: wait for the operation (unless the caller prefers async),
// then 201/200 for success, 202 while still under way, problem+json (with the transaction) on failure.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isErrorCode } from '../core/errors.js';
import type { Accepted } from '../engine/intake.js';
import type { ApiContext } from './context.js';
import { presentTransaction } from './present.js';
import { problemOf, sendProblem } from './problem.js';
import { waitForOperation } from './wait.js';

export function prefersAsync(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  const values = Array.isArray(prefer) ? prefer.join(',') : prefer ?? '';
  return values.split(',').some((p) => p.trim().toLowerCase() === 'respond-async');
}

export async function respondAccepted(ctx: ApiContext, request: FastifyRequest, reply: FastifyReply, accepted: Accepted): Promise<FastifyReply> {
  // Waiting for an unreachable provider can take hours: the POS hears 202 at once with the reason.
  const isAsync = prefersAsync(request) || accepted.operation.queued_reason !== null;
  if (isAsync) {
    reply.header('preference-applied', 'respond-async');
  } else {
    const aborted = new AbortController();
    // The caller hung up: stop waiting (the operation goes on regardless).
    reply.raw.once('close', () => aborted.abort());
    await waitForOperation(ctx.store, accepted.operation.id, ctx.config.wait_timeout_ms, AbortSignal.any([aborted.signal, ctx.shutdown]));
  }
  const tx = ctx.store.transactions.get(accepted.transaction.id)!;
  const op = ctx.store.operations.get(accepted.operation.id)!;
  const body = presentTransaction(tx, ctx.store.operations.byTransaction(tx.id));
  const location = `/v1/preauths/${tx.id}`;
  reply.header('location', location);
  switch (op.state) {
    case 'succeeded':
      return reply.code(accepted.created && op.kind === 'preauth' ? 201 : 200).send(body);
    case 'queued':
    case 'running':
      if (tx.state === 'unresolved') return unresolvedProblem(reply, op.kind, op.error_message, location, body);
      return reply.code(202).send(body);
    case 'failed': {
      const code = op.error_code && isErrorCode(op.error_code) ? op.error_code : 'provider_error';
      return sendProblem(reply, problemOf(code, op.error_message ?? `The ${op.kind} failed`, { instance: location, transaction: body }));
    }
    case 'unresolved':
      return unresolvedProblem(reply, op.kind, op.error_message, location, body);
  }
}

function unresolvedProblem(reply: FastifyReply, kind: string, why: string | null, location: string, transaction: ReturnType<typeof presentTransaction>): FastifyReply {
  return sendProblem(reply, problemOf('outcome_unresolved', `posbridge could not find out whether the ${kind} took effect; a person must check (${why ?? ''})`, { instance: location, transaction }));
}
