// One step of one operation on a ZVT terminal. The terminal's 04 0F result is written to SQLite (as the
// attempt's answer) before the terminal hears it was received: that acknowledgement makes the booking
// final, and without it the terminal reverses the booking on its own. So after a crash a persisted
// result is checked with the terminal (the open pre-auth enquiry) before it is applied, and a command
// whose result was never persisted did not take effect.
import type { StepOperation, StepPoint, StepResult } from '../../core/channel.js';
import type { Outcome } from '../../core/outcome.js';
import type { OperationContext } from '../../core/connector.js';
import { recordedAnswer } from '../../store/recorded-answer.js';
import type { Store } from '../../store/store.js';
import { zvtSettings } from './config.js';
import { TerminalOffline, type ZvtDriver } from './driver.js';
import type { ZvtValues } from './message.js';
import { openPreauthEnquiry } from './commands.js';
import { approvalOf, outcomeOf, planCommand, unreachable } from './operations.js';
import { checkRecordedBooking } from './reconcile.js';
import { PROFILES, SPEC_PROFILE } from './profile.js';

export interface ZvtStepDeps {
  readonly store: Store;
  readonly driver: ZvtDriver;
  readonly crash?: (point: StepPoint) => void;
}

/** The fields of a result worth keeping as evidence: what the terminal booked, never more than a masked PAN. */
function evidence(r: ZvtValues): Record<string, unknown> {
  const { tlv: _tlv, tlvError: _err, ...plain } = r;
  return plain;
}

/** Whether a persisted but unapplied booking still stands at the terminal; the answer is applied accordingly. */
async function confirmRecorded(
  deps: ZvtStepDeps,
  op: StepOperation,
  ctx: OperationContext,
  recorded: StepResult,
): Promise<StepResult> {
  if (recorded.outcome.kind !== 'approved') return recorded;
  const receipt = op.kind === 'preauth' ? (recorded.outcome.approval.providerRef ?? null) : ctx.transaction.providerRef;
  const settings = zvtSettings(ctx.terminal.settings);
  let check;
  try {
    check = checkRecordedBooking(
      op.kind,
      receipt,
      await deps.driver.run(op.terminal_id, settings.transport, openPreauthEnquiry(), { persist: () => {} }),
    );
  } catch (err) {
    check = { error: (err as Error).message };
  }
  // Not answered: ask again later; the recorded answer stays unapplied until the terminal says.
  if (typeof check === 'object')
    return {
      outcome: {
        kind: 'unknown',
        reason: `the terminal could not confirm a booking it reported before posbridge stopped: ${check.error}`,
      },
    };
  if (check !== 'taken_back') return recorded; // stands, or the enquiry cannot tell: the terminal did report it
  const marked = recorded.record;
  return op.kind === 'preauth'
    ? {
        outcome: {
          kind: 'rejected',
          code: 'interrupted',
          message:
            'posbridge stopped before it acknowledged the reservation, so the terminal took it back; nothing is held. Ask again with a new reference.',
          fieldErrors: [],
        },
        ...(marked ? { record: marked } : {}),
      }
    : // Undone at the terminal, so it may run again: the hold is as it was.
      {
        outcome: {
          kind: 'retryable',
          notSent: true,
          reason: `the terminal took the ${op.kind} back (posbridge stopped before acknowledging it); sending it again`,
        },
        ...(marked ? { record: marked } : {}),
      };
}

export async function runZvtStep(
  deps: ZvtStepDeps,
  op: StepOperation,
  ctx: OperationContext,
  signal?: AbortSignal,
): Promise<StepResult> {
  const { store, driver } = deps;
  const recorded = recordedAnswer(store, op.id);
  if (recorded) return confirmRecorded(deps, op, ctx, recorded);
  if (op.in_doubt && op.kind === 'preauth') {
    // The customer stood at the counter then; the terminal reversed what it could not report.
    return {
      outcome: {
        kind: 'rejected',
        code: 'interrupted',
        message:
          'posbridge stopped while the terminal ran the pre-authorisation; the terminal reverses a reservation it could not report, so nothing is held. Ask again with a new reference.',
        fieldErrors: [],
      },
    };
  }
  const settings = zvtSettings(ctx.terminal.settings);
  const plan = planCommand(ctx, PROFILES[settings.profile] ?? SPEC_PROFILE);
  if (plan.kind === 'rejected') return { outcome: plan.outcome };

  const started = store.clock.now();
  const attemptId = store.write((w) =>
    store.attempts.start(op.id, op.attempts, 'send', { command: plan.name, apdu: plan.apdu.toString('hex') }, w.at),
  );
  deps.crash?.('attempt_started');
  const refs = { transactionId: op.transaction_id, operationId: op.id, terminalId: op.terminal_id };
  const receipt: string[] = [];
  const onAbort = () => {
    void driver.abort(op.terminal_id).catch(() => undefined);
  };
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
          store.attempts.finish(
            attemptId,
            { status: 0x0f, body: evidence(result), outcomeKind: 'approved', outcome: approved },
            w.at,
            w.now - started,
            false,
          );
          w.emit({
            type: 'terminal.booked',
            ...refs,
            data: { kind: op.kind, receipt: result.receipt ?? null, amount: result.amount ?? null },
          });
        });
        booked = approved;
        deps.crash?.('answer_recorded');
      },
      status: (code, text) => {
        store.write((w) => {
          w.emit({ type: 'terminal.display', ...refs, data: { code, text: text ?? null } });
        });
      },
      print: (line) => {
        receipt.push(line);
      },
    });
    deps.crash?.('answer_received');
    const computed = outcomeOf(ctx, snap);
    const outcome = booked && computed.kind !== 'approved' ? booked : computed;
    return {
      outcome,
      record: (at, now, applied = true) => {
        if (booked) {
          if (applied) store.attempts.markApplied(attemptId, at);
        } else
          store.attempts.finish(
            attemptId,
            {
              status: snap.result ? 0x0f : null,
              body: {
                state: snap.state,
                ...(snap.failure ? { failure: { ...snap.failure, result: undefined, closing: undefined } } : {}),
                ...(snap.result ? { result: evidence(snap.result) } : {}),
              },
              outcomeKind: outcome.kind,
              outcome,
            },
            at,
            now - started,
            applied,
          );
        if (receipt.length) store.operations.setReceipt(op.id, receipt.join('\n'));
      },
    };
  } catch (err) {
    if (!(err instanceof TerminalOffline)) throw err;
    if (booked)
      return {
        outcome: booked,
        record: (at, _now, applied = true) => {
          if (applied) store.attempts.markApplied(attemptId, at);
        },
      };
    const outcome = unreachable(ctx, err.message);
    return {
      outcome,
      record: (at, now, applied) =>
        store.attempts.finish(
          attemptId,
          { status: null, body: { transport: err.message }, outcomeKind: outcome.kind, outcome },
          at,
          now - started,
          applied,
        ),
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
