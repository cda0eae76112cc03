// A reconciliation run: for one day, each cloud provider's own records are read and compared with our
// payments; the run, what each provider's check found and every difference are recorded in one write,
// with a `reconciliation.difference` event per difference and one `reconciliation.finished` per run.
// No transaction is touched: a difference is for a person to look into, never fixed silently.
import type { TerminalContext } from '../../core/connector.js';
import { BridgeError } from '../../core/errors.js';
import { recordsOf, type OurPaymentRef, type TheirPayment } from '../../core/provider-records.js';
import type { PaymentChannel } from '../../core/channel.js';
import type {
  DifferenceRecord,
  PaymentRow,
  ReconciliationRepo,
  RunRecord,
  SourceRecord,
} from '../../store/reconciliations.js';
import type { TerminalRow } from '../../store/rows.js';
import type { Store } from '../../store/store.js';
import { HttpChannel } from '../http-channel.js';
import { compare, type OurPayment } from './compare.js';
import { dayBounds } from '../../core/day.js';
import { fetchRecords, type FetchLimits, type RecordsChannel } from './fetch.js';

export interface ReconcileDeps {
  readonly store: Store;
  readonly repo: ReconciliationRepo;
  readonly newId: () => string;
  readonly channel: (provider: string) => PaymentChannel | undefined;
  readonly credentials: (terminalId: string) => Record<string, string> | undefined;
  readonly limits: FetchLimits;
}

export interface RunRequest {
  readonly day: string;
  readonly timeZone: string;
  readonly provider?: string;
  readonly requestedBy?: string;
}

type Source =
  | {
      readonly kind: 'records';
      readonly channel: RecordsChannel;
      /** The provider's terminals whose settings its connector could read. */
      readonly terminals: ReadonlyArray<{ readonly id: string; readonly settings: object }>;
    }
  | { readonly kind: 'none' };

const DAY_MS = 86_400_000;

function ourPayment(r: PaymentRow): OurPayment {
  return {
    transactionId: r.id,
    reference: r.reference,
    terminalId: r.terminal_id,
    state: r.state,
    currency: r.currency,
    authorized: r.amount_authorized,
    captured: r.amount_captured,
    providerRef: r.provider_ref,
    providerRefs: JSON.parse(r.provider_refs_json) as Record<string, string>,
  };
}

function refOf(r: PaymentRow, o: OurPayment): OurPaymentRef {
  return {
    transactionId: o.transactionId,
    terminalId: o.terminalId,
    currency: o.currency,
    providerRef: o.providerRef,
    providerRefs: o.providerRefs,
    captureRef: r.capture_ref,
    createdAt: r.created_at,
  };
}

function shifted(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export class Reconciler {
  private running = false;

  constructor(private readonly deps: ReconcileDeps) {}

  /** The cloud providers that have terminals: what a run goes through, in name order. */
  providers(): string[] {
    const names = new Set(this.deps.store.terminals.list().map((t) => t.provider));
    return [...names].filter((p) => this.deps.channel(p) instanceof HttpChannel).sort();
  }

  private sourceOf(provider: string, terminals: readonly TerminalRow[]): Source {
    const channel = this.deps.channel(provider);
    const reader = channel instanceof HttpChannel ? recordsOf(channel.connector) : undefined;
    if (!(channel instanceof HttpChannel) || !reader) return { kind: 'none' };
    const contexts = new Map<string, TerminalContext>();
    for (const t of terminals) {
      const parsed = channel.connector.terminalSettings.check(t.id, t.settings_json);
      if (!parsed.ok) continue;
      const credentials = this.deps.credentials(t.id);
      contexts.set(t.id, {
        id: t.id,
        currency: t.currency,
        settings: parsed.settings,
        ...(credentials ? { credentials } : {}),
      });
    }
    return {
      kind: 'records',
      terminals: [...contexts.values()].map((t) => ({ id: t.id, settings: t.settings })),
      channel: {
        reader,
        send: (request, signal) => {
          const terminal = request.terminalId !== undefined ? contexts.get(request.terminalId) : undefined;
          return channel.executor.execute(
            request,
            terminal ? channel.connector.authFor?.(terminal) : undefined,
            signal,
          );
        },
      },
    };
  }

  private async check(
    provider: string,
    terminals: readonly TerminalRow[],
    window: { from: string; to: string },
    differences: DifferenceRecord[],
  ): Promise<SourceRecord> {
    const ids = terminals.map((t) => t.id);
    const rows = this.deps.repo.payments(ids, window.from, window.to);
    const ours = rows.map(ourPayment);
    const source = this.sourceOf(provider, terminals);
    const base = { provider, payments: rows.length };
    if (source.kind === 'none')
      return {
        ...base,
        status: 'no_records',
        checked: 0,
        differences: 0,
        why: `${provider} offers no record to compare with`,
      };
    const fetched = await fetchRecords(
      source.channel,
      { from: window.from, to: window.to, ours: rows.map((r, i) => refOf(r, ours[i]!)), terminals: source.terminals },
      this.deps.limits,
    );
    if (fetched.kind === 'could_not_check')
      return { ...base, status: 'could_not_check', checked: 0, differences: 0, why: fetched.why };
    // A record that matches none of the day's payments may still be ours: made a moment before midnight
    // and sent after it, or the other way round.
    const near = this.deps.repo.payments(ids, shifted(window.from, -DAY_MS), shifted(window.to, DAY_MS));
    const known = new Set(near.flatMap((r) => [r.id, ...(r.provider_ref ? [r.provider_ref] : [])]));
    const failed = new Set(fetched.failed.map((f) => f.transactionId));
    const cmp = compare(
      ours.filter((o) => !failed.has(o.transactionId)),
      { coverage: source.channel.reader.coverage, theirs: fetched.theirs, missing: fetched.missing },
      (t: TheirPayment) => (t.transactionId !== null && known.has(t.transactionId)) || known.has(t.providerRef),
    );
    for (const d of cmp.differences)
      differences.push({
        provider,
        kind: d.kind,
        field: d.field ?? null,
        transactionId: d.transactionId,
        providerRef: d.providerRef,
        ours: d.ours,
        theirs: d.theirs,
      });
    const unchecked = cmp.unchecked.length + failed.size;
    const status = unchecked > 0 ? 'could_not_check' : cmp.differences.length > 0 ? 'differences' : 'checked';
    const why =
      unchecked > 0
        ? `${unchecked} of ${rows.length} payments could not be checked${fetched.failed[0] ? `: ${fetched.failed[0].why}` : ''}`
        : null;
    return { ...base, status, checked: cmp.checked, differences: cmp.differences.length, why };
  }

  /** Runs one reconciliation; one at a time (a second is refused while the first reads). */
  async run(req: RunRequest): Promise<RunRecord> {
    if (this.running)
      throw new BridgeError('operation_in_progress', 'A reconciliation is already running; wait for it to finish');
    this.running = true;
    try {
      const { store } = this.deps;
      const startedAt = new Date(store.clock.now()).toISOString();
      const window = dayBounds(req.day, req.timeZone);
      const terminals = store.terminals.list();
      const providers = req.provider ? [req.provider] : this.providers();
      const sources: SourceRecord[] = [];
      const differences: DifferenceRecord[] = [];
      // One provider after another: polite to their rate limits, and one slow provider's budget at a time.
      for (const p of providers)
        sources.push(
          await this.check(
            p,
            terminals.filter((t) => t.provider === p),
            window,
            differences,
          ),
        );
      // A run cut short by shutdown is not a result: nothing is recorded, and the caller hears why.
      if (this.deps.limits.stop?.aborted)
        throw new BridgeError('shutting_down', 'posbridge is stopping; the reconciliation was not finished');
      const run: RunRecord = {
        id: this.deps.newId(),
        day: req.day,
        timeZone: req.timeZone,
        from: window.from,
        to: window.to,
        provider: req.provider ?? null,
        requestedBy: req.requestedBy ?? null,
        startedAt,
        finishedAt: new Date(store.clock.now()).toISOString(),
        sources,
        differences,
      };
      store.write((w) => {
        this.deps.repo.record(run);
        for (const d of differences)
          w.emit({
            type: 'reconciliation.difference',
            transactionId: d.transactionId,
            data: {
              run_id: run.id,
              source: d.provider,
              day: run.day,
              kind: d.kind,
              ...(d.field ? { field: d.field } : {}),
              ...(d.transactionId ? { transaction_id: d.transactionId } : {}),
              ...(d.providerRef ? { provider_ref: d.providerRef } : {}),
              ours: d.ours,
              theirs: d.theirs,
            },
          });
        w.emit({
          type: 'reconciliation.finished',
          data: {
            run_id: run.id,
            day: run.day,
            time_zone: run.timeZone,
            sources: sources.map((s) => ({ source: s.provider, status: s.status, differences: s.differences })),
            differences: differences.length,
          },
        });
      });
      return run;
    } finally {
      this.running = false;
    }
  }
}
