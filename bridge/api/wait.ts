// Waiting for an operation to finish, for callers that block on the HTTP request (the default).
import { isFinalOperationState } from '../core/states.js';
import type { BridgeEvent } from '../store/events.js';
import type { Store } from '../store/store.js';

// alert.unresolved: the operation goes on (the provider is still asked) but the caller has its answer.
const SETTLING_EVENTS = new Set([
  'operation.succeeded',
  'operation.failed',
  'operation.unresolved',
  'alert.unresolved',
]);

/** Resolves when the operation is final or `timeoutMs` passes (or `abort` fires), whichever is first. */
export function waitForOperation(
  store: Store,
  operationId: string,
  timeoutMs: number,
  abort?: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    const op = store.operations.get(operationId);
    if (!op || isFinalOperationState(op.state) || timeoutMs <= 0 || abort?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      store.bus.off('event', onEvent);
      abort?.removeEventListener('abort', done);
      resolve();
    };
    const onEvent = (e: BridgeEvent) => {
      if (e.operation_id === operationId && SETTLING_EVENTS.has(e.type)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    store.bus.on('event', onEvent);
    abort?.addEventListener('abort', done);
  });
}
