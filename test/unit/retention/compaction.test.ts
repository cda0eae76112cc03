// Compaction: attempts of operations finished longer ago than the window keep only their evidence; the
// rest are untouched. Written by one place (AttemptRepo.compactFinished), on a real SQLite file.
import { describe, expect, it, afterEach } from 'vitest';
import { compactAttemptBodies } from '../../../bridge/core/attempt-evidence.js';
import { engineRig, type EngineRig } from '../../helpers/engine-rig.js';

let rig: EngineRig;
afterEach(() => rig?.close());

const REQUEST = {
  method: 'POST',
  url: 'https://api.payroc.example/v1/payments',
  headers: { authorization: '[redacted]', 'content-type': 'application/json' },
  body: { amount: 2266, currency: 'USD', card: { number: '[redacted]' }, metadata: { table: 4 } },
};
const RESPONSE = {
  paymentId: 'PAY-123',
  status: 'authorized',
  amount: 2266,
  currency: 'USD',
  approvalCode: 'A1B2',
  card: { maskedPan: '411111******1111', brand: 'visa' },
  links: [{ rel: 'self', href: 'https://api.payroc.example/v1/payments/PAY-123' }],
  processing: { avs: 'Y', cvv: 'M', raw: 'x'.repeat(2000) },
};

describe('attempt compaction', () => {
  it('keeps method, URL and the identifying scalar fields of the answer, nothing nested', () => {
    const c = compactAttemptBodies(JSON.stringify(REQUEST), JSON.stringify(RESPONSE));
    expect(JSON.parse(c.request_json)).toEqual({ compacted: true, method: 'POST', url: REQUEST.url });
    expect(JSON.parse(c.response_json!)).toEqual({
      compacted: true,
      paymentId: 'PAY-123',
      status: 'authorized',
      amount: 2266,
      currency: 'USD',
      approvalCode: 'A1B2',
    });
    expect(compactAttemptBodies(c.request_json, c.response_json)).toEqual(c); // idempotent
    expect(compactAttemptBodies('{"transport":"x"}', '{"transport":"timeout"}').response_json).toBe(
      '{"compacted":true,"transport":"timeout"}',
    );
  });

  it('compacts only attempts of operations finished before the window, and keeps their outcome and timing', async () => {
    rig = engineRig();
    const made = [];
    for (const reference of ['old', 'new']) {
      const { operation } = rig.intake.createPreauth({
        terminal_id: 't1',
        amount: 1000,
        currency: 'EUR',
        reference,
        card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' },
      });
      rig.channel.answer({ kind: 'approved', approval: { providerRef: `P-${reference}`, amountAuthorized: 1000 } });
      await rig.paymentStep().run(rig.store.operations.get(operation.id)!);
      // Real bodies, as the HTTP step records them.
      rig.store.db
        .prepare('UPDATE attempts SET request_json = ?, response_json = ? WHERE operation_id = ?')
        .run(JSON.stringify(REQUEST), JSON.stringify(RESPONSE), operation.id);
      made.push(operation.id);
      if (reference === 'old') rig.clock.advance(8 * 86_400_000);
    }
    const before = rig.store.attempts.forOperation(made[0]!)[0]!;
    const cutoff = new Date(rig.clock.now() - 7 * 86_400_000).toISOString();
    const n = rig.store.write((w) => rig.store.attempts.compactFinished(cutoff, w.at, 500));
    expect(n).toBe(1);
    const old = rig.store.attempts.forOperation(made[0]!)[0]!;
    expect(old.request_json.length + old.response_json!.length).toBeLessThan(
      (before.request_json.length + before.response_json!.length) / 10,
    );
    expect(old).toMatchObject({
      response_status: before.response_status,
      outcome_kind: 'approved',
      outcome_json: before.outcome_json,
      started_at: before.started_at,
      finished_at: before.finished_at,
      duration_ms: before.duration_ms,
      compacted_at: expect.any(String),
    });
    expect(rig.store.attempts.forOperation(made[1]!)[0]!.request_json).toBe(JSON.stringify(REQUEST));
    expect(rig.store.write((w) => rig.store.attempts.compactFinished(cutoff, w.at, 500))).toBe(0);
  });
});
