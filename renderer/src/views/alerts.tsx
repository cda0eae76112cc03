// What needs a person: payments whose outcome is unknown (with the resolve action), holds about to
// expire, and storage problems.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useFetch, type Live } from '../live.js';
import type { Health, Status, Transaction } from '../types.js';
import { sayProblem } from '../i18n/problems.js';
import { alertWords } from '../i18n/status.js';
import { ago, dateTime, money, providerName } from '../words.js';
import { FailedFollowUpItems, useFailedFollowUps } from './attention.js';

/** Problems of the whole daemon listed here; storage and unresolved payments have their own items below. */
const SHOWN_HERE = new Set(['paused', 'orphan_holds', 'integrity_failed', 'stopping']);
const OUTCOMES = ['authorized', 'declined', 'voided', 'captured'] as const;

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
        {alertWords.ask(providerName(tx.provider))}
        <select value={outcome} required onChange={(e) => setOutcome((e.target as HTMLSelectElement).value)}>
          <option value="">{alertWords.choose}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {alertWords[o]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {alertWords.note}
        <input value={note} required minLength={3} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </label>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!outcome || note.trim().length < 3}>
        {alertWords.save}
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
  const all = status?.problems ?? [];
  const problems = all.filter((p) => p.terminal_id !== null || SHOWN_HERE.has(p.code ?? ''));
  return (
    <section class="panel" aria-labelledby="alerts-h">
      <h2 id="alerts-h">{alertWords.title}</h2>
      {!storage && problems.length === 0 && items.length === 0 && soon.length === 0 && failedLater.length === 0 ? (
        <p>{alertWords.nothing}</p>
      ) : null}
      {storage ? (
        <p class="alert down" role="alert">
          {alertWords.storage}
        </p>
      ) : null}
      <ul class="alerts">
        {problems.map((p) => {
          const said = sayProblem(p, all);
          return (
            <li key={p.text} class={`alert ${p.level}`} data-alert="status" data-code={p.code}>
              <strong>{said.text}.</strong> {said.advice}
            </li>
          );
        })}
        {items.map((tx) => (
          <li key={tx.id} class="alert down" data-alert="unresolved">
            <div>
              <strong>{alertWords.needsChecking}</strong>{' '}
              {alertWords.checkWhat(money(tx.amount_requested, tx.currency), tx.terminal_id, tx.reference)}
            </div>
            <div class="muted">{alertWords.checkAdvice(providerName(tx.provider))}</div>
            {open === tx.id ? (
              <ResolveForm tx={tx} onDone={() => setOpen(undefined)} />
            ) : (
              <button type="button" onClick={() => setOpen(tx.id)}>
                {alertWords.record}
              </button>
            )}
          </li>
        ))}
        <FailedFollowUpItems items={failedLater} />
        {soon.map((tx) => (
          <li key={tx.id} class="alert degraded" data-alert="expiring">
            <strong>{alertWords.endsSoon}</strong>{' '}
            {alertWords.endsWhat(
              money(tx.amount_authorized, tx.currency),
              tx.reference,
              tx.terminal_id,
              dateTime(tx.expires_at),
            )}
            <span class="muted"> {alertWords.taken(ago(tx.created_at, now))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
