// Intake on its narrow dependencies (a real SQLite file, fake clock, scripted channel): a request is a
// transaction and an operation written at once, a repeat writes nothing, a refusal writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../bridge/core/errors.js';
import { engineRig, KEYED, type EngineRig } from '../../helpers/engine-rig.js';

let rig: EngineRig;
beforeEach(() => {
  rig = engineRig();
});
afterEach(() => rig.close());

const body = (over: Record<string, unknown> = {}) => ({
  terminal_id: 't1',
  amount: 1000,
  currency: 'EUR',
  reference: 'r1',
  card: KEYED,
  ...over,
});
const counts = () => ({
  tx: rig.store.db.prepare('SELECT COUNT(*) FROM transactions').pluck().get(),
  ops: rig.store.db.prepare('SELECT COUNT(*) FROM operations').pluck().get(),
  events: rig.store.events.since(0).length,
});
const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as BridgeError).code;
  }
  return 'no error';
};

describe('intake', () => {
  it('writes a transaction and its operation, then wakes the lane once', () => {
    const a = rig.intake.createPreauth(body());
    expect(a.created).toBe(true);
    expect(a.transaction.state).toBe('pending');
    expect(a.operation).toMatchObject({ kind: 'preauth', state: 'queued', amount: 1000 });
    expect(rig.woken).toEqual(['t1']);
  });

  it('returns the same transaction for a repeat and writes nothing', () => {
    const a = rig.intake.createPreauth(body());
    const before = counts();
    const b = rig.intake.createPreauth(body());
    expect(b).toMatchObject({ created: false, transaction: { id: a.transaction.id } });
    expect(counts()).toEqual(before);
    expect(rig.woken).toEqual(['t1']);
  });

  it('refuses, with nothing written: a reused reference, a bad card, a pause, an unknown terminal', () => {
    rig.intake.createPreauth(body());
    const before = counts();
    expect(code(() => rig.intake.createPreauth(body({ amount: 2000 })))).toBe('reference_conflict');
    expect(
      code(() => rig.intake.createPreauth(body({ reference: 'r2', card: { ...KEYED, number: '4111111111111112' } }))),
    ).toBe('validation_failed');
    expect(code(() => rig.intake.createPreauth(body({ reference: 'r3', terminal_id: 'nope' })))).toBe(
      'unknown_terminal',
    );
    rig.intake.setPaused(true, 'manager');
    const paused = counts();
    expect(code(() => rig.intake.createPreauth(body({ reference: 'r4' })))).toBe('paused');
    expect(counts()).toEqual(paused);
    expect({ ...paused, events: before.events }).toEqual(before); // only the pause event was added
  });

  it('refuses a follow-up while the preauth is open, or on a transaction that does not exist', () => {
    const a = rig.intake.createPreauth(body());
    expect(code(() => rig.intake.requestFollowUp(a.transaction.id, 'capture', 500, undefined))).toBe(
      'operation_in_progress',
    );
    expect(code(() => rig.intake.requestFollowUp('missing', 'void', undefined, undefined))).toBe('not_found');
  });

  it('cancels a preauth never sent at once, and says so', () => {
    const a = rig.intake.createPreauth(body());
    const c = rig.intake.requestCancel(a.transaction.id);
    expect(c.local).toBe(true);
    expect(rig.store.transactions.get(a.transaction.id)).toMatchObject({ state: 'failed', error_code: 'cancelled' });
    expect(code(() => rig.intake.requestCancel(a.transaction.id))).toBe('invalid_state');
  });
});
