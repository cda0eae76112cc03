// GET /v1/attention — charges and releases that failed after their caller was answered "under way": the
// POS (or the window) heard 202 and nobody saw the provider refuse it later, so the hold is still on the
// card while the counter believes it charged or released. The status window lists them under Needs
// attention until something newer happens to the transaction.
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { Problem } from '../schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const FailedFollowUp = Type.Object({
  transaction_id: Type.String(),
  operation_id: Type.String(),
  kind: Type.Union([Type.Literal('capture'), Type.Literal('void')]),
  amount: Nullable(Type.Integer({ description: 'What was to be charged (minor units); null for a release' })),
  currency: Type.String(),
  reference: Type.String(),
  terminal_id: Type.String(),
  provider: Type.String(),
  transaction_state: Type.String({ description: 'The transaction now: authorized means the hold is still on' }),
  card: Nullable(Type.Object({ brand: Nullable(Type.String()), masked_pan: Nullable(Type.String()) })),
  error: Type.Object({ code: Type.String(), message: Type.String() }),
  requested_by: Nullable(Type.String()),
  answered_at: Type.String({ description: 'When the caller was answered that it was under way' }),
  finished_at: Type.String(),
});

export function attentionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/attention',
    {
      schema: {
        summary: 'Charges and releases that failed after the caller was told they were under way',
        response: { 200: Type.Object({ data: Type.Array(FailedFollowUp) }), 401: Problem },
      },
    },
    async () => ({
      data: ctx.store.operations.failedAfterAnswer(100).map((o) => ({
        transaction_id: o.transaction_id,
        operation_id: o.id,
        kind: o.kind as 'capture' | 'void',
        amount: o.amount,
        currency: o.currency,
        reference: o.reference,
        terminal_id: o.terminal_id,
        provider: o.provider,
        transaction_state: o.transaction_state,
        card: o.card_brand || o.card_masked_pan ? { brand: o.card_brand, masked_pan: o.card_masked_pan } : null,
        error: { code: o.error_code ?? 'provider_error', message: o.error_message ?? '' },
        requested_by: o.requested_by,
        answered_at: o.answered_open_at!,
        finished_at: o.finished_at!,
      })),
    }),
  );
}
