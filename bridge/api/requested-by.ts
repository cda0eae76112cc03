// Who asks for a charge or a release, as recorded on the operation. The POS is named by its API key. The
// status window has no accounts: the person at it types a name or staff number with each confirmation,
// recorded as window:<name>, and the window may never charge more than is held.
import type { FastifyRequest } from 'fastify';
import { BridgeError } from '../core/errors.js';
import type { FollowUpBy } from '../engine/intake.js';
import { callerName, UI_ACTOR } from './guards.js';

export const WINDOW_PREFIX = 'window:';

export function followUpBy(request: FastifyRequest, given: string | undefined): FollowUpBy {
  const name = given?.trim() ?? '';
  const caller = callerName(request);
  if (caller !== UI_ACTOR) return { requestedBy: name ? `${caller}:${name}` : caller };
  if (!name)
    throw new BridgeError(
      'requested_by_required',
      'Say who is doing this: requested_by (a name or staff number) is required from the status window',
      [{ field: 'body:requested_by', message: 'is required from the status window' }],
    );
  return { requestedBy: `${WINDOW_PREFIX}${name}`, withinHeld: true };
}
