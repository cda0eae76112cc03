// What needs a person: payments whose outcome is unknown (with the resolve action), holds about to
// expire, and storage problems.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useFetch, type Live } from '../live.js';
import type { Health, Status, Transaction } from '../types.js';
import { ago, money, providerName } from '../words.js';
import { FailedFollowUpItems, useFailedFollowUps } from './attention.js';

const OUTCOMES = [
  { value: 'authorized', label: 'The amount is held on the card' },
  { value: 'declined', label: 'It was declined' },
  { value: 'voided', label: 'Nothing is held (released or never taken)' },
  { value: 'captured', label: 'The amount was charged' },
];

function ResolveForm({ tx, onDone }: { tx: Transaction; onDone: () => void }) {
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api.post(`/v1/preauths/${tx.id}/resolve`, { outcome, note });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="resolve" onSubmit={submit}>
      <label>
        What did {providerName(tx.provider)} say?
        <select value={outcome} required onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
          <option value="">Choose…</option>
          {OUTCOMES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note (who you checked with, when)
        <input value={note} required minLength={3} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!outcome || note.trim().length < 3}>
        Save
      </button>
    </form>
  );
}

export function Alerts({
  live,
  health,
  status,
  now,
}: {
  live: Live;
  health: Health | undefined;
  status: Status | undefined;
  now: number;
}) {
  const unresolved = useFetch(
    () => api.get<{ data: Transaction[] }>('/v1/preauths?state=unresolved&limit=50'),
    live.version,
  );
  const expiring = useFetch(
    () => api.get<{ data: Transaction[] }>('/v1/preauths?expiring_within=PT24H&limit=50'),
    live.version,
  );
  const failedLater = useFailedFollowUps(live);
  const [open, setOpen] = useState<string>();
  const items = unresolved.data?.data ?? [];
  const soon = expiring.data?.data ?? [];
  const storage = health && !health.database.ok;
  // Storage and unresolved payments are listed below with more detail and their actions.
  const problems = (status?.problems ?? []).filter((p) => p.terminal_id !== null || p.text.startsWith('Paused'));
  return (
    <section class="panel" aria-labelledby="alerts-h">
      <h2 id="alerts-h">Needs attention</h2>
      {!storage && problems.length === 0 && items.length === 0 && soon.length === 0 && failedLater.length === 0 ? (
        <p>Nothing needs attention.</p>
      ) : null}
      {storage ? (
        <p class="alert down" role="alert">
          posbridge cannot save to its database, so it takes no payments. Check the free disk space on this PC, then
          restart posbridge.
        </p>
      ) : null}
      <ul class="alerts">
        {problems.map((p) => (
          <li key={p.text} class={`alert ${p.level}`} data-alert="status">
            <strong>{p.text}.</strong> {p.advice}
          </li>
        ))}
        {items.map((tx) => (
          <li key={tx.id} class="alert down" data-alert="unresolved">
            <div>
              <strong>Needs checking:</strong> {money(tx.amount_requested, tx.currency)} on {tx.terminal_id} (
              {tx.reference}).
            </div>
            <div class="muted">
              posbridge could not learn whether it went through. Check with {providerName(tx.provider)}, then record
              what you found.
            </div>
            {open === tx.id ? (
              <ResolveForm tx={tx} onDone={() => setOpen(undefined)} />
            ) : (
              <button type="button" onClick={() => setOpen(tx.id)}>
                Record the outcome
              </button>
            )}
          </li>
        ))}
        <FailedFollowUpItems items={failedLater} />
        {soon.map((tx) => (
          <li key={tx.id} class="alert degraded" data-alert="expiring">
            <strong>Hold ends soon:</strong> {money(tx.amount_authorized, tx.currency)} ({tx.reference}) on{' '}
            {tx.terminal_id}, {tx.expires_at ? `expires ${new Date(tx.expires_at).toLocaleString()}` : ''}. Charge or
            release it before then.
            <span class="muted"> Taken {ago(tx.created_at, now)}.</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
