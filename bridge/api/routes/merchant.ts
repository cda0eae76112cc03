// GET /v1/merchant — the store's name and address from the config, for the window's printed receipts.
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { Problem } from '../schemas.js';

export function merchantRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/merchant',
    {
      schema: {
        summary: "The store's name and address as a receipt prints them (config: merchant.name, merchant.address)",
        response: { 200: Type.Object({ name: Type.String(), address: Type.String() }), 401: Problem },
      },
    },
    async () => ({ name: ctx.config.merchant.name, address: ctx.config.merchant.address }),
  );
}
