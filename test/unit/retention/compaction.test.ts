// Compaction: an operation's attempts keep only their evidence once it is settled: in the write that ends
// it (the default), or, with a window, once it finished longer ago than that (the archive run). Attempts
// of operations still open or unresolved are untouched. On a real SQLite file.
import { describe, expect, it, afterEach } from 'vitest';
import { compactAttemptBodies } from '../../../bridge/core/attempt-evidence.js';
import type { Outcome } from '../../../bridge/core/outcome.js';
import { engineRig, KEYED, type EngineRig } from '../../helpers/engine-rig.js';

let rig: EngineRig;
afterEach(() => rig?.close());

const PREAUTH = { terminal_id: 't1', amount: 2266, currency: 'EUR', card: KEYED };
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

  it('compacts the attempts of an operation in the write that ends it, keeping outcome and timing', async () => {
    rig = engineRig();
    rig.channel.bodies = { request: REQUEST, response: RESPONSE };
    const { operation } = rig.intake.createPreauth({ ...PREAUTH, reference: 'at-end' });
    rig.channel.answer({ kind: 'approved', approval: { providerRef: 'PAY-123', amountAuthorized: 2266 } });
    await rig.paymentStep().run(rig.store.operations.get(operation.id)!);
    expect(rig.store.operations.get(operation.id)!.state).toBe('succeeded');
    const [a] = rig.store.attempts.forOperation(operation.id);
    const c = compactAttemptBodies(JSON.stringify(REQUEST), JSON.stringify(RESPONSE));
    expect(a).toMatchObject({
      request_json: c.request_json,
      response_json: c.response_json,
      response_status: 200,
      outcome_kind: 'approved',
      compacted_at: a!.finished_at,
      applied_at: a!.finished_at,
    });
    expect(JSON.parse(a!.outcome_json!)).toMatchObject({
      approval: { providerRef: 'PAY-123', amountAuthorized: 2266 },
    });
    // Nothing is left for the archive run.
    expect(rig.store.write((w) => rig.store.attempts.compactFinished(w.at, w.at, 500))).toBe(0);
  });

  it('keeps the raw bodies of an operation still in doubt, and of every operation when compaction waits', async () => {
    rig = engineRig({ compactAttemptsAtEnd: false });
    rig.channel.bodies = { request: REQUEST, response: RESPONSE };
    const { operation } = rig.intake.createPreauth({ ...PREAUTH, reference: 'later' });
    rig.channel.answer({ kind: 'approved', approval: { providerRef: 'PAY-123', amountAuthorized: 2266 } });
    await rig.paymentStep().run(rig.store.operations.get(operation.id)!);
    expect(rig.store.operations.get(operation.id)!.state).toBe('succeeded');
    const raw = rig.store.attempts.forOperation(operation.id)[0]!;
    expect(raw).toMatchObject({ request_json: JSON.stringify(REQUEST), compacted_at: null });
    expect(JSON.parse(raw.response_json!)).toMatchObject({
      links: RESPONSE.links,
      processing: { raw: 'x'.repeat(2000) },
    });
    rig.close();

    rig = engineRig({ remedies: { canLookup: false, canResend: false } });
    rig.channel.bodies = { request: REQUEST, response: RESPONSE };
    const doubt = rig.intake.createPreauth({ ...PREAUTH, reference: 'doubt' }).operation;
    // Asked three times, each answer unknown, and no way to find out: the operation ends unresolved.
    for (let i = 0; i < 3; i++) {
      rig.channel.answer({ kind: 'unknown', reason: 'timeout' } as Outcome);
      await rig.paymentStep().run(rig.store.operations.get(doubt.id)!);
      rig.clock.advance(120_000);
    }
    expect(rig.store.operations.get(doubt.id)!.state).toBe('unresolved');
    expect(rig.store.attempts.forOperation(doubt.id)[0]).toMatchObject({
      request_json: JSON.stringify(REQUEST),
      compacted_at: null,
    });
  });

  it('compacts only attempts of operations finished before the window, and keeps their outcome and timing', async () => {
    rig = engineRig({ compactAttemptsAtEnd: false });
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
