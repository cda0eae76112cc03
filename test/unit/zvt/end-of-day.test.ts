// The End-of-Day (06 50) in bytes and in meaning: the command as the Feig ECR sends it, the Feig's own
// end-of-day 04 0F read down to its individual totals (BMP 60), the simulator's 04 0F in the same layout,
// and what a run's outcome is in each way the exchange can end (PA00P015 §2.16). The BMP 60 layout (receipt
// numbers, then count and total for seven card groups) is how EVerest/zvt zvt/src/packets.rs reads that capture.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cmd from '../../../bridge/terminals/zvt/commands.js';
import type { CommandSnapshot } from '../../../bridge/terminals/zvt/command-machine.js';
import { encodeFrame } from '../../../bridge/terminals/zvt/frame.js';
import { decodeMessage, encodeMessage, valuesOf } from '../../../bridge/terminals/zvt/message.js';
import { endOfDayReport, readIndividualTotals, totalsOf } from '../../../bridge/terminals/zvt/end-of-day.js';
import { endOfDayStatus } from '../../../bridge/sandbox/zvt/pt-messages.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/zvt/${name}`, import.meta.url));
const FEIG_END_OF_DAY = fixture('1680761828.489701000_pt_ecr.blob');

describe('End-of-Day 06 50', () => {
  it('is the password alone, byte for byte as the Feig ECR sent it', () => {
    expect(cmd.endOfDay('123456').toString('hex')).toBe(fixture('1681282621.302434000_ecr_pt.blob').toString('hex'));
    expect(cmd.endOfDay('000000').toString('hex')).toBe('065003000000');
    // On serial it is framed like every APDU (DLE STX … DLE ETX CRC-16/KERMIT).
    expect(encodeFrame(cmd.endOfDay('123456')).subarray(0, 8).toString('hex')).toBe('1002065003123456');
  });

  it("reads the Feig's end-of-day 04 0F: total, trace, date/time and the Eurocard group of BMP 60", () => {
    const m = decodeMessage(FEIG_END_OF_DAY);
    expect(m.rest.length).toBe(0);
    expect(encodeMessage(m).equals(FEIG_END_OF_DAY)).toBe(true);
    const v = valuesOf(m);
    expect(v).toMatchObject({ resultCode: 0, amount: 958, trace: '000982', date: '0406', time: '081706' });
    expect(totalsOf(v)).toEqual({
      receiptFrom: '0233',
      receiptTo: '0234',
      cards: [{ card: 'eurocard', count: 2, amount: 958 }],
    });
  });

  it('refuses to guess at a BMP 60 that is not the 53-byte layout', () => {
    expect(readIndividualTotals(Buffer.alloc(52))).toBeNull();
    expect(readIndividualTotals(Buffer.alloc(53, 0xaa))).toBeNull(); // not BCD
  });

  it("writes the simulator's end-of-day 04 0F in the Feig's layout, and reads it back", () => {
    const now = new Date(2026, 3, 6, 8, 17, 6);
    const ours = endOfDayStatus([{ group: 2, count: 2, amount: 958 }], { from: 233, to: 234 }, 982, now);
    expect(ours.toString('hex')).toBe(FEIG_END_OF_DAY.toString('hex'));
  });

  const done = (result: CommandSnapshot['result']): CommandSnapshot => ({
    state: 'done',
    accepted: true,
    result,
    receipt: ['Kassenschnitt'],
  });

  it('a confirmed end of day is closed, with the currency the terminal left out taken from the terminal', () => {
    const r = endOfDayReport(done(valuesOf(decodeMessage(FEIG_END_OF_DAY))), 'EUR');
    expect(r).toMatchObject({ outcome: 'closed', resultCode: 0, currency: 'EUR', totalAmount: 958, totalCount: 2 });
    expect(r.receipt).toEqual(['Kassenschnitt']);
  });

  it('a refusal or an error result has failed; silence after the terminal took it on is unknown', () => {
    expect(
      endOfDayReport({ state: 'failed', receipt: [], failure: { kind: 'refused', resultCode: 0x83 } }, 'EUR'),
    ).toMatchObject({ outcome: 'failed', resultCode: 0x83 });
    expect(
      endOfDayReport(
        { state: 'failed', accepted: true, receipt: [], failure: { kind: 'declined', resultCode: 0x7d } },
        'EUR',
      ),
    ).toMatchObject({ outcome: 'failed', resultCode: 0x7d });
    expect(
      endOfDayReport(
        { state: 'failed', receipt: [], failure: { kind: 'transport', reason: 'connect ECONNREFUSED' } },
        'EUR',
      ),
    ).toMatchObject({ outcome: 'failed', resultCode: null });
    const unknown = endOfDayReport(
      { state: 'failed', accepted: true, receipt: [], failure: { kind: 'no_answer', timer: 'T4' } },
      'EUR',
    );
    expect(unknown.outcome).toBe('unknown');
    expect(unknown.message).toMatch(/not known/);
  });
});
