// The generic ZVT command machine, driven by real Feig messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommandMachine } from '../../../bridge/terminals/zvt/command-machine.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/zvt/${name}`, import.meta.url));
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const PREAUTH = fixture('1680728162.033575000_ecr_pt.blob');

function accepted(): CommandMachine {
  const m = new CommandMachine(PREAUTH, { t3Ms: 5000, t4Ms: 180_000 });
  expect(m.start()).toEqual([{ type: 'send', apdu: PREAUTH }]);
  expect(m.next({ type: 'sent' })).toEqual([{ type: 'start_timer', timer: 'T3', ms: 5000 }]);
  expect(m.next({ type: 'received', apdu: hex('80 00 00') })).toEqual([
    { type: 'start_timer', timer: 'T4', ms: 180_000 },
  ]);
  return m;
}

describe('ZVT command machine', () => {
  it('runs a pre-authorisation: status, result persisted before it is acknowledged, completion', () => {
    const m = accepted();
    expect(m.next({ type: 'received', apdu: fixture('1680728162.647465000_pt_ecr.blob') })).toEqual([
      // The Feig's status byte alone (04 FF 01 17): the text is the specification's for code 17.
      { type: 'ack' },
      { type: 'status', code: 0x17, text: 'Please wait...' },
      { type: 'start_timer', timer: 'T4', ms: 180_000 },
    ]);
    const persist = m.next({ type: 'received', apdu: fixture('1680728165.675509000_pt_ecr.blob') });
    expect(persist).toEqual([
      {
        type: 'persist',
        result: expect.objectContaining({ resultCode: 0, amount: 2500, receipt: '0231', aid: '750071' }),
      },
    ]);
    expect(m.snapshot.state).toBe('persisting');
    // Nothing is acknowledged until the result is written.
    expect(m.next({ type: 'received', apdu: fixture('1680728165.827009000_pt_ecr.blob') })).toEqual([]);
    expect(m.next({ type: 'persisted' })).toEqual([{ type: 'ack' }, { type: 'start_timer', timer: 'T4', ms: 180_000 }]);
    expect(m.next({ type: 'received', apdu: fixture('1680728165.827009000_pt_ecr.blob') })).toEqual([{ type: 'ack' }]);
    expect(m.snapshot).toMatchObject({ state: 'done', booked: true, result: { amount: 2500 } });
  });

  it('takes an answer that overtakes the transport\'s "sent" as proof the command arrived', () => {
    const m = new CommandMachine(PREAUTH, { t3Ms: 5000, t4Ms: 180_000 });
    m.start();
    expect(m.next({ type: 'received', apdu: hex('80 00 00') })).toEqual([
      { type: 'start_timer', timer: 'T4', ms: 180_000 },
    ]);
    expect(m.next({ type: 'sent' })).toEqual([]);
    expect(m.snapshot.state).toBe('master');
  });

  it('keeps the receipt text of print blocks', () => {
    const m = accepted();
    const effects = m.next({ type: 'received', apdu: fixture('1680728215.585561000_pt_ecr.blob') });
    expect(effects[0]).toEqual({ type: 'ack' });
    expect(m.snapshot.receipt.join('\n')).toMatch(/Customer Receipt/);
  });

  it('fails as refused on 84 xx, with the result code', () => {
    const m = new CommandMachine(PREAUTH);
    m.start();
    m.next({ type: 'sent' });
    m.next({ type: 'received', apdu: hex('84 83 00') });
    expect(m.snapshot).toMatchObject({ state: 'failed', failure: { kind: 'refused', resultCode: 0x83 } });
  });

  it('fails as declined when the result code is not 00, and nothing is persisted', () => {
    const m = accepted();
    expect(m.next({ type: 'received', apdu: hex('04 0F 02 27 05') })).toEqual([{ type: 'ack' }]);
    m.next({ type: 'received', apdu: hex('06 1E 01 05') });
    expect(m.snapshot).toMatchObject({ state: 'failed', failure: { kind: 'declined', resultCode: 0x05 } });
  });

  it('an error after the acknowledged result does not undo the booking', () => {
    const m = accepted();
    m.next({ type: 'received', apdu: fixture('1680728165.675509000_pt_ecr.blob') });
    m.next({ type: 'persisted' });
    m.next({ type: 'received', apdu: hex('06 1E 01 6C') });
    expect(m.snapshot).toMatchObject({ state: 'done', booked: true });
  });

  it('fails on timers and transport errors with typed reasons, and ignores input after that', () => {
    const a = new CommandMachine(PREAUTH);
    a.start();
    a.next({ type: 'sent' });
    a.next({ type: 'timeout', timer: 'T3' });
    expect(a.snapshot.failure).toEqual({ kind: 'no_answer', timer: 'T3' });
    expect(a.next({ type: 'received', apdu: hex('80 00 00') })).toEqual([]);
    const b = accepted();
    b.next({ type: 'transport_error', reason: 'serial port closed' });
    expect(b.snapshot.failure).toEqual({ kind: 'transport', reason: 'serial port closed' });
  });

  it('an intermediate status can set a new T4 in BCD minutes', () => {
    const m = accepted();
    expect(m.next({ type: 'received', apdu: hex('04 FF 02 0A 03') })).toContainEqual({
      type: 'start_timer',
      timer: 'T4',
      ms: 180_000,
    });
    expect(m.next({ type: 'received', apdu: hex('04 FF 02 0A 02') })).toContainEqual({
      type: 'start_timer',
      timer: 'T4',
      ms: 120_000,
    });
  });
});
