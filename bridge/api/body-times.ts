// Date-times in a request body are kept in one form, UTC as toISOString writes it. The store compares
// expires_at as text: "2030-01-01T13:00:00+03:00" (a Turkish POS's local time) sorts three hours after
// the instant it names, and a hold would be expired or voided hours late. Runs after validation, so
// every value here is one parseTimestamp reads.
import type { FastifyRequest } from 'fastify';
import { canonicalTimestamp } from '../core/timestamp.js';

type BodySchema = { readonly properties?: Record<string, { readonly format?: unknown }> };

export async function canonicalBodyTimes(request: FastifyRequest): Promise<void> {
  const properties = (request.routeOptions.schema?.body as BodySchema | undefined)?.properties;
  const body = request.body;
  if (!properties || typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const fields = body as Record<string, unknown>;
  for (const [name, schema] of Object.entries(properties)) {
    const value = fields[name];
    if (schema.format === 'date-time' && typeof value === 'string') fields[name] = canonicalTimestamp(value) ?? value;
  }
}
