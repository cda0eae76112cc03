// No reply leaves before what it reports is on disk. Intake and the lane commit without waiting for the
// disk (store.ts writeUnsynced); this hook, which every reply passes last, waits for the store's shared
// sync first. With nothing unsynced it costs one resolved promise.
//
// When that sync fails the disk is failing, and what the reply reports may or may not survive a power
// cut: a transaction's answer becomes "not known yet" (202, result unknown, not final), so the POS polls
// its Location instead of starting again; any other reply becomes 503 storage_unavailable.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import { problemOf } from './problem.js';

const UNCONFIRMED =
  'posbridge could not confirm that this was saved to its disk. Do not treat it as failed and do not start it ' +
  'again with a new reference: ask for this transaction again (the same request is safe to repeat).';

type Log = { error(obj: object, msg: string): void };

export function waitForDiskBeforeReplying(app: FastifyInstance, store: Store, log: Log): void {
  app.addHook('onSend', async (request, reply, payload) => {
    try {
      await store.synced();
      return payload;
    } catch (err) {
      log.error({ err, url: request.url }, 'storage failure: the disk did not confirm a write');
      return unconfirmed(reply, payload);
    }
  });
}

function unconfirmed(
  reply: { code(n: number): unknown; header(k: string, v: string): unknown; getHeader(k: string): unknown },
  payload: unknown,
): string {
  const transaction = typeof payload === 'string' ? transactionOf(payload) : undefined;
  if (transaction) {
    reply.code(202);
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify({ ...transaction, result: 'unknown', final: false, message: UNCONFIRMED });
  }
  const problem = problemOf('storage_unavailable', 'The local database could not confirm a write reached its disk');
  reply.code(problem.status);
  reply.header('content-type', 'application/problem+json; charset=utf-8');
  return JSON.stringify(problem);
}

/** A transaction's answer: a JSON object with an id, a state and a result (present.ts). */
function transactionOf(payload: string): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(payload) as unknown;
    if (body && typeof body === 'object' && 'id' in body && 'state' in body && 'result' in body)
      return body as Record<string, unknown>;
  } catch {
    // not JSON: not a transaction
  }
  return undefined;
}
