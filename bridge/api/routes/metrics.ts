// GET /v1/metrics: the Prometheus text exposition format, for a chain's own monitoring. Loopback only and
// behind an API key like every other route (guards.ts); a metrics-only key may read this and nothing else.
import type { FastifyInstance } from 'fastify';
import type { DaemonMetrics } from '../metrics/registry.js';
import { METRICS_PATH } from '../guards.js';
import { Problem } from '../schemas.js';

export function metricsRoutes(app: FastifyInstance, metrics: DaemonMetrics): void {
  app.get(
    METRICS_PATH,
    {
      schema: {
        summary: 'Metrics in the Prometheus text format (queue, holds, providers, outcomes, latency, database)',
        description:
          'Needs an API key; a key made with `posbridge keys create --scope metrics` may read this and nothing else.',
        produces: ['text/plain'],
        response: { 401: Problem, 403: Problem },
      },
    },
    async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
