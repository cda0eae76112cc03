// Transactions that left the hot database (retention): the API still finds them, marked archived, and
// refuses to change them with one stable code. The hot tables are asked first; the archives only on a miss.
import { BridgeError } from '../core/errors.js';
import type { ArchivedTransaction } from '../store/archive-lookup.js';
import type { ApiContext } from './context.js';
import { presentTransaction } from './present.js';

export function presentArchived(a: ArchivedTransaction) {
  return { ...presentTransaction(a.transaction, a.operations), archived: true };
}

/** Runs a change of transaction `id`; if it is not hot because it was archived, 409 transaction_archived. */
export function unlessArchived<T>(ctx: ApiContext, id: string, change: () => T): T {
  try {
    return change();
  } catch (err) {
    if (err instanceof BridgeError && err.code === 'not_found' && ctx.archives.has(id)) {
      throw new BridgeError(
        'transaction_archived',
        `Transaction ${id} is archived (finished more than the retention window ago): it can be read, not changed`,
      );
    }
    throw err;
  }
}
