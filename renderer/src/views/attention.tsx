// Charges and releases that failed after the POS was answered "under way" (GET /v1/attention), for the
// Needs attention panel: each with what happened in words, what to do, and a link to the payment.
import { api } from '../api.js';
import { money } from '../i18n/format.js';
import { attentionWords as w } from '../i18n/receipt-words.js';
import { useFetch, type Live } from '../live.js';
import { providerName } from '../words.js';

export interface FailedFollowUp {
  transaction_id: string;
  kind: 'capture' | 'void';
  amount: number | null;
  currency: string;
  reference: string;
  terminal_id: string;
  provider: string;
  transaction_state: string;
}

export function useFailedFollowUps(live: Live): FailedFollowUp[] {
  const got = useFetch(() => api.get<{ data: FailedFollowUp[] }>('/v1/attention'), live.version);
  return got.data?.data ?? [];
}

export function FailedFollowUpItems({ items }: { items: readonly FailedFollowUp[] }) {
  return (
    <>
      {items.map((a) => (
        <li key={a.transaction_id} class="alert down" data-alert="failed-after-answer">
          <div>
            <strong>
              {a.kind === 'capture'
                ? w.chargeFailed(money(a.amount, a.currency), a.terminal_id, a.reference)
                : w.releaseFailed(a.terminal_id, a.reference)}
            </strong>
          </div>
          <div class="muted">
            {a.transaction_state === 'authorized'
              ? w.stillHeld(providerName(a.provider))
              : w.notHeld(providerName(a.provider))}
          </div>
          <a href={`#/transactions/${encodeURIComponent(a.transaction_id)}`}>{w.open}</a>
        </li>
      ))}
    </>
  );
}
