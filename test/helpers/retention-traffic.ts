// Generated traffic for retention tests: real preauths through the project's own intake, lane step and
// state writer (the engine rig, a real SQLite file, a fake clock), spread over days. Each day: preauths
// that are captured, one in ten declined, one in ten voided: the rows and events the daemon writes (the
// scripted channel's attempt bodies are small; compaction is tested on real bodies elsewhere).
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

async function run(rig: EngineRig, opId: string, outcome: Outcome): Promise<void> {
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
        await run(rig, operation.id, { kind: 'declined', code: 'insufficient_funds', message: 'no funds' } as Outcome);
      } else {
        await run(rig, operation.id, approved(n));
        const kind = n % 10 === 3 ? 'void' : 'capture';
        const follow = rig.intake.requestFollowUp(transaction.id, kind, undefined, `${kind}-${n}`);
        await run(rig, follow.operation.id, {
          kind: 'approved',
          approval: { providerRef: `P-${n}-${kind}` },
        } as Outcome);
      }
      made.push({ id: transaction.id, reference, state: rig.store.transactions.get(transaction.id)!.state });
    }
    rig.clock.ms = dayStart + DAY;
  }
}
