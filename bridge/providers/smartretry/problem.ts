// SmartRetry's error bodies (api-reference/errors): RFC 7807 problem details with a stable
// `reason_code`, and a `context` whose `field` names the request field at fault.
import type { FieldError } from '../../core/errors.js';
import type { HttpReply } from '../../core/connector.js';
import { isProblem } from './wire.js';

export interface ProblemReason {
  readonly code?: string;
  readonly text: string;
  readonly fields: FieldError[];
  readonly context: Readonly<Record<string, unknown>>;
}

export function problemOf(body: unknown): ProblemReason {
  if (!isProblem.Check(body)) return { text: 'no details', fields: [], context: {} };
  const context = body.context ?? {};
  const text = body.detail ?? body.title ?? 'no details';
  // "Common keys include `field` (the request field that caused the error), `value` … and
  // `transaction_id`": only `field` names a field; the other keys are facts about the request.
  const fields = typeof context.field === 'string' ? [{ field: context.field, message: text }] : [];
  return { ...(body.reason_code ? { code: body.reason_code } : {}), text, fields, context };
}

/**
 * How long to wait after a 429: the `Retry-After` header (api-reference/rate-limiting: "Retry-After: 1"),
 * else the `context.retry_after_seconds` of the errors page's 429 example.
 */
export function retryAfterMs(reply: HttpReply, reason: ProblemReason): number | undefined {
  const header = reply.headers['retry-after'];
  const fromHeader = header !== undefined && header.trim() !== '' ? Number(header) : Number.NaN;
  if (Number.isFinite(fromHeader) && fromHeader >= 0) return fromHeader * 1000;
  const fromBody = reason.context.retry_after_seconds;
  return typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0 ? fromBody * 1000 : undefined;
}
