// The driver reads the intermediate status (04 FF) in both forms: the status byte alone, as the Feig sends
// it (shared zvt-captures, copied to test/fixtures/zvt), and with T4 and display texts in a TLV container
// (PA00P015 §3.7), plus the form older simulator builds sent (TLV without the timeout).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommandMachine } from '../../../bridge/terminals/zvt/command-machine.js';
import {
  intermediateStatusPrefix,
  readIntermediateStatus,
  statusCodeText,
} from '../../../bridge/terminals/zvt/intermediate-status.js';
import { decodeMessage, encodeMessage } from '../../../bridge/terminals/zvt/message.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/zvt/${name}`, import.meta.url));
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const data = (apdu: Buffer) => apdu.subarray(3);
const text = (s: string) => Buffer.from(s, 'latin1').toString('hex');

/** 04 FF <status> [<timeout>] 06 <len> 24 <len> (07 <len> <line>)… */
function withTexts(status: number, timeout: number | undefined, lines: string[]): Buffer {
  const objs = lines.map((l) => `07 ${l.length.toString(16).padStart(2, '0')} ${text(l)}`).join('');
  const inner = hex(objs);
  const t24 = Buffer.concat([hex('24'), Buffer.from([inner.length]), inner]);
  const body = Buffer.concat([
    Buffer.from(timeout === undefined ? [status] : [status, timeout]),
    hex('06'),
    Buffer.from([t24.length]),
    t24,
  ]);
  return Buffer.concat([hex('04 FF'), Buffer.from([body.length]), body]);
}

describe('intermediate status, both forms', () => {
  it("reads the Feig's status byte alone (capture 1680728162.647465000_pt_ecr: 04 FF 01 17) with the spec's text", () => {
    const capture = fixture('1680728162.647465000_pt_ecr.blob');
    expect(capture).toEqual(hex('04 FF 01 17'));
    expect(readIntermediateStatus(data(capture))).toEqual({ code: 0x17, lines: [], text: 'Please wait...' });
    expect(decodeMessage(capture).prefix).toEqual(hex('17'));
  });

  it('reads the spec form: status, T4 in BCD minutes, display texts in TLV 24 (each line a tag 07)', () => {
    const apdu = withTexts(0x0a, 0x03, ['Karte bitte', 'Betrag 12,34']);
    expect(readIntermediateStatus(data(apdu))).toEqual({
      code: 0x0a,
      timeoutMinutes: 3,
      lines: ['Karte bitte', 'Betrag 12,34'],
      text: 'Karte bitte\nBetrag 12,34',
    });
    const m = decodeMessage(apdu);
    expect(m.prefix).toEqual(hex('0A 03'));
    expect(m.fields.map((f) => f.bmp)).toEqual([0x06]);
    expect(encodeMessage(m)).toEqual(apdu);
  });

  it('reads the form without the timeout that older simulator builds sent', () => {
    const apdu = withTexts(0x0a, undefined, ['Karte bitte']);
    expect(readIntermediateStatus(data(apdu))).toEqual({ code: 0x0a, lines: ['Karte bitte'], text: 'Karte bitte' });
    expect(decodeMessage(apdu).prefix).toEqual(hex('0A'));
  });

  it('tells a timeout of 06 minutes from the TLV tag 06 by which reading ends exactly at the end', () => {
    expect(intermediateStatusPrefix(hex('0A 06'))).toBe(2);
    expect(readIntermediateStatus(hex('0A 06'))).toMatchObject({ timeoutMinutes: 6, text: 'Insert card' });
    const sixMinutes = withTexts(0x0a, 0x06, ['x']);
    expect(readIntermediateStatus(data(sixMinutes))).toMatchObject({ timeoutMinutes: 6, lines: ['x'] });
    // 06 00: an empty container without the timeout.
    expect(readIntermediateStatus(hex('0A 06 00'))).toEqual({ code: 0x0a, lines: [], text: 'Insert card' });
  });

  it('has the texts of Table 17, the 4x codes with "Please remove card!", none for FF', () => {
    expect(statusCodeText(0x0a)).toBe('Insert card');
    expect(statusCodeText(0x1d)).toBe('Declined');
    expect(statusCodeText(0x5d)).toBe('Declined\nPlease remove card!');
    expect(statusCodeText(0x4b)).toBe('Please remove card!');
    expect(statusCodeText(0xff)).toBeUndefined();
    expect(readIntermediateStatus(hex('FF'))).toEqual({ code: 0xff, lines: [] });
  });

  it('never throws, and every 04 FF still re-encodes to its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (d) => {
        const apdu = Buffer.concat([hex('04 FF'), Buffer.from([d.length]), Buffer.from(d)]);
        expect(() => readIntermediateStatus(d)).not.toThrow();
        expect(encodeMessage(decodeMessage(apdu))).toEqual(apdu);
      }),
    );
  });

  it('the command machine reports both forms as a status with a text, and restarts T4', () => {
    const m = new CommandMachine(hex('06 22 03 04 00 00'), { t3Ms: 5000, t4Ms: 9000 });
    m.start();
    m.next({ type: 'received', apdu: hex('80 00 00') });
    expect(m.next({ type: 'received', apdu: fixture('1680728162.647465000_pt_ecr.blob') })).toEqual([
      { type: 'ack' },
      { type: 'status', code: 0x17, text: 'Please wait...' },
      { type: 'start_timer', timer: 'T4', ms: 9000 },
    ]);
    expect(m.next({ type: 'received', apdu: withTexts(0x0a, 0x03, ['Karte bitte']) })).toEqual([
      { type: 'ack' },
      { type: 'status', code: 0x0a, text: 'Karte bitte' },
      { type: 'start_timer', timer: 'T4', ms: 180_000 },
    ]);
  });

  it('the command machine fails as a protocol error, not a crash, on a message it cannot read', () => {
    const m = new CommandMachine(hex('06 22 03 04 00 00'));
    m.start();
    m.next({ type: 'received', apdu: hex('80 00 00') });
    // A serial frame with a good CRC whose APDU length lies, then a 04 0F with an amount that is not BCD.
    expect(m.next({ type: 'received', apdu: hex('04 0F 09 27 00') })).toEqual([]);
    expect(m.snapshot.failure).toMatchObject({ kind: 'protocol', reason: expect.stringMatching(/length says/) });
    const n = new CommandMachine(hex('06 22 03 04 00 00'));
    n.start();
    n.next({ type: 'received', apdu: hex('80 00 00') });
    n.next({ type: 'received', apdu: hex('04 0F 09 27 00 04 00 00 00 00 AB CD') });
    expect(n.snapshot).toMatchObject({
      state: 'failed',
      failure: { kind: 'protocol', reason: expect.stringMatching(/not decimal BCD/) },
    });
  });
});
