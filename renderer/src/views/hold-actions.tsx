// Charge (capture, all or part) and Release (void) of a hold, from its page. Each opens a confirmation
// that names the amount and the card and asks who is doing it (the window has no accounts). One
// Idempotency-Key per confirmation: a second click, or the same confirmation sent again, charges once.
// The result is told as it is: done, refused, or sent with the answer to follow — never done while unknown.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { amountText, parseAmount } from '../amount-input.js';
import { money } from '../i18n/format.js';
import { cardLabel, errorText } from '../i18n/payment-words.js';
import { actionWords as w } from '../i18n/transaction-words.js';
import type { Operation, Transaction } from '../types.js';
import '../styles/hold-actions.css';

type Kind = 'capture' | 'void';

interface Sent {
  readonly kind: Kind;
  readonly amount: number | null;
  readonly op?: Operation;
  readonly error?: string;
  /** The operations the payment had when the confirmation opened: one more of its kind is this one. */
  readonly before: ReadonlySet<string>;
}

const FINAL = new Set(['succeeded', 'failed', 'unresolved']);
const CORRECTABLE = new Set(['requested_by_required', 'validation_failed', 'amount_exceeds_authorized']);
/** No answer, or one that does not say whether anything was written: neither done nor refused. */
const NO_ANSWER = new Set(['daemon_unreachable', 'internal_error', 'error', 'other']);

function Outcome({ sent, tx }: { sent: Sent; tx: Transaction }) {
  if (sent.error && NO_ANSWER.has(sent.error))
    return (
      <p class="hold-result unknown" role="status" data-result="no-answer">
        {w.noAnswer}
      </p>
    );
  if (sent.error)
    return (
      <p class="hold-result refused" role="alert" data-result="refused">
        {w.refused(errorText(sent.error))}
      </p>
    );
  // The page's copy is refetched on every event; the answer to the POST may be newer than it.
  const live = tx.operations.find((o) => o.id === sent.op?.id);
  const op = live && (FINAL.has(live.state) || !FINAL.has(sent.op?.state ?? '')) ? live : sent.op;
  const state = op?.state ?? 'queued';
  if (state === 'succeeded')
    return (
      <p class="hold-result done" role="status" data-result="done">
        {sent.kind === 'capture' ? w.doneCharge(money(op?.amount ?? sent.amount, tx.currency)) : w.doneRelease}
      </p>
    );
  if (state === 'failed')
    return (
      <p class="hold-result refused" role="alert" data-result="refused">
        {w.refused(errorText(op?.error?.code ?? 'other'))}
      </p>
    );
  if (state === 'unresolved' || op?.in_doubt)
    return (
      <p class="hold-result unknown" role="status" data-result="unknown">
        {w.unknown}
      </p>
    );
  return (
    <p class="hold-result pending" role="status" data-result="pending">
      {w.pending}
    </p>
  );
}

export function HoldActions({ tx }: { tx: Transaction }) {
  const held = tx.amount_authorized ?? 0;
  const [kind, setKind] = useState<Kind>();
  const [amount, setAmount] = useState('');
  const [who, setWho] = useState('');
  const [key, setKey] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<Sent>();
  const [before, setBefore] = useState<ReadonlySet<string>>(new Set());
  const open = tx.operations.some((o) => o.state === 'queued' || o.state === 'running');
  const canAct = tx.state === 'authorized' && !open && held > 0;

  const start = (k: Kind) => {
    setKind(k);
    setAmount(amountText(held, tx.currency));
    setKey(crypto.randomUUID());
    setBefore(new Set(tx.operations.map((o) => o.id)));
    setSent(undefined);
  };
  const minor = kind === 'capture' ? parseAmount(amount, tx.currency) : held;
  const problem =
    kind !== 'capture'
      ? undefined
      : minor === undefined || minor <= 0
        ? w.amountZero
        : minor > held
          ? w.amountTooHigh(money(held, tx.currency))
          : undefined;
  const card = cardLabel(tx.card);
  const shown = money(minor ?? held, tx.currency);
  const question =
    kind === 'capture'
      ? card
        ? w.confirmCharge(shown, card)
        : w.confirmChargeNoCard(shown)
      : card
        ? w.confirmRelease(shown, card)
        : w.confirmReleaseNoCard(shown);

  const confirm = async (e: Event) => {
    e.preventDefault();
    if (sending || !kind || problem || !who.trim()) return;
    setSending(true);
    const body = kind === 'capture' ? { amount: minor, requested_by: who.trim() } : { requested_by: who.trim() };
    try {
      const answer = await api.post<Transaction>(`/v1/preauths/${encodeURIComponent(tx.id)}/${kind}`, body, {
        'idempotency-key': key,
        // A few seconds for a quick answer; past them the page says so and follows the event stream.
        prefer: 'wait=3',
      });
      const op = answer.operations.filter((o) => o.kind === kind).at(-1);
      setSent({ kind, amount: minor ?? null, before, ...(op ? { op } : {}) });
      setKind(undefined);
    } catch (err) {
      // Refused before anything was written (bad input), or refused by the provider: said in words.
      const code = err instanceof ApiError ? err.code : 'other';
      setSent({ kind, amount: minor ?? null, error: code, before });
      // What was typed can be corrected in the same confirmation, and without an answer the same
      // confirmation (its Idempotency-Key) is sent again; anything else ends it.
      if (!CORRECTABLE.has(code) && !NO_ANSWER.has(code)) setKind(undefined);
    } finally {
      setSending(false);
    }
  };

  // Without an answer, the event stream may still show that it was made: then it is this confirmation's.
  const arrived =
    sent?.error && NO_ANSWER.has(sent.error)
      ? tx.operations.find((o) => o.kind === sent.kind && !sent.before.has(o.id))
      : undefined;
  const told = arrived && sent ? { kind: sent.kind, amount: sent.amount, op: arrived, before: sent.before } : sent;
  const confirming = kind !== undefined && !arrived;
  return (
    <section class="hold-actions" aria-labelledby="hold-actions-h">
      {told ? <Outcome sent={told} tx={tx} /> : null}
      {canAct && !confirming ? (
        <>
          <h3 id="hold-actions-h">{w.heading}</h3>
          <div class="hold-buttons">
            <button type="button" data-action="capture" onClick={() => start('capture')}>
              {w.charge}
            </button>
            <button type="button" class="secondary" data-action="void" onClick={() => start('void')}>
              {w.release}
            </button>
          </div>
        </>
      ) : null}
      {confirming ? (
        <div class="hold-confirm" role="dialog" aria-modal="true" aria-labelledby="hold-q">
          <form onSubmit={confirm}>
            <p id="hold-q" class="hold-question" data-question>
              {question}
            </p>
            <p class="muted">{kind === 'capture' ? w.chargeNote : w.releaseNote}</p>
            {kind === 'capture' ? (
              <label>
                {w.amountLabel(money(held, tx.currency))}
                <input
                  name="amount"
                  inputMode="decimal"
                  value={amount}
                  required
                  aria-invalid={problem ? 'true' : 'false'}
                  onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
                />
              </label>
            ) : null}
            {problem ? (
              <p class="error" role="alert">
                {problem}
              </p>
            ) : null}
            <label>
              {w.who}
              <input
                name="requested_by"
                value={who}
                required
                maxLength={60}
                autoComplete="off"
                onInput={(e) => setWho((e.target as HTMLInputElement).value)}
              />
            </label>
            <div class="hold-buttons">
              <button type="submit" data-confirm disabled={sending || !!problem || !who.trim()}>
                {sending ? w.sending : kind === 'capture' ? w.yesCharge(shown) : w.yesRelease}
              </button>
              <button type="button" class="secondary" disabled={sending} onClick={() => setKind(undefined)}>
                {w.goBack}
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </section>
  );
}
