// A lane's payment step over a scripted channel, on a real SQLite file with a fake clock: how an outcome
// becomes state, that the answer and its decision commit together, and the two ways a preauth fails
// unsent before it is claimed (too late for the customer at the counter; provider unreachable).
import { afterEach, describe, expect, it } from 'vitest';
import { Breakers } from '../../../bridge/engine/breakers.js';
import { engineRig, KEYED, type EngineRig } from '../../helpers/engine-rig.js';

let rig: EngineRig;
afterEach(() => rig.close());

const preauth = (reference = 'r1', card: typeof KEYED | null = KEYED) =>
  rig.intake.createPreauth({ terminal_id: 't1', amount: 1000, currency: 'EUR', reference, ...(card ? { card } : {}) });
const op = (id: string) => rig.store.operations.get(id)!;
const tx = (id: string) => rig.store.transactions.get(id)!;
const types = () => rig.store.events.since(0).map((e) => e.type);

describe('a payment step', () => {
  it('turns an approval into an authorised hold: answer, decision, events and card wipe in one commit', async () => {
    rig = engineRig();
    const { operation, transaction } = preauth();
    rig.channel.answer({ kind: 'approved', approval: { providerRef: 'P-1', amountAuthorized: 1000, authCode: 'A1' } });
    const step = rig.paymentStep();
    expect(step.admit(op(operation.id))).toEqual({ kind: 'run' });
    await step.run(op(operation.id));
    expect(tx(transaction.id)).toMatchObject({
      state: 'authorized',
      amount_authorized: 1000,
      provider_ref: 'P-1',
      auth_code: 'A1',
    });
    expect(op(operation.id)).toMatchObject({ state: 'succeeded', card_blob: null });
    expect(rig.store.attempts.forOperation(operation.id)).toMatchObject([
      { outcome_kind: 'approved', applied_at: expect.any(String) },
    ]);
    expect(types()).toEqual([
      'transaction.created',
      'operation.queued',
      'transaction.state_changed',
      'operation.started',
      'operation.succeeded',
      'transaction.state_changed',
    ]);
    expect(rig.channel.steps[0]!.ctx.card).toEqual(KEYED);
  });

  it('takes four SQLite write transactions for a preauth from request to answer, and two syncs to disk', async () => {
    rig = engineRig();
    const commits = { synced: 0, unsynced: 0 };
    const write = rig.store.write.bind(rig.store);
    const writeUnsynced = rig.store.writeUnsynced.bind(rig.store);
    rig.store.write = ((fn) => {
      if (!rig.store.db.inTransaction) commits.synced++;
      return write(fn);
    }) as typeof rig.store.write;
    rig.store.writeUnsynced = ((fn) => {
      if (!rig.store.db.inTransaction) commits.unsynced++;
      return writeUnsynced(fn);
    }) as typeof rig.store.writeUnsynced;
    const syncs = () => (rig.store.db.prepare('SELECT syncs FROM sync_mark').get() as { syncs: number }).syncs;
    const syncsBefore = syncs();
    const { operation } = preauth(); // 1: the transaction, its operation and the sealed card
    rig.channel.answer({ kind: 'approved', approval: { amountAuthorized: 1000 } });
    await rig.paymentStep().run(op(operation.id)); // 2: claim; 3: the attempt before it leaves; 4: answer + decision + card wipe
    expect(commits).toEqual({ synced: 0, unsynced: 4 });
    // Intake, claim and attempt reached the disk in one sync before the attempt went out...
    expect(syncs() - syncsBefore).toBe(1);
    expect(rig.store.awaitingSync).toBe(true);
    // ...and the answer reaches it in the one the reply to the POS waits for (api/synced-replies.ts).
    await rig.store.synced();
    expect(syncs() - syncsBefore).toBe(2);
    expect(op(operation.id)).toMatchObject({ state: 'succeeded', card_blob: null });
  });

  it('keeps an unknown outcome in doubt, with its card, and resolves it at the next step', async () => {
    rig = engineRig();
    const { operation, transaction } = preauth();
    rig.channel.answer(
      { kind: 'unknown', reason: 'timeout after sending' },
      { kind: 'approved', approval: { amountAuthorized: 1000 } },
    );
    const step = rig.paymentStep();
    await step.run(op(operation.id));
    expect(op(operation.id)).toMatchObject({ state: 'queued', in_doubt: 1 });
    expect(op(operation.id).card_blob).not.toBeNull();
    expect(tx(transaction.id).state).toBe('in_progress');
    rig.clock.advance(2_000);
    await step.run(op(operation.id));
    expect(rig.channel.steps[1]!.op.in_doubt).toBe(1);
    expect(tx(transaction.id).state).toBe('authorized');
    expect(op(operation.id).card_blob).toBeNull();
  });

  it('leaves neither the answer nor its decision when the decision cannot be written', async () => {
    rig = engineRig();
    const { operation, transaction } = preauth();
    rig.channel.answer({ kind: 'approved', approval: { amountAuthorized: 1000 } });
    const step = rig.paymentStep();
    const claimedOp = op(operation.id);
    // Someone settles the transaction while the request is out: the approval's decision no longer fits.
    const original = rig.channel.step.bind(rig.channel);
    rig.channel.step = async (o, c) => {
      const r = await original(o, c);
      rig.store.db.prepare(`UPDATE transactions SET state = 'failed' WHERE id = ?`).run(transaction.id);
      return r;
    };
    await expect(step.run(claimedOp)).rejects.toThrow();
    expect(rig.store.attempts.forOperation(operation.id)).toMatchObject([
      { outcome_kind: 'interrupted', applied_at: null },
    ]);
    expect(op(operation.id)).toMatchObject({ state: 'queued', in_doubt: 1 });
    expect(op(operation.id).card_blob).not.toBeNull();
  });

  it('fails a card-present preauth that waited too long for the counter, never sending it', () => {
    rig = engineRig({ caps: { cardPresence: 'card_present' }, cardPresentStartMs: 30_000 });
    const { operation, transaction } = preauth('r1', null);
    rig.clock.advance(31_000);
    expect(rig.paymentStep().admit(op(operation.id))).toEqual({ kind: 'settled' });
    expect(tx(transaction.id)).toMatchObject({ state: 'failed', error_code: 'terminal_busy' });
    expect(rig.channel.steps).toHaveLength(0);
  });

  it('holds a keyed operation while its provider is unreachable, and fails a card-present one at once', () => {
    rig = engineRig();
    const breakers = new Breakers(rig.clock, { threshold: 1, backoff: { baseMs: 10_000, maxMs: 60_000 } });
    breakers.record('scripted', 'unreachable', 'connection refused');
    const keyed = preauth();
    const step = rig.paymentStep({ breakers });
    const admission = step.admit(op(keyed.operation.id));
    expect(admission).toEqual({ kind: 'wait', until: breakers.retryAt('scripted') });
    expect(op(keyed.operation.id).queued_reason).toBe('provider_unreachable');
    expect(op(keyed.operation.id).card_blob).not.toBeNull();
    rig.close();

    rig = engineRig({ caps: { cardPresence: 'card_present' } });
    const present = preauth('r2', null);
    const breakers2 = new Breakers(rig.clock, { threshold: 1, backoff: { baseMs: 10_000, maxMs: 60_000 } });
    breakers2.record('scripted', 'unreachable', 'connection refused');
    expect(rig.paymentStep({ breakers: breakers2 }).admit(op(present.operation.id))).toEqual({ kind: 'settled' });
    expect(tx(present.transaction.id)).toMatchObject({ state: 'failed', error_code: 'provider_unavailable' });
  });
});
