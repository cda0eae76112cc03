// GET /v1/metrics' registry: one per daemon (never prom-client's global one, so two daemons in a process
// stay apart). Gauges read the database at scrape time through MetricsReads (indexed, over open rows only);
// counters and histograms are fed by outcomes.ts as things happen.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from '../../engine/breaker.js';
import type { Breakers } from '../../engine/breakers.js';
import { MetricsReads } from '../../store/metrics-reads.js';
import type { Store } from '../../store/store.js';
import { feedOutcomes } from './outcomes.js';

/** Ordered by how bad it is, so an alert can say `>= 1` (not known to be reachable) or `== 2`. */
export const BREAKER_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, half_open: 1, open: 2 };

/** From a fast loopback answer to the 60 s a card-present customer may take at the terminal. */
export const EXCHANGE_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

export const EXPIRING_WITHIN_MS = 24 * 3_600_000;

export interface MetricsSources {
  readonly store: Store;
  readonly breakers: Breakers;
  readonly version: string;
  /** When this daemon started (ms since the epoch). */
  readonly startedAt: number;
}

export interface DaemonMetrics {
  readonly registry: Registry;
  /** Stops feeding the counters (the server closes). */
  close(): void;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

export function createMetrics(src: MetricsSources): DaemonMetrics {
  const { store } = src;
  const registry = new Registry();
  const reads = new MetricsReads(store.db);
  const enabledTerminals = () => store.terminals.list().filter((t) => t.enabled);

  new Gauge({
    name: 'posbridge_queue_depth',
    help: 'Operations waiting on this terminal to be sent (queued, including those waiting for an unreachable provider or a retry).',
    labelNames: ['terminal', 'provider'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of enabledTerminals()) this.set({ terminal: t.id, provider: t.provider }, reads.queue(t.id).depth);
    },
  });
  new Gauge({
    name: 'posbridge_queue_oldest_age_seconds',
    help: 'How long the oldest operation queued on this terminal has waited; 0 when nothing waits.',
    labelNames: ['terminal', 'provider'],
    registers: [registry],
    collect() {
      this.reset();
      const now = store.clock.now() / 1000;
      for (const t of enabledTerminals()) {
        const oldest = reads.queue(t.id).oldestCreatedAt;
        this.set({ terminal: t.id, provider: t.provider }, oldest ? Math.max(0, now - seconds(oldest)) : 0);
      }
    },
  });
  new Gauge({
    name: 'posbridge_open_holds',
    help: 'Authorised holds not yet captured, voided or expired.',
    labelNames: ['currency'],
    registers: [registry],
    collect() {
      this.reset();
      for (const h of reads.openHolds()) this.set({ currency: h.currency }, h.count);
    },
  });
  new Gauge({
    name: 'posbridge_open_holds_amount_minor_units',
    help: 'Sum of the authorised amounts of open holds, in minor units of the currency (cents for USD, yen for JPY).',
    labelNames: ['currency'],
    registers: [registry],
    collect() {
      this.reset();
      for (const h of reads.openHolds()) this.set({ currency: h.currency }, h.amountMinor);
    },
  });
  new Gauge({
    name: 'posbridge_unresolved_transactions',
    help: 'Transactions posbridge could not settle: a person must check them with the provider.',
    registers: [registry],
    collect() {
      this.set(reads.unresolvedCount());
    },
  });
  new Gauge({
    name: 'posbridge_holds_expiring_24h',
    help: 'Authorised holds that expire within the next 24 hours (capture or void them before they lapse).',
    registers: [registry],
    collect() {
      this.set(reads.expiringBefore(new Date(store.clock.now() + EXPIRING_WITHIN_MS).toISOString()));
    },
  });
  new Gauge({
    name: 'posbridge_provider_breaker_state',
    help: 'Circuit breaker per provider: 0 closed (reachable), 1 half-open (probing), 2 open (unreachable).',
    labelNames: ['provider'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of new Set(enabledTerminals().map((t) => t.provider)))
        this.set({ provider: p }, BREAKER_VALUE[src.breakers.view(p).state]);
    },
  });
  new Gauge({
    name: 'posbridge_database_size_bytes',
    help: 'Size of the SQLite database file (page count times page size), WAL not included.',
    registers: [registry],
    collect() {
      this.set(reads.sizeBytes());
    },
  });
  new Gauge({
    name: 'posbridge_integrity_check_timestamp_seconds',
    help: 'When the last database integrity check finished (Unix time); NaN if none has run yet.',
    registers: [registry],
    collect() {
      const last = store.integrity.last();
      this.set(last ? seconds(last.at) : NaN);
    },
  });
  new Gauge({
    name: 'posbridge_integrity_check_ok',
    help: 'Whether the last database integrity check found the database sound: 1 yes, 0 no, NaN not checked yet.',
    registers: [registry],
    collect() {
      const last = store.integrity.last();
      this.set(last === null ? NaN : last.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'posbridge_start_time_seconds',
    help: 'When this daemon started (Unix time); counters start at 0 then.',
    registers: [registry],
  }).set(src.startedAt / 1000);
  new Gauge({
    name: 'posbridge_build_info',
    help: 'Always 1; the label says which posbridge version runs.',
    labelNames: ['version'],
    registers: [registry],
  }).set({ version: src.version }, 1);

  const operations = new Counter({
    name: 'posbridge_operations_total',
    help: 'Operations that ended, by provider, kind (preauth, adjust, capture, void) and outcome (succeeded, declined, failed, unresolved), since the daemon started.',
    labelNames: ['provider', 'kind', 'outcome'],
    registers: [registry],
  });
  const exchanges = new Histogram({
    name: 'posbridge_provider_exchange_duration_seconds',
    help: 'How long each exchange with a provider or terminal took (send or lookup), from its record to its answer.',
    labelNames: ['provider', 'kind', 'purpose'],
    buckets: EXCHANGE_BUCKETS_S,
    registers: [registry],
  });
  const unsubscribe = feedOutcomes(store, { operations, exchanges });
  return { registry, close: unsubscribe };
}
