// At start, each ZVT terminal is asked which pre-authorisations it holds open, and the answer is set
// against the store. Agreement is recorded; a difference raises an alert for a person, never a silent fix:
// the store records only what the terminal confirmed, so a difference means something happened outside.
import type { Logger } from '../../logging.js';
import type { Store } from '../../store/store.js';
import { openPreauthEnquiry } from './commands.js';
import { zvtSettings } from './config.js';
import type { ZvtDriver } from './driver.js';
import { reconcile, type Reconciliation } from './reconcile.js';

export async function reconcileZvtTerminal(
  store: Store,
  driver: ZvtDriver,
  terminalId: string,
): Promise<Reconciliation | undefined> {
  const t = store.terminals.get(terminalId);
  if (!t?.enabled || t.provider !== 'zvt') return undefined;
  // Held: authorised holds. A preauth whose result was persisted before a crash but not applied is not
  // counted: its lane asks the terminal about it before applying it (step.ts), and settles it either way.
  const held = store.transactions
    .list({ terminalId, state: 'authorized', limit: 1_000 })
    .map((x) => ({ transactionId: x.id, reference: x.reference, receipt: x.provider_ref }));
  let result: Reconciliation;
  try {
    const snap = await driver.run(
      terminalId,
      zvtSettings(JSON.parse(t.settings_json) as Record<string, unknown>).transport,
      openPreauthEnquiry(),
      { persist: () => {} },
    );
    result = reconcile(snap, held);
  } catch (err) {
    result = { kind: 'not_answered', reason: (err as Error).message };
  }
  store.write((w) => {
    w.emit({ type: 'terminal.reconciled', terminalId, data: { ...result, held_in_store: held.length } });
    if (result.kind === 'unknown_at_terminal') {
      w.emit({
        type: 'alert.terminal_reservation_unknown',
        terminalId,
        data: {
          receipt: result.receipt,
          message: `Terminal ${terminalId} holds an open reservation (receipt ${result.receipt}) that posbridge has no record of; release it at the terminal or settle it with the card holder`,
        },
      });
    } else if (result.kind === 'missing_at_terminal') {
      w.emit({
        type: 'alert.terminal_reservations_missing',
        terminalId,
        data: {
          references: result.held.map((h) => h.reference),
          message: `posbridge holds ${result.held.length} authorised reservation(s) on ${terminalId} that the terminal reports as not open (reversed by the terminal, or a swapped terminal); check before capturing`,
        },
      });
    }
  });
  return result;
}

/** Reconciles every ZVT terminal; one that cannot be reached is recorded as not answered (and shows offline). */
export function reconcileAllZvt(store: Store, driver: ZvtDriver, log: Logger): Promise<void> {
  const ids = store.terminals
    .list()
    .filter((t) => t.enabled && t.provider === 'zvt')
    .map((t) => t.id);
  return Promise.all(
    ids.map((id) =>
      reconcileZvtTerminal(store, driver, id).catch((err: unknown) => {
        log.warn({ err, terminal: id }, 'ZVT reconciliation failed');
      }),
    ),
  ).then(() => undefined);
}
