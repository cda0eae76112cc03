// GET /v1/queue and POST /v1/queue/forward: what waits to be sent (for an unreachable provider, or to be
// tried again after a failed attempt), and "forward now". The terminals' queue_depth counts the same set.
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { emptyBodyAsObject } from '../guards.js';
import { Problem } from '../schemas.js';

const QueueView = Type.Object({
  items: Type.Array(
    Type.Object({
      operation_id: Type.String(),
      transaction_id: Type.String(),
      terminal_id: Type.String(),
      provider: Type.String(),
      kind: Type.String(),
      amount: Type.Union([Type.Integer(), Type.Null()]),
      currency: Type.String(),
      queued_reason: Type.String({
        description: "provider_unreachable when it waits for a provider that cannot be reached; '' otherwise",
      }),
      queued_at: Type.String(),
      age_ms: Type.Integer(),
    }),
  ),
  exposure: Type.Record(Type.String(), Type.Integer(), {
    description: 'Queued preauth amounts per currency, minor units',
  }),
  count: Type.Integer(),
  oldest_age_ms: Type.Union([Type.Integer(), Type.Null()]),
});

function queueView(ctx: ApiContext) {
  const now = ctx.store.clock.now();
  const items = ctx.store.operations.waiting().map((o) => ({
    operation_id: o.id,
    transaction_id: o.transaction_id,
    terminal_id: o.terminal_id,
    provider: o.provider,
    kind: o.kind,
    amount: o.amount,
    currency: o.currency,
    queued_reason: o.queued_reason ?? '',
    queued_at: o.created_at,
    age_ms: Math.max(0, now - Date.parse(o.created_at)),
  }));
  const exposure: Record<string, number> = {};
  for (const i of items)
    if (i.kind === 'preauth' && i.amount !== null) exposure[i.currency] = (exposure[i.currency] ?? 0) + i.amount;
  return {
    items,
    exposure,
    count: items.length,
    oldest_age_ms: items.length ? Math.max(...items.map((i) => i.age_ms)) : null,
  };
}

export function queueRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/queue',
    {
      schema: {
        summary: "Operations waiting to be sent (the same set the terminals' queue_depth counts)",
        response: { 200: QueueView, 401: Problem },
      },
    },
    async () => queueView(ctx),
  );

  app.post(
    '/v1/queue/forward',
    {
      schema: {
        summary: 'Forward now: probe unreachable providers at once and send what waits, in order',
        response: { 200: QueueView, 401: Problem },
      },
      preValidation: emptyBodyAsObject,
    },
    async () => {
      ctx.engine.forwardNow();
      return queueView(ctx);
    },
  );
}
