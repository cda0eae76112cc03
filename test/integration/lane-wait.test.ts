// A card-present preauth is never started on the terminal long after the POS asked: the customer has
// gone. Behind a slow customer, the next preauth fails as terminal_busy without ever being sent; a
// card-not-present one may wait its turn. Real daemon in-process, the Blink and Payroc sandboxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../helpers/http.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
let blinkUrl: string;
beforeAll(async () => {
  d = await startTestDaemon({ card_present_start_ms: 1_000 });
  blinkUrl = d.daemon.sandboxes!.urls.blink!;
});
afterAll(async () => {
  await d?.stop();
});

const blinkPreauths = async () =>
  ((await http('GET', `${blinkUrl}/__sandbox/requests`)).body.requests as { method: string; path: string }[]).filter(
    (r) => r.method === 'POST' && r.path.endsWith('/preauth-transactions'),
  ).length;

describe('card-present lane wait', () => {
  it('the preauth behind a slow customer fails as terminal_busy, never sent; the first one goes through', async () => {
    // The first customer takes 2.5 s at the terminal.
    await http('POST', `${blinkUrl}/__sandbox/faults`, {
      body: { faults: [{ kind: 'delay', ms: 2_500 }], path_prefix: '/v1/card-present/preauth-transactions' },
    });
    const before = await blinkPreauths();
    const first = d.call('POST', '/v1/preauths', {
      terminal_id: 'sandbox-blink',
      amount: 2_266,
      currency: 'GBP',
      reference: 'lw-first',
    });
    await new Promise((r) => setTimeout(r, 200));
    const second = await d.call('POST', '/v1/preauths', {
      terminal_id: 'sandbox-blink',
      amount: 1_000,
      currency: 'GBP',
      reference: 'lw-second',
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'terminal_busy',
      result: 'refused',
      transaction: { state: 'failed', result: 'refused', final: true },
    });
    expect(second.body.detail).toMatch(/nothing was reserved/);
    expect((await first).body).toMatchObject({ state: 'authorized', result: 'approved' });
    // Only the first ever reached Blink.
    expect(await blinkPreauths()).toBe(before + 1);
    expect(d.daemon.store.operations.byTransaction(second.body.transaction.id as string)[0]!.attempts).toBe(0);
  });

  it('a card-not-present preauth waits its turn instead', async () => {
    await d.faults([{ kind: 'delay', ms: 2_000 }], { method: 'POST', path_prefix: '/v1/payments' });
    const first = d.call('POST', '/v1/preauths', preauthBody('lw-cnp-1'));
    await new Promise((r) => setTimeout(r, 200));
    const second = await d.call('POST', '/v1/preauths', preauthBody('lw-cnp-2'));
    expect(second.status).toBe(201);
    expect((await first).status).toBe(201);
  });
});
