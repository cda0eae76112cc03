// A charge answered 202 ("under way") is noted as answered open, so a later failure is listed under Needs
// attention. The note rides on the sync the 202 itself waits for (synced-replies.ts): no synced commit of
// its own on every charge and release, yet on disk before the caller hears the answer.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { noteAnsweredOpen } from '../../../bridge/api/answered-open.js';
import type { ApiContext } from '../../../bridge/api/context.js';
import { engineRig, KEYED, type EngineRig } from '../../helpers/engine-rig.js';

let rig: EngineRig;
afterEach(() => rig.close());

describe('noting a charge answered "under way"', () => {
  it('commits unsynced, and the shared sync the answer waits for puts it on disk', async () => {
    rig = engineRig();
    const { operation } = rig.intake.createPreauth({
      terminal_id: 't1',
      amount: 1000,
      currency: 'EUR',
      reference: 'r',
      card: KEYED,
    });
    rig.channel.answer({ kind: 'approved', approval: { amountAuthorized: 1000 } });
    await rig.paymentStep().run(rig.store.operations.get(operation.id)!);
    const capture = rig.intake.requestFollowUp(operation.transaction_id, 'capture', 600, undefined).operation;
    await rig.store.synced();

    let synced = 0;
    const write = rig.store.write.bind(rig.store);
    rig.store.write = ((fn) => {
      synced++;
      return write(fn);
    }) as typeof rig.store.write;
    const request = { log: { warn: () => undefined } } as unknown as FastifyRequest;
    noteAnsweredOpen({ store: rig.store } as ApiContext, request, rig.store.operations.get(capture.id)!);

    expect(synced).toBe(0);
    expect(rig.store.awaitingSync).toBe(true);
    expect(rig.store.operations.get(capture.id)!.answered_open_at).toEqual(expect.any(String));
    await rig.store.synced();
    expect(rig.store.awaitingSync).toBe(false);
  });
});
