// The Reconciliation tab: pick a day, check it against the providers' own records, and read what each
// provider's check found and every difference in plain words, with a link to the payment. "Could not
// check" is never shown as agreement: the summary is green only when every provider was fully checked.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { dateTime, day as dayName, money, number, today } from '../i18n/format.js';
import { reconcileWords as w, stateWord } from '../i18n/reconciliation.js';
import { useFetch, type Live } from '../live.js';
import { providerName } from '../words.js';
import '../styles/reconciliation.css';

interface Source {
  source: string;
  status: 'checked' | 'differences' | 'could_not_check' | 'no_records';
  payments: number;
  checked: number;
  differences: number;
  why: string | null;
}

interface Side {
  state: string;
  status?: string;
  currency: string | null;
  authorized: number | null;
  captured: number | null;
}

export interface Difference {
  source: string;
  kind: 'missing_at_provider' | 'unknown_to_posbridge' | 'amount_differs' | 'state_differs' | 'currency_differs';
  field: 'authorized' | 'captured' | null;
  transaction_id: string | null;
  provider_ref: string | null;
  ours: Side | null;
  theirs: Side | null;
}

interface Run {
  id: string;
  day: string;
  tz: string;
  requested_by: string | null;
  finished_at: string;
  sources: Source[];
  differences: Difference[];
}

function amountOf(side: Side | null, field: 'authorized' | 'captured'): string {
  if (!side) return '—';
  return money(field === 'captured' ? side.captured : side.authorized, side.currency ?? '');
}

/** One difference as a sentence a store manager can act on. */
export function sentence(d: Difference): string {
  const p = providerName(d.source);
  const ours = d.ours;
  const theirs = d.theirs;
  switch (d.kind) {
    case 'missing_at_provider':
      return w.missing(
        p,
        stateWord(ours?.state ?? 'other'),
        amountOf(ours, ours?.state === 'captured' ? 'captured' : 'authorized'),
      );
    case 'unknown_to_posbridge':
      return w.unknown(
        p,
        amountOf(theirs, theirs?.state === 'captured' ? 'captured' : 'authorized'),
        stateWord(theirs?.state ?? 'other'),
      );
    case 'amount_differs':
      return d.field === 'captured'
        ? w.chargedDiffers(p, amountOf(ours, 'captured'), amountOf(theirs, 'captured'))
        : w.heldDiffers(p, amountOf(ours, 'authorized'), amountOf(theirs, 'authorized'));
    case 'state_differs':
      return w.stateDiffers(
        p,
        stateWord(ours?.state ?? 'other'),
        `${stateWord(theirs?.state ?? 'other')}${theirs?.status ? ` (${theirs.status})` : ''}`,
      );
    case 'currency_differs':
      return w.currencyDiffers(p, ours?.currency ?? '—', theirs?.currency ?? '—');
  }
}

function tone(s: Source): string {
  if (s.status === 'checked') return 'ok';
  if (s.status === 'differences') return 'down';
  return 'degraded';
}

function statusLine(s: Source): string {
  switch (s.status) {
    case 'checked':
      return w.checked;
    case 'differences':
      return w.differences(s.differences);
    case 'could_not_check':
      return w.couldNotCheck;
    case 'no_records':
      return w.noRecords;
  }
}

function Summary({ run }: { run: Run }) {
  if (run.sources.length === 0) return <p class="rec-summary tone-degraded">{w.noProviders}</p>;
  const incomplete = run.sources.some((s) => s.status === 'could_not_check' || s.status === 'no_records');
  const n = run.differences.length;
  return (
    <div class="rec-summary-group">
      {n > 0 ? (
        <p class="rec-summary tone-down" data-summary="differences">
          {w.someDiffer(n)}
        </p>
      ) : null}
      {incomplete ? (
        <p class="rec-summary tone-degraded" data-summary="incomplete">
          {w.notAll}
        </p>
      ) : null}
      {n === 0 && !incomplete ? (
        <p class="rec-summary tone-ok" data-summary="match">
          {w.allMatch}
        </p>
      ) : null}
    </div>
  );
}

function SourceCard({ s }: { s: Source }) {
  return (
    <li class={`card rec-source tone-${tone(s)}`} data-source={s.source} data-status={s.status}>
      <div class="card-head">
        <strong>{providerName(s.source)}</strong>
        <span class={`badge tone-${tone(s)}`}>{statusLine(s)}</span>
      </div>
      <p class="muted">{w.counts(s.payments, s.checked)}</p>
      {s.why ? (
        <details>
          <summary>{w.details}</summary>
          <p class="muted">{s.why}</p>
        </details>
      ) : null}
    </li>
  );
}

function DifferenceItem({ d }: { d: Difference }) {
  return (
    <li class="rec-difference" data-kind={d.kind} data-source={d.source}>
      <span class="badge tone-down">{providerName(d.source)}</span>
      <span class="rec-sentence">{sentence(d)}</span>
      {d.transaction_id ? (
        <a href={`#/transactions/${encodeURIComponent(d.transaction_id)}`}>{w.openPayment}</a>
      ) : d.provider_ref ? (
        <span class="muted">{w.theirRef(d.provider_ref)}</span>
      ) : null}
    </li>
  );
}

export function ReconciliationView({ live }: { live: Live }) {
  const [day, setDay] = useState(today());
  const [runs, setRuns] = useState(0);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const list = useFetch(() => api.get<{ runs: Run[] }>(`/v1/reconciliations?day=${day}`), live.version + runs, day);
  const last = list.data?.runs[0];
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      await api.post('/v1/reconciliations', { day, tz: Intl.DateTimeFormat().resolvedOptions().timeZone });
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'operation_in_progress' ? w.alreadyRunning : (err as Error).message,
      );
    } finally {
      setRunning(false);
      setRuns((n) => n + 1);
    }
  };
  return (
    <section class="panel reconciliation" data-view="reconciliation" data-loaded={list.data ? day : undefined}>
      <h2>{w.title}</h2>
      <p class="muted">{w.intro}</p>
      <form
        class="filters rec-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {w.day}
          <input
            type="date"
            name="day"
            value={day}
            onInput={(e) => setDay((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {/^\d{4}-\d{2}-\d{2}$/.test(day) ? <span class="rec-day">{dayName(day)}</span> : null}
        <button type="submit" disabled={running || !day}>
          {running ? w.running : w.run}
        </button>
      </form>
      {error ? <p class="error">{error}</p> : null}
      {running ? (
        <p class="rec-running" aria-live="polite">
          {w.running}
        </p>
      ) : null}
      {list.error ? <p class="error">{list.error}</p> : null}
      {!last && list.data ? <p class="rec-summary tone-degraded">{w.notYet}</p> : null}
      {last ? (
        <div class="rec-run" data-run={last.id}>
          <Summary run={last} />
          <p class="muted">
            {w.lastRun(
              dateTime(last.finished_at),
              last.requested_by === 'status window' ? w.byWindow : (last.requested_by ?? '—'),
            )}
          </p>
          <ul class="cards rec-sources">
            {last.sources.map((s) => (
              <SourceCard key={s.source} s={s} />
            ))}
          </ul>
          {last.differences.length > 0 ? (
            <>
              <h3>
                {w.differencesTitle} ({number(last.differences.length)})
              </h3>
              <ul class="rec-differences">
                {last.differences.map((d, i) => (
                  <DifferenceItem key={i} d={d} />
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
