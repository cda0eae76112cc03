// The wizard's last, optional step: a minimal hold (one unit of the currency) taken on the new terminal
// and released at once, each step shown as it happens.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Transaction } from '../types.js';
import { testPaymentWords as w } from '../i18n/test-transaction.js';
import { exponentOf, money, plainError, transactionState } from '../words.js';

type Step = { text: string; state: 'running' | 'ok' | 'failed' };
const FINAL_WAIT_MS = 120_000;

const answered = (tx: Transaction) => tx.state !== 'pending' && tx.state !== 'in_progress';
const nothingOpen = (tx: Transaction) => !tx.operations.some((o) => o.state === 'queued' || o.state === 'running');

/** Polls the transaction until `done` holds (or the wait runs out: the caller reports what it found). */
async function waitFor(id: string, done: (tx: Transaction) => boolean): Promise<Transaction> {
  const until = Date.now() + FINAL_WAIT_MS;
  for (;;) {
    const tx = await api.get<Transaction>(`/v1/preauths/${id}`);
    if (done(tx) || Date.now() > until) return tx;
    await new Promise((r) => setTimeout(r, 400));
  }
}

export function TestTransaction({
  terminalId,
  currency,
  onDone,
}: {
  terminalId: string;
  currency: string;
  onDone: () => void;
}) {
  const [steps, setSteps] = useState<Step[]>([]);
  const [busy, setBusy] = useState(false);
  const amount = 10 ** exponentOf(currency);
  const push = (s: Step) => setSteps((all) => [...all, s]);
  const settleLast = (state: Step['state'], text?: string) =>
    setSteps((all) => all.map((s, i) => (i === all.length - 1 ? { text: text ?? s.text, state } : s)));

  const run = async () => {
    setBusy(true);
    setSteps([]);
    try {
      push({ text: w.holding(money(amount, currency)), state: 'running' });
      const created = await api.post<Transaction>(
        '/v1/preauths',
        { terminal_id: terminalId, amount, currency, reference: `pairing-test-${Date.now()}` },
        { prefer: 'respond-async' },
      );
      const held = await waitFor(created.id, answered);
      if (held.state !== 'authorized') {
        settleLast(
          'failed',
          w.notTaken(transactionState(held.state), held.error ? plainError(held.error.code, held.error.message) : ''),
        );
        return;
      }
      settleLast('ok', w.held(money(held.amount_authorized, currency), held.auth_code ?? ''));
      push({ text: w.releasing, state: 'running' });
      await api.post<Transaction>(
        `/v1/preauths/${held.id}/void`,
        { requested_by: 'pairing test' },
        { prefer: 'respond-async' },
      );
      const after = await waitFor(held.id, nothingOpen);
      if (after.state !== 'voided') {
        settleLast('failed', w.notReleased(transactionState(after.state)));
        return;
      }
      settleLast('ok', w.released);
      push({ text: w.works, state: 'ok' });
    } catch (err) {
      settleLast('failed', (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="test-tx">
      <p>{w.intro(money(amount, currency))}</p>
      <ol class="steps" aria-live="polite">
        {steps.map((s, i) => (
          <li key={i} class={`step ${s.state}`} data-step-state={s.state}>
            {s.state === 'running' ? '… ' : s.state === 'ok' ? '✓ ' : '✗ '}
            {s.text}
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" onClick={run} disabled={busy}>
          {steps.length ? w.again : w.run}
        </button>
        <button type="button" class="secondary" onClick={onDone} disabled={busy}>
          {w.finish}
        </button>
      </div>
    </div>
  );
}
