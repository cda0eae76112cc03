// A transaction's receipt, to print with the browser's own print dialog (#/transactions/<id>/receipt).
// The print stylesheet leaves only the receipt on paper: no headline, no navigation, no buttons.
import { api } from '../api.js';
import { buildReceipt, type Merchant } from '../receipt.js';
import { receiptWords as w } from '../i18n/receipt-words.js';
import { txWords } from '../i18n/transaction-words.js';
import { useFetch, type Live } from '../live.js';
import type { Terminal, Transaction } from '../types.js';
import '../styles/receipt.css';

export function ReceiptView({ id, live }: { id: string; live: Live }) {
  const path = `/v1/preauths/${encodeURIComponent(id)}`;
  const tx = useFetch(() => api.get<Transaction>(path), live.version, id);
  const merchant = useFetch(() => api.get<Merchant>('/v1/merchant'), 0);
  const terminals = useFetch(() => api.get<{ data: Terminal[] }>('/v1/terminals'), 0);
  const back = (
    <a class="no-print" href={`#/transactions/${encodeURIComponent(id)}`}>
      {w.back}
    </a>
  );
  if (tx.error)
    return (
      <section class="panel">
        <p class="error">{tx.error}</p>
        {back}
      </section>
    );
  if (!tx.data || !merchant.data)
    return (
      <section class="panel">
        <p>{txWords.loading}</p>
      </section>
    );
  const t = tx.data;
  const name = terminals.data?.data.find((x) => x.id === t.terminal_id)?.name;
  const receipt = buildReceipt(t, merchant.data, name);
  return (
    <section class="panel receipt-page" aria-labelledby="receipt-h">
      {back}
      <h2 id="receipt-h" class="no-print">
        {w.title} — {t.reference}
      </h2>
      <div class="no-print receipt-tools">
        <button type="button" data-print onClick={() => window.print()}>
          {w.print}
        </button>
        {receipt.kind === 'terminal' ? <span class="muted">{w.fromTerminal}</span> : null}
      </div>
      <article class="receipt-paper" data-receipt={receipt.kind}>
        {receipt.kind === 'terminal' ? (
          receipt.slips.map((s, i) => (
            <pre key={i} class="receipt-slip">
              {s}
            </pre>
          ))
        ) : (
          <>
            {receipt.merchant.length ? (
              <header class="receipt-merchant">
                {receipt.merchant.map((l, i) => (
                  <div key={i} class={i === 0 ? 'receipt-name' : undefined}>
                    {l}
                  </div>
                ))}
              </header>
            ) : null}
            <h3 class="receipt-title">{receipt.title}</h3>
            <dl class="receipt-rows">
              {receipt.rows.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </article>
    </section>
  );
}
