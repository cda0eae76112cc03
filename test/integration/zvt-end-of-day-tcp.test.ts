// The End-of-Day (06 50) exchange over real TCP on loopback: posbridge's session against the terminal
// simulator, and a hand-driven ECR that reads every message the terminal sends (PA00P015 §2.16: 80 00 00,
// 04 FF, 04 0F with the totals, print lines to an ECR that prints administration receipts, 06 0F).
// Sources of the simulator's side (bridge/sandbox/zvt/README.md, "End of day"): the Feig captures
// 1681282621.302434000_ecr_pt (06 50) and 1680761828.489701000_pt_ecr (its 04 0F with BMP 60), the flow as
// EVerest/zvt zvt/src/sequences.rs lists it, config bit 04 of §2.1 Table 1; the batch kept when the 04 0F
// is not acknowledged and forgetLastBooking (a test control) are marked there as assumption / not terminal
// behaviour.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import * as cmd from '../../bridge/terminals/zvt/commands.js';
import { END_OF_DAY_CONFIG } from '../../bridge/terminals/zvt/end-of-day-run.js';
import { endOfDayReport, totalsOf } from '../../bridge/terminals/zvt/end-of-day.js';
import { decodeMessage, valuesOf } from '../../bridge/terminals/zvt/message.js';
import { SPEC_PROFILE } from '../../bridge/terminals/zvt/profile.js';
import { runCommand } from '../../bridge/terminals/zvt/session.js';
import { connectZvtTcp } from '../../bridge/terminals/zvt/tcp.js';
import { ACK_APDU, tcpEcr, type TcpEcr } from '../helpers/zvt-ecr.js';

const T3_MS = 800;
const timers = { t3Ms: 2_000, t4Ms: 10_000 };
const is = (a: Buffer | undefined, cls: number, instr: number) => a !== undefined && a[0] === cls && a[1] === instr;
const ends = (a: Buffer) => is(a, 0x06, 0x0f) || is(a, 0x06, 0x1e);

let sim: RunningZvtTcpSimulator;
const ecrs: TcpEcr[] = [];
beforeEach(async () => {
  sim = await startZvtTcpSimulator(0, { cardMs: 20, t3Ms: T3_MS });
});
afterEach(async () => {
  for (const e of ecrs.splice(0)) e.close();
  await sim.close();
});

/** Two bookings on the simulator, made through posbridge's own session: 12.00 and 3.45 EUR. */
async function twoBookings(): Promise<void> {
  const link = await connectZvtTcp('127.0.0.1', sim.port);
  try {
    for (const amount of [1_500, 500]) {
      const pre = await runCommand(link, cmd.preauth(amount, 'EUR', SPEC_PROFILE), { persist: () => {} }, timers);
      const receipt = pre.result!.receipt!;
      const booked = amount === 1_500 ? 1_200 : 345;
      const ref = { receipt };
      const book = cmd.bookTotal(booked, 'EUR', ref, { ...SPEC_PROFILE, references: ['receipt'] });
      expect((await runCommand(link, book, { persist: () => {} }, timers)).state).toBe('done');
    }
  } finally {
    await link.close();
  }
}

describe('End-of-Day 06 50 over TCP', () => {
  it('reports the batch in 04 0F (BMP 60), prints the receipt to an ECR that takes admin receipts, and closes it', async () => {
    await twoBookings();
    const link = await connectZvtTcp('127.0.0.1', sim.port);
    try {
      const reg = cmd.registration('000000', 'EUR', END_OF_DAY_CONFIG);
      expect((await runCommand(link, reg, { persist: () => {} }, timers)).state).toBe('done');
      const persisted: unknown[] = [];
      const statuses: number[] = [];
      const snap = await runCommand(
        link,
        cmd.endOfDay('000000'),
        { persist: (r) => void persisted.push(r), status: (code) => void statuses.push(code) },
        timers,
      );
      expect(statuses).toEqual([0x17]);
      expect(persisted).toHaveLength(1); // the totals were handed over before they were acknowledged
      const report = endOfDayReport(snap, 'EUR');
      expect(report).toMatchObject({ outcome: 'closed', totalAmount: 1_545, totalCount: 2, currency: 'EUR' });
      expect(report.totals?.cards).toEqual([{ card: 'eurocard', count: 2, amount: 1_545 }]);
      expect(report.receipt).toEqual([
        'Kassenschnitt',
        'Terminal-ID 52523535',
        'Beleg-Nr. 231 - 232',
        'Mastercard 2  EUR 15,45',
        'Gesamt 2  EUR 15,45',
      ]);
      expect(sim.terminal.batch()).toEqual([]);
      // The next end of day has nothing left to send.
      const again = endOfDayReport(
        await runCommand(link, cmd.endOfDay('000000'), { persist: () => {} }, timers),
        'EUR',
      );
      expect(again).toMatchObject({ outcome: 'closed', totalAmount: 0, totalCount: 0 });
    } finally {
      await link.close();
    }
  });

  it('sends no receipt to an ECR registered without admin receipts (config BA)', async () => {
    await twoBookings();
    const link = await connectZvtTcp('127.0.0.1', sim.port);
    try {
      await runCommand(link, cmd.registration('000000', 'EUR'), { persist: () => {} }, timers);
      const snap = await runCommand(link, cmd.endOfDay('000000'), { persist: () => {} }, timers);
      expect(endOfDayReport(snap, 'EUR')).toMatchObject({ outcome: 'closed', totalCount: 2, receipt: [] });
    } finally {
      await link.close();
    }
  });

  it('keeps the batch when the ECR never acknowledges the totals, and the ECR cannot tell whether the day closed', async () => {
    await twoBookings();
    const ecr = await tcpEcr(sim.port);
    ecrs.push(ecr);
    ecr.send(cmd.endOfDay('000000'));
    expect(await ecr.next()).toEqual(ACK_APDU);
    const seen: Buffer[] = [];
    for (let m = await ecr.next(); m && !is(m, 0x04, 0x0f); m = await ecr.next()) {
      seen.push(m);
      ecr.send(ACK_APDU);
    }
    // Silent now: the terminal waits T3 for our answer, then gives the command up.
    expect(await ecr.next(T3_MS * 3)).toBeUndefined();
    expect(sim.terminal.batch()).toHaveLength(2);
    expect(
      endOfDayReport(
        { state: 'failed', accepted: true, receipt: [], failure: { kind: 'no_answer', timer: 'T4' } },
        'EUR',
      ).outcome,
    ).toBe('unknown');
  });

  it("leaves a forgotten booking out of the terminal's totals (test control)", async () => {
    await twoBookings();
    expect(sim.terminal.forgetLastBooking()?.booked).toBe(345);
    const ecr = await tcpEcr(sim.port);
    ecrs.push(ecr);
    ecr.send(cmd.endOfDay('000000'));
    expect(await ecr.next()).toEqual(ACK_APDU);
    const messages = await ecr.ackUntil(ends);
    const status = valuesOf(decodeMessage(messages.find((m) => is(m, 0x04, 0x0f))!));
    expect(status.amount).toBe(1_200);
    expect(totalsOf(status)?.cards).toEqual([{ card: 'eurocard', count: 1, amount: 1_200 }]);
  });
});
