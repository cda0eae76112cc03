// Generated traffic for retention tests: real preauths through the project's own intake, lane step and
// state writer (the engine rig, a real SQLite file, a fake clock), spread over days. Each day: preauths
// that are captured, one in ten declined, one in ten voided: the rows and events the daemon writes. Each
// exchange records request and response bodies shaped and sized like a card-not-present provider's
// (Payroc's, as its HTTP channel records them, already redacted), so attempts weigh what they do.
import type { Outcome } from '../../bridge/core/outcome.js';
import { KEYED, type EngineRig } from './engine-rig.js';

const DAY = 86_400_000;

export interface Made {
  readonly id: string;
  readonly reference: string;
  readonly state: string;
}

const approved = (n: number): Outcome => ({
  kind: 'approved',
  approval: { providerRef: `P-${n}`, amountAuthorized: 1000 + (n % 50), authCode: `A${n % 1000}` },
});

/** What the HTTP channel records for a Payroc exchange of this kind (redacted as it is written). */
function providerBodies(kind: string, opId: string, n: number): { request: unknown; response: unknown } {
  const paymentId = `PR${n.toString(36).toUpperCase().padStart(8, '0')}`;
  const url = `https://api.payroc.com/v1/payments${kind === 'preauth' ? '' : `/${paymentId}/${kind === 'void' ? 'reverse' : kind}`}`;
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': opId };
  const order = { orderId: `pa-${n}`, amount: 1000 + (n % 50), currency: 'EUR' };
  const body =
    kind === 'preauth'
      ? {
          channel: 'moto',
          processingTerminalId: '1234001',
          order,
          paymentMethod: {
            type: 'card',
            cardDetails: {
              entryMethod: 'keyed',
              keyedData: { dataFormat: 'plainText', cardNumber: '411111******1111', expiryDate: '[redacted]' },
            },
          },
          autoCapture: false,
          processAsSale: false,
        }
      : kind === 'capture'
        ? { processingTerminalId: '1234001', amount: order.amount }
        : {};
  return {
    request: { method: 'POST', url, headers, body },
    response: {
      paymentId,
      processingTerminalId: '1234001',
      order: { ...order, dateTime: '2026-12-01T14:27:53.495Z' },
      card: {
        type: 'Visa Credit',
        entryMethod: 'keyed',
        cardNumber: '**********',
        expiryDate: '[redacted]',
        securityChecks: { cvvResult: 'M', avsResult: 'Y' },
      },
      transactionResult: {
        type: 'sale',
        status: kind === 'void' ? 'reversal' : 'ready',
        approvalCode: `OK${n % 10_000}`,
        authorizedAmount: order.amount,
        currency: 'EUR',
        responseCode: 'A',
        responseMessage: `OK${n % 10_000}`,
      },
      supportedOperations: ['capture', 'fullyReverse', 'partiallyReverse', 'incrementAuthorization'],
    },
  };
}

async function run(rig: EngineRig, opId: string, outcome: Outcome, n: number): Promise<void> {
  const op = rig.store.operations.get(opId)!;
  rig.channel.bodies = providerBodies(op.kind, op.idempotency_key, n);
  rig.channel.answer(outcome);
  await rig.paymentStep().run(rig.store.operations.get(opId)!);
}

/** `perDay` finished transactions on each of `days` days from the clock's current day; the clock ends a day later. */
export async function generateDays(rig: EngineRig, days: number, perDay: number, made: Made[]): Promise<void> {
  for (let d = 0; d < days; d++) {
    const dayStart = rig.clock.ms;
    for (let i = 0; i < perDay; i++) {
      const n = made.length;
      rig.clock.ms = dayStart + Math.floor(((i + 0.5) * DAY) / perDay);
      const reference = `R-${n}`;
      const { transaction, operation } = rig.intake.createPreauth({
        terminal_id: 't1',
        amount: 1000 + (n % 50),
        currency: 'EUR',
        reference,
        card: KEYED,
      });
      if (n % 10 === 7) {
        await run(
          rig,
          operation.id,
          { kind: 'declined', code: 'insufficient_funds', message: 'no funds' } as Outcome,
          n,
        );
      } else {
        await run(rig, operation.id, approved(n), n);
        const kind = n % 10 === 3 ? 'void' : 'capture';
        const follow = rig.intake.requestFollowUp(transaction.id, kind, undefined, `${kind}-${n}`);
        await run(
          rig,
          follow.operation.id,
          { kind: 'approved', approval: { providerRef: `P-${n}-${kind}` } } as Outcome,
          n,
        );
      }
      made.push({ id: transaction.id, reference, state: rig.store.transactions.get(transaction.id)!.state });
    }
    rig.clock.ms = dayStart + DAY;
  }
}
