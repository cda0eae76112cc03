// Counters and histograms fed as things happen: operation outcomes from the committed events on
// store.bus, exchange durations from the store's 'attempt.finished' signal (after the commit that
// recorded the answer). Nothing here re-reads history: a restarted daemon starts its counters at 0, which
// Prometheus' rate() and increase() read as a counter reset (posbridge_start_time_seconds shows when).
import type { Counter, Histogram } from 'prom-client';
import { ERROR_CODES, type ErrorCode } from '../../core/errors.js';
import type { BridgeEvent } from '../../store/events.js';
import type { AttemptFinishedSignal, Store } from '../../store/store.js';

export type OperationOutcome = 'succeeded' | 'declined' | 'failed' | 'unresolved';

/** Which outcome an operation event stands for; undefined for events that are not an operation's end. */
export function outcomeOf(e: BridgeEvent): OperationOutcome | undefined {
  if (e.type === 'operation.succeeded') return 'succeeded';
  if (e.type === 'operation.unresolved') return 'unresolved';
  if (e.type !== 'operation.failed') return undefined;
  const code = e.data.code;
  // The issuer said no (402 codes): told apart from failures, which are about the bridge or the provider.
  return typeof code === 'string' && ERROR_CODES[code as ErrorCode] === 402 ? 'declined' : 'failed';
}

export interface OutcomeMetrics {
  readonly operations: Counter<'provider' | 'kind' | 'outcome'>;
  readonly exchanges: Histogram<'provider' | 'kind' | 'purpose'>;
}

/** Subscribes to the store's bus; returns the unsubscribe. */
export function feedOutcomes(store: Store, metrics: OutcomeMetrics): () => void {
  // Terminals never change provider; their rows are few. One PK lookup per terminal, then memory.
  const providers = new Map<string, string>();
  const providerOf = (terminalId: string | null): string => {
    if (terminalId === null) return 'unknown';
    let p = providers.get(terminalId);
    if (p === undefined) {
      p = store.terminals.get(terminalId)?.provider ?? 'unknown';
      providers.set(terminalId, p);
    }
    return p;
  };
  const attemptStmt = store.db.prepare(
    `SELECT a.purpose, o.kind, o.terminal_id FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE a.id = ?`,
  );
  const onEvent = (e: BridgeEvent) => {
    const outcome = outcomeOf(e);
    if (outcome === undefined) return;
    const kind = typeof e.data.kind === 'string' ? e.data.kind : 'unknown';
    metrics.operations.inc({ provider: providerOf(e.terminal_id), kind, outcome });
  };
  const onAttempt = (s: AttemptFinishedSignal) => {
    try {
      const row = attemptStmt.get(s.attemptId) as { purpose: string; kind: string; terminal_id: string } | undefined;
      if (!row) return;
      metrics.exchanges.observe(
        { provider: providerOf(row.terminal_id), kind: row.kind, purpose: row.purpose },
        s.durationMs / 1000,
      );
    } catch {
      // The database closing under a late signal (shutdown): a missed observation, never a crash.
    }
  };
  store.bus.on('event', onEvent);
  store.bus.on('attempt.finished', onAttempt);
  return () => {
    store.bus.off('event', onEvent);
    store.bus.off('attempt.finished', onAttempt);
  };
}
