// One step of one operation on a ZVT terminal. The terminal's 04 0F result is written to SQLite (as the
// attempt's answer) before the terminal hears it was received: that acknowledgement makes the booking
// final, and without it the terminal reverses the booking on its own. So after a crash a persisted
// result stands (it is applied like any recorded answer, see step-result.ts), and a command whose
// result was never persisted did not take effect.
import type { Outcome } from '../core/outcome.js';
import type { OperationContext } from '../providers/types.js';
import type { OperationRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { CrashPoint } from './crash-points.js';
import { recordedAnswer, type StepResult } from './step-result.js';
import { zvtSettings } from '../terminals/zvt/config.js';
import { TerminalOffline, type ZvtDriver } from '../terminals/zvt/driver.js';
import type { ZvtValues } from '../terminals/zvt/message.js';
import { approvalOf, outcomeOf, planCommand, unreachable } from '../terminals/zvt/operations.js';
import { PROFILES, SPEC_PROFILE } from '../terminals/zvt/profile.js';

export interface ZvtStepDeps {
  readonly store: Store;
  readonly driver: ZvtDriver;
  readonly crash?: (point: CrashPoint) => void;
}

/** The fields of a result worth keeping as evidence: what the terminal booked, never more than a masked PAN. */
function evidence(r: ZvtValues): Record<string, unknown> {
  const { tlv: _tlv, tlvError: _err, ...plain } = r;
  return plain;
}

export async function runZvtStep(deps: ZvtStepDeps, op: OperationRow, ctx: OperationContext, signal?: AbortSignal): Promise<StepResult> {
  const { store, driver } = deps;
  const recorded = recordedAnswer(store, op.id);
  if (recorded) return recorded;
  if (op.in_doubt && op.kind === 'preauth') {
    // The customer stood at the counter then; the terminal reversed what it could not report.
    return { outcome: { kind: 'rejected', code: 'interrupted', message: 'posbridge stopped while the terminal ran the pre-authorisation; the terminal reverses a reservation it could not report, so nothing is held. Ask again with a new reference.', fieldErrors: [] } };
  }
  const settings = zvtSettings(ctx.terminal.settings);
  const plan = planCommand(ctx, PROFILES[settings.profile] ?? SPEC_PROFILE);
  if (plan.kind === 'rejected') return { outcome: plan.outcome };

  const started = store.clock.now();
  const attemptId = store.write((w) => store.attempts.start(op.id, op.attempts, 'send', { command: plan.name, apdu: plan.apdu.toString('hex') }, w.at));
  deps.crash?.('attempt_started');
  const refs = { transactionId: op.transaction_id, operationId: op.id, terminalId: op.terminal_id };
  const receipt: string[] = [];
  const onAbort = () => { void driver.abort(op.terminal_id).catch(() => undefined); };
  signal?.addEventListener('abort', onAbort, { once: true });
  // The booked result, once persisted: it stands whatever the rest of the exchange does.
  let booked: Outcome | undefined;
  try {
    const snap = await driver.run(op.terminal_id, settings.transport, plan.apdu, {
      persist: (result) => {
        const approved: Outcome = { kind: 'approved', approval: approvalOf(ctx, result) };
        store.write((w) => {
          // Unapplied: it must be on disk before the terminal hears it was received, and the decision
          // comes only after the terminal's closing message.
          store.attempts.finish(attemptId, { status: 0x0f, body: evidence(result), outcomeKind: 'approved', outcome: approved }, w.at, w.now - started, false);
          w.emit({ type: 'terminal.booked', ...refs, data: { kind: op.kind, receipt: result.receipt ?? null, amount: result.amount ?? null } });
        });
        booked = approved;
        deps.crash?.('answer_recorded');
      },
      status: (code, text) => {
        store.write((w) => { w.emit({ type: 'terminal.display', ...refs, data: { code, text: text ?? null } }); });
      },
      print: (line) => { receipt.push(line); },
    });
    deps.crash?.('answer_received');
    const computed = outcomeOf(ctx, snap);
    const outcome = booked && computed.kind !== 'approved' ? booked : computed;
    return {
      outcome,
      record: (at, now) => {
        if (booked) store.attempts.markApplied(attemptId, at);
        else store.attempts.finish(attemptId, { status: snap.result ? 0x0f : null, body: { state: snap.state, ...(snap.failure ? { failure: { ...snap.failure, result: undefined, closing: undefined } } : {}), ...(snap.result ? { result: evidence(snap.result) } : {}) }, outcomeKind: outcome.kind, outcome }, at, now - started);
        if (receipt.length) store.operations.setReceipt(op.id, receipt.join('\n'));
      },
    };
  } catch (err) {
    if (!(err instanceof TerminalOffline)) throw err;
    if (booked) return { outcome: booked, record: (at) => store.attempts.markApplied(attemptId, at) };
    const outcome = unreachable(ctx, err.message);
    return { outcome, record: (at, now) => store.attempts.finish(attemptId, { status: null, body: { transport: err.message }, outcomeKind: outcome.kind, outcome }, at, now - started) };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
