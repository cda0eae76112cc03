// POST/GET /v1/preauths… — the pre-authorisation lifecycle.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '../../core/typebox.js';
import type { ResolvedOutcome } from '../../engine/state-writer.js';
import { BridgeError } from '../../core/errors.js';
import type { ApiContext } from '../context.js';
import { callerName, emptyBodyAsObject } from '../guards.js';
import { presentAttempt, presentTransaction } from '../present.js';
import { presentArchived, unlessArchived } from '../archived.js';
import { problemOf, sendProblem } from '../problem.js';
import { parsePrefer, waitFor } from '../prefer.js';
import { followUpBy } from '../requested-by.js';
import { respondAccepted } from '../respond.js';
import { noteToldPos } from '../told.js';
import { waitForOperation } from '../wait.js';
import {
  AdjustBody,
  AttemptView,
  CaptureBody,
  IdParams,
  ListQuery,
  PreauthBody,
  Problem,
  TransactionList,
  TransactionView,
  VoidBody,
} from '../schemas.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { transactionFilter } from '../list-filter.js';

const IdempotencyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', minLength: 1, maxLength: 255 },
    prefer: {
      type: 'string',
      description:
        'RFC 7240: `respond-async` answers 202 at once; `wait=N` waits at most N seconds (≤ 300) for the answer, then 202',
    },
  },
} as const;

const errorResponses = {
  400: Problem,
  401: Problem,
  402: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
  503: Problem,
  504: Problem,
};

function refuseWhenStopping(ctx: ApiContext, reply: FastifyReply): FastifyReply | undefined {
  if (ctx.accepting()) return undefined;
  return sendProblem(reply, problemOf('shutting_down', 'posbridge is shutting down; try again in a moment'));
}

function clientKey(request: FastifyRequest): string | undefined {
  const v = request.headers['idempotency-key'];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function preauthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    '/v1/preauths',
    {
      schema: {
        summary: 'Reserve an amount on a card (pre-authorisation)',
        description:
          'Writes the request to the local database before anything is sent. Waits up to wait_timeout_ms for the answer (`Prefer: wait=N` for N seconds, `Prefer: respond-async` not at all), then answers 202 with the transaction as it stands. A 202 is never final: poll its Location. The same reference with the same body returns the same transaction.',
        headers: IdempotencyHeader,
        body: PreauthBody,
        response: { 200: TransactionView, 201: TransactionView, 202: TransactionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const stopping = refuseWhenStopping(ctx, reply);
      if (stopping) return stopping;
      const accepted = ctx.intake.createPreauth(request.body as Static<typeof PreauthBody>);
      return respondAccepted(ctx, request, reply, accepted);
    },
  );

  const followUp = (
    kind: 'adjust' | 'capture' | 'void',
    body: typeof AdjustBody | typeof CaptureBody | typeof VoidBody,
    summary: string,
  ) => {
    app.post(
      `/v1/preauths/:id/${kind}`,
      {
        schema: {
          summary,
          headers: IdempotencyHeader,
          params: IdParams,
          body,
          response: { 200: TransactionView, 202: TransactionView, ...errorResponses },
        },
        preValidation: emptyBodyAsObject,
      },
      async (request, reply) => {
        const stopping = refuseWhenStopping(ctx, reply);
        if (stopping) return stopping;
        const { id } = request.params as Static<typeof IdParams>;
        const { amount, requested_by } = request.body as { amount?: number; requested_by?: string };
        const by = followUpBy(request, requested_by);
        const accepted = unlessArchived(ctx, id, () =>
          ctx.intake.requestFollowUp(id, kind, amount, clientKey(request), by),
        );
        return respondAccepted(ctx, request, reply, accepted);
      },
    );
  };
  followUp('adjust', AdjustBody, 'Change the held amount to a new total');
  followUp('capture', CaptureBody, 'Capture the final amount (default: the authorised amount)');
  followUp('void', VoidBody, 'Release the hold');

  app.post(
    '/v1/preauths/:id/cancel',
    {
      schema: {
        summary: 'Withdraw a preauth that has not been answered yet (the customer walked away)',
        description:
          'Cancelled at once if it was never sent; otherwise the provider is asked to cancel it at the terminal where it can be. If the preauth completes first, the answer is 409 cancel_too_late with the authorised transaction: void it.',
        params: IdParams,
        response: { 200: TransactionView, 202: TransactionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const stopping = refuseWhenStopping(ctx, reply);
      if (stopping) return stopping;
      const { id } = request.params as Static<typeof IdParams>;
      const accepted = unlessArchived(ctx, id, () => ctx.intake.requestCancel(id));
      const wait = waitFor(parsePrefer(request.headers.prefer), ctx.config.wait_timeout_ms);
      if (wait.applied) reply.header('preference-applied', wait.applied);
      await waitForOperation(ctx.store, accepted.operation.id, wait.ms, ctx.shutdown);
      const tx = ctx.store.transactions.get(id)!;
      const body = presentTransaction(tx, ctx.store.operations.byTransaction(id));
      noteToldPos(ctx, request, tx, body.result);
      reply.header('location', `/v1/preauths/${id}`);
      if (tx.state === 'failed' && tx.error_code === 'cancelled') return reply.code(200).send(body);
      if (tx.state === 'authorized') {
        return sendProblem(
          reply,
          problemOf(
            'cancel_too_late',
            'The preauth was approved at the terminal before the cancel reached it; void it to release the hold',
            { instance: `/v1/preauths/${id}`, transaction: body },
          ),
        );
      }
      if (tx.state === 'pending' || tx.state === 'in_progress') return reply.code(202).send(body);
      return sendProblem(
        reply,
        problemOf('invalid_state', `The preauth ended ${tx.state} before the cancel took effect`, {
          instance: `/v1/preauths/${id}`,
          transaction: body,
        }),
      );
    },
  );

  app.post(
    '/v1/preauths/:id/resolve',
    {
      schema: {
        summary: 'Settle an unresolved transaction by hand, after checking with the provider',
        description:
          "Recorded in the event log with the note and the API key's name. authorized/declined/voided settle a preauth in doubt; for a capture or void in doubt, authorized means it did not happen, captured or voided that it did.",
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Union([
              Type.Literal('authorized'),
              Type.Literal('declined'),
              Type.Literal('voided'),
              Type.Literal('captured'),
            ]),
            note: Type.String({ minLength: 3, maxLength: 500, description: 'What was checked and where' }),
            amount: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 1_000_000_000_000,
                description: 'The authorised (or captured) amount found, if not the one asked for',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: TransactionView, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const body = request.body as { outcome: ResolvedOutcome; note: string; amount?: number };
      unlessArchived(ctx, id, () => ctx.engine.writer.resolveByPerson(id, { ...body, by: callerName(request) }));
      return presentTransaction(ctx.store.transactions.get(id)!, ctx.store.operations.byTransaction(id));
    },
  );

  app.get(
    '/v1/preauths/:id',
    {
      schema: {
        summary: 'One transaction with its operations',
        params: IdParams,
        response: { 200: TransactionView, 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      const tx = ctx.store.transactions.get(id);
      if (!tx) {
        const archived = ctx.archives.byId(id);
        if (archived) return presentArchived(archived);
        throw new BridgeError('not_found', `No transaction ${id}`);
      }
      const body = presentTransaction(tx, ctx.store.operations.byTransaction(id));
      noteToldPos(ctx, request, tx, body.result);
      return body;
    },
  );

  app.get(
    '/v1/preauths/:id/attempts',
    {
      schema: {
        summary: 'Every exchange with the provider or terminal for this transaction, redacted, per operation',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(AttemptView) }), 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as Static<typeof IdParams>;
      if (!ctx.store.transactions.get(id)) {
        const archived = ctx.archives.byId(id);
        if (!archived) throw new BridgeError('not_found', `No transaction ${id}`);
        const kindOf = new Map(archived.operations.map((o) => [o.id, o.kind]));
        return { data: archived.attempts.map((a) => presentAttempt(kindOf.get(a.operation_id) ?? '', a)) };
      }
      return {
        data: ctx.store.operations
          .byTransaction(id)
          .flatMap((op) => ctx.store.attempts.forOperation(op.id).map((a) => presentAttempt(op.kind, a))),
      };
    },
  );

  app.get(
    '/v1/preauths',
    {
      schema: {
        summary: 'Find transactions',
        querystring: ListQuery,
        response: { 200: TransactionList, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const q = request.query as Static<typeof ListQuery>;
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const filter = transactionFilter(q, ctx.store.clock.now());
      const within = filter.expiringBefore;
      const rows = ctx.store.transactions.list({ ...filter, limit: q.limit + 1, ...(after ? { after } : {}) });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const data = page.map((tx) => presentTransaction(tx, ctx.store.operations.byTransaction(tx.id)));
      // A POS looking its own payment up by reference now knows it.
      if (q.reference !== undefined) page.forEach((tx, i) => noteToldPos(ctx, request, tx, data[i]!.result));
      // A reference that is no longer hot may be archived: its first page also lists the archived ones.
      const narrowed = [q.reference_contains, q.amount, q.last4, q.from, q.to].some((v) => v !== undefined);
      const archived =
        q.reference !== undefined && !after && page.length < q.limit && within === undefined && !narrowed
          ? ctx.archives
              .byReference(q.reference, q.terminal_id, q.limit - page.length)
              .filter((a) => q.state === undefined || a.transaction.state === q.state)
              .map(presentArchived)
          : [];
      return {
        data: [...data, ...archived],
        next_cursor: rows.length > q.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      };
    },
  );
}
