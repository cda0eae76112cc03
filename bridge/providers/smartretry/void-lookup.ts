// Looking up a void. A void is a transaction of its own (payments/void: "Poll the status endpoint using
// the returned transaction_id to confirm the void outcome"), and the pre-auth it cancels reads CANCELLED
// afterwards (payments/status: CANCELLED "The transaction was cancelled (e.g., by a void)"). So:
// - the void's own status decides when it is APPROVED, PROCESSING, DECLINED or UNKNOWN;
// - when it reads CANCELLED or ERROR, whose meaning for a void the docs do not give, or when its id is
//   unknown because the answer to the POST was lost, the pre-auth's status settles it: CANCELLED means
//   the hold was released; still APPROVED means it was not (or, with no void id, not yet: "not found").
import type { Lookup } from '../../core/outcome.js';
import type { HttpReply, HttpRequestSpec, LookupStep, OperationContext } from '../../core/connector.js';
import { found, isLookup, outcomeOfStatus, readStatus } from './status.js';

/** The transaction a status request asked about: the last segment of its path. */
function askedAbout(request: HttpRequestSpec | undefined): string | undefined {
  if (!request) return undefined;
  const last = new URL(request.url).pathname.split('/').pop();
  return last ? decodeURIComponent(last) : undefined;
}

function fromPreauth(ctx: OperationContext, reply: HttpReply): Lookup {
  const s = readStatus(reply);
  if (isLookup(s))
    return s.kind === 'not_found'
      ? { kind: 'inconclusive', reason: 'SmartRetry does not know the pre-auth being voided' }
      : s;
  switch (s.status.status) {
    case 'CANCELLED':
      return { kind: 'found', outcome: { kind: 'approved', approval: {} } };
    case 'APPROVED':
      // With a void id, SmartRetry told us the void itself ended CANCELLED or ERROR: it did not take.
      return ctx.operation.providerRef
        ? {
            kind: 'found',
            outcome: {
              kind: 'rejected',
              code: 'provider_rejected',
              message: `SmartRetry did not void the pre-auth (void ${ctx.operation.providerRef}); it is still approved`,
              fieldErrors: [],
            },
          }
        : { kind: 'not_found' };
    default:
      return { kind: 'inconclusive', reason: `the pre-auth being voided reads ${s.status.status}` };
  }
}

export function parseVoidLookup(
  ctx: OperationContext,
  reply: HttpReply,
  request: HttpRequestSpec | undefined,
  pollMs: number,
  preauthStatus: HttpRequestSpec | undefined,
): LookupStep {
  const preauthId = ctx.transaction.providerRefs.transaction_id;
  const asked = askedAbout(request) ?? ctx.operation.providerRef ?? preauthId;
  if (asked === preauthId && asked !== ctx.operation.providerRef) return fromPreauth(ctx, reply);
  const s = readStatus(reply);
  if (isLookup(s)) return s;
  if ((s.status.status === 'CANCELLED' || s.status.status === 'ERROR') && preauthStatus)
    return { kind: 'next', request: preauthStatus };
  return found(() => outcomeOfStatus(ctx, s, pollMs));
}
