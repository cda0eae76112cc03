// Which of our requests a lookup is after, and how to recognise it in Blink's records. Every request
// we send carries our ids in `metadata` (build.ts): `reference` is our transaction id, and a completion
// or void adds `operation`, our operation id. The path's last segment tells the kinds apart.
import type { OperationContext } from '../../core/connector.js';

export interface LookupTarget {
  /** The path segment our request went to (request log `request.url`, EOD `payment_method`). */
  readonly endpoint: 'preauth-transactions' | 'preauth-completions' | 'preauth-voids';
  readonly reference: string;
  /** Our operation id, for a completion or void; a pre-auth has none. */
  readonly operation?: string;
}

export function targetOf(ctx: OperationContext): LookupTarget | undefined {
  switch (ctx.kind) {
    case 'preauth':
      return { endpoint: 'preauth-transactions', reference: ctx.transaction.id };
    case 'capture':
      return { endpoint: 'preauth-completions', reference: ctx.transaction.id, operation: ctx.operation.id };
    case 'void':
      return { endpoint: 'preauth-voids', reference: ctx.transaction.id, operation: ctx.operation.id };
    default:
      return undefined;
  }
}

/** A JSON object, or a JSON text of one (Blink calls metadata "a valid JSON-formatted string"). */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return asObject(JSON.parse(value) as unknown);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Whether a request body's (or EOD line's) metadata names our request. */
export function metadataMatches(metadata: unknown, target: LookupTarget): boolean {
  const m = asObject(metadata);
  if (!m || m.reference !== target.reference) return false;
  return target.operation === undefined ? m.operation === undefined : m.operation === target.operation;
}

/** The last path segment of a logged URL, absolute ("https://…/v1/card-present/sales") or not ("/sales"). */
export function endpointOf(url: string): string | undefined {
  try {
    return new URL(url, 'http://relative.invalid').pathname.split('/').filter(Boolean).at(-1);
  } catch {
    return undefined;
  }
}
