// The API after retention, on a real daemon over loopback with a fake clock: a finished transaction older
// than the hot window is found by GET /v1/preauths/{id} and ?reference= in its archive, marked archived,
// and any change to it is refused with 409 transaction_archived; what is not final stays hot.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/engine-rig.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon | undefined;
afterEach(async () => {
  await d?.stop();
  d = undefined;
});

describe('the API finds archived transactions', () => {
  it('falls back to the archive by id and by reference, read-only', async () => {
    const clock = new FakeClock(Date.parse('2025-01-10T10:00:00Z'));
    d = await startTestDaemon({ retention: { archive_first_after_ms: 86_400_000 } }, { clock });
    const done = await d.call('POST', '/v1/preauths', preauthBody('table-1'));
    expect(done.status).toBe(201);
    const id = done.body.id as string;
    expect((await d.call('POST', `/v1/preauths/${id}/capture`, {})).body).toMatchObject({ state: 'captured' });
    const hold = await d.call('POST', '/v1/preauths', preauthBody('table-2'));
    expect(hold.body).toMatchObject({ state: 'authorized' });

    clock.ms = Date.parse('2026-03-01T10:00:00Z'); // 13 whole months after January 2025
    const report = await d.daemon.archiveNow();
    expect(report.parts).toMatchObject([{ month: '2025-01', counts: { transactions: 1 } }]);

    const byId = await d.call('GET', `/v1/preauths/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id, reference: 'table-1', state: 'captured', archived: true, final: true });
    expect(byId.body.operations.map((o: { kind: string }) => o.kind)).toEqual(['preauth', 'capture']);
    const byRef = await d.call('GET', '/v1/preauths?reference=table-1');
    expect(byRef.body.data).toMatchObject([{ id, archived: true }]);
    const attempts = await d.call('GET', `/v1/preauths/${id}/attempts`);
    expect(attempts.body.data.length).toBeGreaterThanOrEqual(2);

    for (const action of ['capture', 'void', 'adjust', 'cancel']) {
      const r = await d.call('POST', `/v1/preauths/${id}/${action}`, action === 'adjust' ? { amount: 500 } : {});
      expect(r.status, action).toBe(409);
      expect(r.body.code).toBe('transaction_archived');
    }
    expect((await d.call('GET', '/v1/preauths/tx_nope')).status).toBe(404);
    // The hold was never captured: whatever it became, it changed after the cutoff and is still hot.
    const kept = await d.call('GET', `/v1/preauths/${hold.body.id as string}`);
    expect(kept.status).toBe(200);
    expect(kept.body.archived).toBeUndefined();
  }, 60_000);
});
