// One transaction: what happened, each operation, each exchange with the provider or terminal, and the
// receipt the terminal printed (masked card data only).
import { api } from '../api.js';
import { useFetch, type Live } from '../live.js';
import type { Attempt, Transaction } from '../types.js';
import {
  attemptOutcome,
  money,
  operationName,
  operationState,
  providerName,
  stateTone,
  transactionState,
} from '../words.js';

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString() : '—');

export function TransactionView({ id, live }: { id: string; live: Live }) {
  const tx = useFetch(() => api.get<Transaction>(`/v1/preauths/${encodeURIComponent(id)}`), live.version, id);
  const attempts = useFetch(
    () => api.get<{ data: Attempt[] }>(`/v1/preauths/${encodeURIComponent(id)}/attempts`),
    live.version,
    id,
  );
  if (tx.error)
    return (
      <section class="panel">
        <p class="error">{tx.error}</p>
        <a href="#/transactions">Back to transactions</a>
      </section>
    );
  const t = tx.data;
  if (!t)
    return (
      <section class="panel">
        <p>Loading…</p>
      </section>
    );
  const receipts = t.operations.filter((o) => o.receipt_text);
  return (
    <section class="panel" aria-labelledby="txd-h">
      <a href="#/transactions">← All transactions</a>
      <h2 id="txd-h">
        {t.reference}{' '}
        <span class={`badge tone-${stateTone(t.state)}`} data-state={t.state}>
          {transactionState(t.state)}
        </span>
      </h2>
      <dl class="facts">
        <dt>Terminal</dt>
        <dd>
          {t.terminal_id} ({providerName(t.provider)})
        </dd>
        <dt>Asked to hold</dt>
        <dd>{money(t.amount_requested, t.currency)}</dd>
        <dt>Held</dt>
        <dd>{money(t.amount_authorized, t.currency)}</dd>
        <dt>Charged</dt>
        <dd>{money(t.amount_captured, t.currency)}</dd>
        <dt>Card</dt>
        <dd>{t.card ? `${t.card.brand ?? ''} ${t.card.masked_pan ?? ''}`.trim() || '—' : '—'}</dd>
        <dt>Approval code</dt>
        <dd>{t.auth_code ?? '—'}</dd>
        <dt>Hold ends</dt>
        <dd>{t.expires_at ? new Date(t.expires_at).toLocaleString() : '—'}</dd>
        {t.error ? (
          <>
            <dt>Why</dt>
            <dd>{t.error.message}</dd>
          </>
        ) : null}
      </dl>
      <h3>Steps</h3>
      <table class="ops">
        <thead>
          <tr>
            <th>Step</th>
            <th class="num">Amount</th>
            <th>State</th>
            <th>Started</th>
            <th>Finished</th>
            <th>Tries</th>
          </tr>
        </thead>
        <tbody>
          {t.operations.map((o) => (
            <tr key={o.id}>
              <td>{operationName(o.kind)}</td>
              <td class="num">{money(o.amount, t.currency)}</td>
              <td>
                {operationState(o.state)}
                {o.error ? ` — ${o.error.message}` : ''}
              </td>
              <td>{time(o.created_at)}</td>
              <td>{time(o.finished_at)}</td>
              <td>{o.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Exchanges with {providerName(t.provider)}</h3>
      {(attempts.data?.data ?? []).length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table class="attempts">
          <thead>
            <tr>
              <th>Step</th>
              <th>#</th>
              <th>What</th>
              <th>At</th>
              <th>Took</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {attempts.data!.data.map((a) => (
              <tr key={`${a.operation_id}-${a.number}-${a.purpose}-${a.started_at}`}>
                <td>{operationName(a.operation_kind)}</td>
                <td>{a.number}</td>
                <td>{a.purpose === 'send' ? 'Sent' : 'Asked how it went'}</td>
                <td>{time(a.started_at)}</td>
                <td>{a.duration_ms === null ? '—' : `${a.duration_ms} ms`}</td>
                <td>{attemptOutcome(a.outcome)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {receipts.length ? (
        <>
          <h3>Receipt</h3>
          {receipts.map((o) => (
            <pre key={o.id} class="receipt">
              {o.receipt_text}
            </pre>
          ))}
        </>
      ) : null}
    </section>
  );
}
