// What happens to a request for a provider that is unreachable: queued for later or refused now, and
// the limits on what may wait. Pure: the caller passes the current queue.
import { BridgeError } from '../core/errors.js';
import type { OperationKind } from '../core/states.js';

export type OfflineAction = 'queue' | 'reject';

export interface OfflineConfig {
  readonly policy: Readonly<Record<string, Partial<Record<OperationKind, OfflineAction>>>>;
  readonly max_amount: Readonly<Record<string, number>>;
  readonly max_exposure: Readonly<Record<string, number>>;
  readonly max_count: number;
}

/**
 * Defaults: capture, void and adjust wait (the hold exists; they must happen). A preauth waits only
 * where the card data travels in the request; on a card-present terminal no card can be read anyway.
 */
export function offlineAction(
  cfg: OfflineConfig,
  provider: string,
  kind: OperationKind,
  cardPresent: boolean,
): OfflineAction {
  const configured = cfg.policy[provider]?.[kind];
  if (configured) return configured;
  if (kind === 'preauth') return cardPresent ? 'reject' : 'queue';
  return 'queue';
}

export interface QueuedItem {
  readonly kind: OperationKind;
  readonly amount: number | null;
  readonly currency: string;
}

/** Throws when queueing one more would break a limit; the caller then writes nothing. */
export function checkQueueLimits(cfg: OfflineConfig, queue: readonly QueuedItem[], next: QueuedItem): void {
  if (queue.length + 1 > cfg.max_count) {
    throw new BridgeError(
      'queue_limit_reached',
      `The offline queue already holds ${queue.length} operations (limit ${cfg.max_count}); nothing was queued`,
    );
  }
  if (next.kind !== 'preauth' || next.amount === null) return;
  const maxAmount = cfg.max_amount[next.currency];
  if (maxAmount !== undefined && next.amount > maxAmount) {
    throw new BridgeError(
      'queue_limit_reached',
      `A preauth of ${next.amount} ${next.currency} is above the ${maxAmount} that may wait for an unreachable provider; nothing was queued`,
    );
  }
  const maxExposure = cfg.max_exposure[next.currency];
  if (maxExposure !== undefined) {
    const exposure = queue
      .filter((q) => q.kind === 'preauth' && q.currency === next.currency)
      .reduce((sum, q) => sum + (q.amount ?? 0), 0);
    if (exposure + next.amount > maxExposure) {
      throw new BridgeError(
        'queue_limit_reached',
        `Queued preauths in ${next.currency} would reach ${exposure + next.amount}, above the limit of ${maxExposure}; nothing was queued`,
      );
    }
  }
}
