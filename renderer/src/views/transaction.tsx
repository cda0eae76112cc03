// One transaction: what happened, each operation and who asked for it, each exchange with the provider or
// terminal, the receipt the terminal printed (masked card data only), and Charge / Release while the
// amount is held. #/transactions/<id>/receipt shows its printable receipt.
import { api } from '../api.js';
import { dateTime, money, number } from '../i18n/format.js';
import { cardLabel, errorText, outcomeName, stepName, txStateName } from '../i18n/payment-words.js';
import { txWords as w } from '../i18n/transaction-words.js';
import { useFetch, type Live } from '../live.js';
import type { Attempt, Transaction } from '../types.js';
import { providerName, stateTone } from '../words.js';
import { HoldActions } from './hold-actions.js';
import { ReceiptView } from './receipt.js';

const RECEIPT = /\/receipt$/;

/** Who asked for a step, as staff read it: a person at this window, the POS (its key's name), or posbridge. */
export function byWhom(requestedBy: string | null): string {
  if (!requestedBy) return '—';
  if (requestedBy.startsWith('window:')) return w.byWindow(requestedBy.slice('window:'.length));
  if (requestedBy === 'posbridge') return w.byPosbridge;
  return w.byPos(requestedBy);
}

export function TransactionView({ id, live }: { id: string; live: Live }) {
  // The address of a receipt is the transaction's own with /receipt after it.
  if (RECEIPT.test(id)) return <ReceiptView id={id.replace(RECEIPT, '')} live={live} />;
  return <TransactionPage id={id} live={live} />;
}

function TransactionPage({ id, live }: { id: string; live: Live }) {
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
        <a href="#/transactions">{w.backShort}</a>
      </section>
    );
  const t = tx.data;
  if (!t)
    return (
      <section class="panel">
        <p>{w.loading}</p>
      </section>
    );
  const receipts = t.operations.filter((o) => o.receipt_text);
  const provider = providerName(t.provider);
  return (
    <section class="panel" aria-labelledby="txd-h">
      <a href="#/transactions">{w.back}</a>
      <h2 id="txd-h">
        {t.reference}{' '}
        <span class={`badge tone-${stateTone(t.state)}`} data-state={t.state}>
          {txStateName(t.state)}
        </span>
        <a class="receipt-link" href={`#/transactions/${encodeURIComponent(t.id)}/receipt`} data-receipt-link>
          {w.printReceipt}
        </a>
      </h2>
      <dl class="facts">
        <dt>{w.terminal}</dt>
        <dd>
          {t.terminal_id} ({provider})
        </dd>
        <dt>{w.created}</dt>
        <dd>{dateTime(t.created_at)}</dd>
        <dt>{w.asked}</dt>
        <dd>{money(t.amount_requested, t.currency)}</dd>
        <dt>{w.held}</dt>
        <dd>{money(t.amount_authorized, t.currency)}</dd>
        <dt>{w.charged}</dt>
        <dd>{money(t.amount_captured, t.currency)}</dd>
        <dt>{w.card}</dt>
        <dd>{cardLabel(t.card) ?? '—'}</dd>
        <dt>{w.approval}</dt>
        <dd>{t.auth_code ?? '—'}</dd>
        <dt>{w.holdEnds}</dt>
        <dd>{dateTime(t.expires_at)}</dd>
        {t.error ? (
          <>
            <dt>{w.why}</dt>
            <dd data-why={t.error.code}>
              {errorText(t.error.code)}
              {t.error.message ? (
                <details class="provider-said">
                  <summary>{w.providerSaid(provider)}</summary>
                  <span class="muted">{t.error.message}</span>
                </details>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <HoldActions tx={t} />
      <h3>{w.steps}</h3>
      <table class="ops">
        <thead>
          <tr>
            <th>{w.step}</th>
            <th class="num">{w.amount}</th>
            <th>{w.state}</th>
            <th>{w.by}</th>
            <th>{w.started}</th>
            <th>{w.finished}</th>
            <th>{w.tries}</th>
          </tr>
        </thead>
        <tbody>
          {t.operations.map((o) => (
            <tr key={o.id} data-op={o.kind}>
              <td>{stepName(o.kind)}</td>
              <td class="num">{money(o.amount, t.currency)}</td>
              <td>
                {stepName(o.state)}
                {o.error ? ` — ${errorText(o.error.code)}` : ''}
              </td>
              <td data-by>{byWhom(o.requested_by)}</td>
              <td>{dateTime(o.created_at)}</td>
              <td>{dateTime(o.finished_at)}</td>
              <td>{number(o.attempts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{w.exchanges(provider)}</h3>
      {(attempts.data?.data ?? []).length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <table class="attempts">
          <thead>
            <tr>
              <th>{w.step}</th>
              <th>#</th>
              <th>{w.what}</th>
              <th>{w.at}</th>
              <th>{w.took}</th>
              <th>{w.result}</th>
            </tr>
          </thead>
          <tbody>
            {attempts.data!.data.map((a) => (
              <tr key={`${a.operation_id}-${a.number}-${a.purpose}-${a.started_at}`}>
                <td>{stepName(a.operation_kind)}</td>
                <td>{number(a.number)}</td>
                <td>{a.purpose === 'send' ? w.sent : w.askedHow}</td>
                <td>{dateTime(a.started_at)}</td>
                <td>{a.duration_ms === null ? '—' : w.ms(number(a.duration_ms))}</td>
                <td>{outcomeName(a.outcome)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {receipts.length ? (
        <>
          <h3>{w.receipt}</h3>
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
