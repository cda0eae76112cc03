// The live list of transactions, searchable by the POS's reference.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useFetch, type Live } from '../live.js';
import type { Transaction } from '../types.js';
import { ago, money, stateTone, transactionState } from '../words.js';

export function amountOf(tx: Transaction): number {
  return tx.amount_captured ?? tx.amount_authorized ?? tx.amount_requested;
}

export function TransactionsView({ live, now }: { live: Live; now: number }) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  const list = useFetch(
    () => api.get<{ data: Transaction[] }>(`/v1/preauths?limit=100${q ? `&reference=${encodeURIComponent(q)}` : ''}`),
    live.version,
    q,
  );
  const rows = list.data?.data ?? [];
  return (
    <section class="panel" aria-labelledby="tx-h">
      <h2 id="tx-h">Transactions</h2>
      <label class="search">
        Find by reference
        <input
          type="search"
          value={query}
          placeholder="e.g. room-101"
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      </label>
      {list.error ? <p class="error">{list.error}</p> : null}
      {rows.length === 0 && list.data ? (
        <p>{q ? `No transaction with reference “${q}”.` : 'No transactions yet.'}</p>
      ) : null}
      {rows.length ? (
        <table class="tx">
          <thead>
            <tr>
              <th>When</th>
              <th>Reference</th>
              <th>Terminal</th>
              <th class="num">Amount</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((tx) => (
              <tr key={tx.id} data-tx={tx.id}>
                <td>{ago(tx.created_at, now)}</td>
                <td>
                  <a href={`#/transactions/${tx.id}`}>{tx.reference}</a>
                </td>
                <td>{tx.terminal_id}</td>
                <td class="num">{money(amountOf(tx), tx.currency)}</td>
                <td>
                  <span class={`badge tone-${stateTone(tx.state)}`} data-state={tx.state}>
                    {transactionState(tx.state)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
