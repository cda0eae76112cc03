// The lifecycle in ZVT terms: which command each operation becomes per profile, and what a command's
// end means as an outcome. Pure: built commands are decoded back and compared field by field.
import { describe, expect, it } from 'vitest';
import type { OperationContext } from '../../../bridge/core/connector.js';
import type { CommandSnapshot } from '../../../bridge/terminals/zvt/command-machine.js';
import { decodeMessage, valuesOf } from '../../../bridge/terminals/zvt/message.js';
import { outcomeOf, planCommand } from '../../../bridge/terminals/zvt/operations.js';
import { FEIG_PROFILE, SPEC_PROFILE } from '../../../bridge/terminals/zvt/profile.js';
import { reconcile } from '../../../bridge/terminals/zvt/reconcile.js';

const ctx = (
  kind: OperationContext['kind'],
  amount: number | null,
  authorized: number | null = 5_000,
): OperationContext => ({
  kind,
  transaction: {
    id: 'tx',
    reference: 'r',
    currency: 'EUR',
    amountRequested: 5_000,
    amountAuthorized: authorized,
    providerRef: '0231',
    expiresAt: null,
    providerRefs: { receipt: '0231', trace: '000971', aid: '750071' },
    operator: null,
    createdAt: '2026-01-01T10:00:00.000Z',
  },
  operation: { id: 'op', amount, idempotencyKey: 'k', providerRef: null, createdAt: '2026-01-01T10:00:00.000Z' },
  terminal: { id: 't', currency: 'EUR', settings: {} },
  now: '2026-11-21T00:00:00.000Z',
});

const sent = (c: OperationContext, profile = SPEC_PROFILE) => {
  const plan = planCommand(c, profile);
  if (plan.kind !== 'command') throw new Error(`expected a command, got ${JSON.stringify(plan)}`);
  const m = decodeMessage(plan.apdu);
  return { instr: m.instr, ...valuesOf(m) };
};

describe('planCommand', () => {
  it('preauth is 06 22 with the amount and currency', () => {
    expect(sent(ctx('preauth', 5_000, null))).toMatchObject({ instr: 0x22, amount: 5_000, currencyNumeric: '978' });
  });

  it('adjust extends by the difference, referring to the reservation', () => {
    expect(sent(ctx('adjust', 7_500))).toMatchObject({
      instr: 0x22,
      amount: 2_500,
      receipt: '0231',
      trace: '000971',
      aid: '750071',
    });
  });

  it('adjust to a lower or equal total is refused before anything is sent', () => {
    expect(planCommand(ctx('adjust', 4_000), SPEC_PROFILE)).toMatchObject({
      kind: 'rejected',
      outcome: { code: 'operation_not_supported' },
    });
    expect(planCommand(ctx('adjust', 9_000), FEIG_PROFILE)).toMatchObject({ kind: 'rejected' });
  });

  it('capture books the final amount (06 24), or releases the unused amount (06 23) on a profile without 06 24', () => {
    expect(sent(ctx('capture', 4_000))).toMatchObject({ instr: 0x24, amount: 4_000, receipt: '0231' });
    expect(sent(ctx('capture', 4_000), FEIG_PROFILE)).toMatchObject({
      instr: 0x23,
      amount: 1_000,
      receipt: '0231',
      paymentType: 0x40,
    });
  });

  it('void is a pre-auth reversal (06 25)', () => {
    expect(sent(ctx('void', null))).toMatchObject({ instr: 0x25, receipt: '0231' });
  });

  it('a follow-up without a receipt is refused', () => {
    const c = ctx('capture', 1_000);
    expect(planCommand({ ...c, transaction: { ...c.transaction, providerRefs: {} } }, SPEC_PROFILE)).toMatchObject({
      kind: 'rejected',
    });
  });
});

const snap = (s: Partial<CommandSnapshot>): CommandSnapshot => ({ state: 'failed', receipt: [], ...s });

describe('outcomeOf', () => {
  it('a persisted booking is approved whatever follows, with the references for later', () => {
    const o = outcomeOf(
      ctx('preauth', 5_000, null),
      snap({
        booked: true,
        failure: { kind: 'transport', reason: 'EIO' },
        result: { amount: 5_000, receipt: '0232', trace: '000972', maskedPan: '672559******1234', cardType: 6 },
      }),
    );
    expect(o).toEqual({
      kind: 'approved',
      approval: {
        providerRef: '0232',
        providerRefs: { receipt: '0232', trace: '000972' },
        amountAuthorized: 5_000,
        card: { maskedPan: '672559******1234', brand: 'mastercard', entryMode: 'card_present' },
      },
    });
  });

  it('an issuer decline is declined; abort is cancelled; busy waits; refusal up front is rejected', () => {
    expect(
      outcomeOf(ctx('preauth', 5_000, null), snap({ accepted: true, failure: { kind: 'declined', resultCode: 0x05 } })),
    ).toMatchObject({ kind: 'declined', code: 'card_declined' });
    expect(
      outcomeOf(ctx('preauth', 5_000, null), snap({ accepted: true, failure: { kind: 'declined', resultCode: 0x6c } })),
    ).toMatchObject({ kind: 'rejected', code: 'cancelled' });
    expect(outcomeOf(ctx('capture', 1_000), snap({ failure: { kind: 'refused', resultCode: 0x9c } }))).toMatchObject({
      kind: 'retryable',
      busy: true,
    });
    expect(outcomeOf(ctx('capture', 1_000), snap({ failure: { kind: 'refused', resultCode: 0x83 } }))).toMatchObject({
      kind: 'rejected',
      code: 'operation_not_supported',
    });
  });

  it('a broken line before the terminal took the command on: a preauth fails now, a capture waits for the terminal', () => {
    expect(
      outcomeOf(ctx('preauth', 5_000, null), snap({ failure: { kind: 'transport', reason: 'EIO' } })),
    ).toMatchObject({ kind: 'rejected', code: 'provider_unavailable' });
    expect(outcomeOf(ctx('capture', 1_000), snap({ failure: { kind: 'no_answer', timer: 'T3' } }))).toMatchObject({
      kind: 'retryable',
      notSent: true,
    });
  });

  it('a broken line after it took the command on: nothing stands (the terminal reverses what it could not report)', () => {
    expect(
      outcomeOf(ctx('capture', 1_000), snap({ accepted: true, failure: { kind: 'transport', reason: 'closed' } })),
    ).toMatchObject({ kind: 'rejected', code: 'interrupted' });
  });
});

describe('reconcile', () => {
  const enquiry = (receipt: string) =>
    snap({ accepted: true, failure: { kind: 'declined', resultCode: 0xb8, closing: { resultCode: 0xb8, receipt } } });
  const held = [{ transactionId: 'tx1', reference: 'room-12', receipt: '0231' }];

  it('agrees when the terminal names a hold the store has, or none and the store has none', () => {
    expect(reconcile(enquiry('0231'), held)).toEqual({ kind: 'agree', openAtTerminal: '0231' });
    expect(reconcile(enquiry('FFFF'), [])).toEqual({ kind: 'agree', openAtTerminal: null });
  });

  it('names a reservation the store does not know, and holds the terminal no longer has', () => {
    expect(reconcile(enquiry('0999'), held)).toEqual({ kind: 'unknown_at_terminal', receipt: '0999' });
    expect(reconcile(enquiry('FFFF'), held)).toEqual({ kind: 'missing_at_terminal', held });
  });

  it('reports a terminal that did not answer', () => {
    expect(reconcile(snap({ failure: { kind: 'no_answer', timer: 'T3' } }), held)).toMatchObject({
      kind: 'not_answered',
    });
  });
});
