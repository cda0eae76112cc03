// The one writer of money state: every way an operation ends wipes its card (the sealed copy in the
// row, the clear copy in memory) because it ended; a retry keeps it; a change the state tables do not
// allow is refused with nothing written. Real SQLite, fake clock, a scripted channel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IllegalTransition } from '../../../bridge/engine/state-writer.js';
import type { Decision } from '../../../bridge/engine/decide.js';
import { engineRig, KEYED, type EngineRig } from '../../helpers/engine-rig.js';

let rig: EngineRig;
beforeEach(() => {
  rig = engineRig();
});
afterEach(() => rig.close());

const preauth = (reference = 'r1') =>
  rig.intake.createPreauth({ terminal_id: 't1', amount: 1000, currency: 'EUR', reference, card: KEYED });
const blob = (opId: string) => rig.store.operations.get(opId)!.card_blob;
const lease = { token: 'tok', owner: 'test', pid: process.pid, until: Date.parse('2026-12-02T00:00:00Z') };

describe('the state writer', () => {
  it('seals the card in the operation row at intake, in the same write, and keeps a clear copy in memory', () => {
    const { operation } = preauth();
    expect(blob(operation.id)).toBeInstanceOf(Buffer);
    expect(blob(operation.id)!.toString('latin1')).not.toContain(KEYED.number);
    expect(rig.engine.vault.size).toBe(1);
  });

  const endings: Array<[string, (opId: string, txId: string) => void]> = [
    [
      'a cancel by the POS',
      (_op, tx) => {
        rig.intake.requestCancel(tx);
      },
    ],
    [
      'a wait past the offline queue limit',
      (op) => {
        rig.engine.writer.endUnsent(
          rig.store.operations.get(op)!,
          'queue_expired',
          'waited too long',
          'alert.queue_expired',
        );
      },
    ],
    [
      'an approval',
      (op) => {
        const claimed = rig.engine.writer.claim(op, lease)!;
        rig.engine.writer.apply(claimed.op, 'tok', {
          kind: 'succeed',
          tx: { to: 'authorized', patch: { amount_authorized: 1000 } },
        });
      },
    ],
    [
      'a decline',
      (op) => {
        const claimed = rig.engine.writer.claim(op, lease)!;
        rig.engine.writer.apply(claimed.op, 'tok', {
          kind: 'fail',
          error: { code: 'card_declined', message: 'no' },
          tx: { to: 'declined', patch: {} },
        });
      },
    ],
    [
      'giving up unresolved',
      (op) => {
        const claimed = rig.engine.writer.claim(op, lease)!;
        rig.engine.writer.apply(claimed.op, 'tok', {
          kind: 'unresolved',
          error: { code: 'outcome_unresolved', message: '?' },
          tx: { to: 'unresolved', patch: {} },
        });
      },
    ],
    [
      'a person settling it',
      (op, tx) => {
        const claimed = rig.engine.writer.claim(op, lease)!;
        rig.engine.writer.apply(claimed.op, 'tok', {
          kind: 'retry',
          at: rig.clock.now() + 1000,
          inDoubt: true,
          error: { code: 'outcome_unknown', message: '?' },
          unresolved: true,
        });
        rig.engine.writer.resolveByPerson(tx, { outcome: 'declined', note: 'checked the portal', by: 'manager' });
      },
    ],
  ];

  for (const [how, end] of endings) {
    it(`wipes the card, sealed and in memory, when the operation ends by ${how}`, () => {
      const { operation, transaction } = preauth();
      end(operation.id, transaction.id);
      const op = rig.store.operations.get(operation.id)!;
      expect(['succeeded', 'failed', 'unresolved']).toContain(op.state);
      expect(op.card_blob).toBeNull();
      expect(rig.engine.vault.size).toBe(0);
    });
  }

  it('keeps the card while the operation waits for another attempt', () => {
    const { operation } = preauth();
    const claimed = rig.engine.writer.claim(operation.id, lease)!;
    rig.engine.writer.apply(claimed.op, 'tok', {
      kind: 'retry',
      at: rig.clock.now() + 1000,
      inDoubt: true,
      error: { code: 'outcome_unknown', message: 'timeout' },
    });
    expect(rig.store.operations.get(operation.id)!.state).toBe('queued');
    expect(blob(operation.id)).toBeInstanceOf(Buffer);
    expect(rig.engine.vault.get(operation.id)).toEqual(KEYED);
  });

  it('keeps the clear copy when the write that would end the operation rolls back', () => {
    const { operation } = preauth();
    const claimed = rig.engine.writer.claim(operation.id, lease)!;
    expect(() =>
      rig.store.write(() => {
        rig.engine.writer.apply(claimed.op, 'tok', { kind: 'succeed', tx: { to: 'authorized', patch: {} } });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(rig.store.operations.get(operation.id)!.state).toBe('running');
    expect(blob(operation.id)).toBeInstanceOf(Buffer);
    expect(rig.engine.vault.size).toBe(1);
  });

  it('refuses a change the state tables do not allow, and writes nothing', () => {
    const { operation, transaction } = preauth();
    const queued = rig.store.operations.get(operation.id)!; // never claimed: queued, not running
    const events = rig.store.events.since(0).length;
    const approve: Decision = { kind: 'succeed', tx: { to: 'authorized', patch: {} } };
    expect(() => rig.engine.writer.apply({ ...queued, state: 'succeeded' }, 'tok', approve)).toThrow(IllegalTransition);
    expect(rig.store.operations.get(operation.id)!.state).toBe('queued');
    expect(rig.store.transactions.get(transaction.id)!.state).toBe('pending');
    expect(rig.store.events.since(0)).toHaveLength(events);
    expect(blob(operation.id)).toBeInstanceOf(Buffer);
  });

  it('starts a preauth when it is claimed, and a lease taken by another worker is not claimed twice', () => {
    const { operation, transaction } = preauth();
    expect(rig.engine.writer.claim(operation.id, lease)).toMatchObject({
      op: { state: 'running' },
      tx: { state: 'in_progress' },
    });
    expect(rig.engine.writer.claim(operation.id, { ...lease, token: 'other' })).toBeUndefined();
    expect(rig.store.events.since(0).map((e) => e.type)).toEqual([
      'transaction.created',
      'operation.queued',
      'transaction.state_changed',
      'operation.started',
    ]);
    expect(rig.store.transactions.get(transaction.id)!.state).toBe('in_progress');
  });

  it('lets a hold lapse once, and never one that is no longer authorised', () => {
    const { operation, transaction } = preauth();
    const claimed = rig.engine.writer.claim(operation.id, lease)!;
    rig.engine.writer.apply(claimed.op, 'tok', {
      kind: 'succeed',
      tx: { to: 'authorized', patch: { amount_authorized: 1000 } },
    });
    expect(rig.engine.writer.expireHold(transaction.id)).toBe(true);
    expect(rig.engine.writer.expireHold(transaction.id)).toBe(false);
    expect(rig.store.transactions.get(transaction.id)!.state).toBe('expired');
  });
});
