// The terminal simulator's pure parts against the Feig captures and PA00P015: what a Registration
// switches on, the bytes of its messages, how it reads an ECR's TCP stream.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EcrStream } from '../../../bridge/sandbox/zvt/ecr-stream.js';
import {
  ecrPrintsPaymentReceipts,
  INITIAL_SETTINGS,
  LOGGED_OFF,
  sendsIntermediateStatus,
  settingsAfterRequest,
  settingsOfRegistration,
} from '../../../bridge/sandbox/zvt/ecr-settings.js';
import { answerOf } from '../../../bridge/sandbox/zvt/exchange.js';
import { intermediateStatus, openPreauthAnswer } from '../../../bridge/sandbox/zvt/pt-messages.js';
import * as cmd from '../../../bridge/terminals/zvt/commands.js';
import { readIntermediateStatus } from '../../../bridge/terminals/zvt/intermediate-status.js';
import { decodeMessage, valuesOf } from '../../../bridge/terminals/zvt/message.js';
import { findTlv } from '../../../bridge/terminals/zvt/tlv.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/zvt/${name}`, import.meta.url));
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe("what the ECR's Registration switches on (PA00P015 §2.1, §9.2.2, §2.24)", () => {
  it('starts as the captured Feig ECR registered: config DE, intermediate status, receipts via 06 D1, no TLV', () => {
    expect(INITIAL_SETTINGS).toEqual(
      settingsOfRegistration(decodeMessage(fixture('1681273860.511128000_ecr_pt.blob'))),
    );
    expect(INITIAL_SETTINGS).toEqual({ config: 0xde, tlv: false });
    expect(sendsIntermediateStatus(INITIAL_SETTINGS)).toBe(true);
    expect(ecrPrintsPaymentReceipts(INITIAL_SETTINGS)).toBe(true);
  });

  it('TLV only for a Registration that carries BMP 06, even empty; the config and service bytes do not ask for it', () => {
    expect(settingsOfRegistration(decodeMessage(cmd.registration('123456', 'EUR')))).toEqual({
      config: 0xba,
      tlv: false,
    });
    expect(settingsOfRegistration(decodeMessage(hex('06 00 08 12 34 56 BA 09 78 03 07')))).toEqual({
      config: 0xba,
      tlv: false,
    });
    expect(settingsOfRegistration(decodeMessage(hex('06 00 08 12 34 56 BA 09 78 06 00')))).toEqual({
      config: 0xba,
      tlv: true,
    });
    expect(settingsOfRegistration(decodeMessage(hex('06 00 0A 12 34 56 BA 09 78 03 00 06 00')))).toEqual({
      config: 0xba,
      tlv: true,
    });
  });

  it("a request with BMP 06 switches TLV on (the Feig ECR's 06 22 with TLV E9); Log-Off sets 86 and ends it", () => {
    const preauthWithTlv = decodeMessage(fixture('1680728162.033575000_ecr_pt.blob'));
    expect(settingsAfterRequest(INITIAL_SETTINGS, preauthWithTlv)).toEqual({ config: 0xde, tlv: true });
    expect(settingsAfterRequest(INITIAL_SETTINGS, decodeMessage(cmd.statusEnquiry('123456')))).toEqual(
      INITIAL_SETTINGS,
    );
    expect(LOGGED_OFF).toEqual({ config: 0x86, tlv: false });
    expect(sendsIntermediateStatus(LOGGED_OFF)).toBe(false);
  });
});

describe("the simulator's messages", () => {
  it('sends a plain intermediate status byte for byte as the Feig does (04 FF 01 17)', () => {
    expect(intermediateStatus(0x17, 'Bitte warten...', false)).toEqual(fixture('1680728162.647465000_pt_ecr.blob'));
  });

  it('with TLV, sends the timeout the spec requires before the container, and the driver reads the text', () => {
    const apdu = intermediateStatus(0x0a, 'Karte bitte', true);
    expect(apdu.subarray(0, 6)).toEqual(hex('04 FF 13 0A 03 06'));
    expect(readIntermediateStatus(apdu.subarray(3))).toEqual({
      code: 0x0a,
      timeoutMinutes: 3,
      lines: ['Karte bitte'],
      text: 'Karte bitte',
    });
  });

  it('answers the open pre-auth enquiry as the capture (none open), and lists all open receipts only with TLV', () => {
    expect(openPreauthAnswer([], false)).toEqual(fixture('partial_reversal.blob'));
    expect(openPreauthAnswer([], true)).toEqual(fixture('partial_reversal.blob'));
    expect(openPreauthAnswer([231, 245], false)).toEqual(hex('06 1E 04 B8 87 02 31'));
    const withList = valuesOf(decodeMessage(openPreauthAnswer([231, 245], true)));
    expect(withList.receipt).toBe('0231');
    expect(findTlv(withList.tlv!, 0x23)?.children?.map((c) => c.value.toString('hex'))).toEqual(['0231', '0245']);
  });

  it('takes 80 00 and 84 00 as acknowledgement, 84 9C as "repeat", any other 84 as a refusal (§2.2.6)', () => {
    expect([hex('80 00 00'), hex('84 00 00'), hex('84 9C 00'), hex('84 9A 00')].map(answerOf)).toEqual([
      'ack',
      'ack',
      'repeat',
      'refused',
    ]);
  });
});

describe("an ECR's TCP stream", () => {
  it('cuts APDUs by their length across any chunking', () => {
    const a = cmd.statusEnquiry('123456');
    const b = fixture('1680728162.033575000_ecr_pt.blob');
    const stream = Buffer.concat([a, b]);
    for (const size of [1, 2, 5, stream.length]) {
      const s = new EcrStream();
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...s.push(stream.subarray(i, i + size)));
      expect(out).toEqual([
        { type: 'apdu', apdu: a },
        { type: 'apdu', apdu: b },
      ]);
      expect(s.pending).toBe(0);
    }
  });

  it("sets aside bytes that cannot start an ECR's APDU (a bare NAK, text) instead of reading them as a length", () => {
    const s = new EcrStream();
    expect(s.push(Buffer.concat([hex('15'), Buffer.from('hello'), cmd.statusEnquiry('123456')]))).toEqual([
      { type: 'junk', bytes: Buffer.concat([hex('15'), Buffer.from('hello')]) },
      { type: 'apdu', apdu: cmd.statusEnquiry('123456') },
    ]);
  });

  it('holds a cut APDU as pending until it is given up', () => {
    const s = new EcrStream();
    expect(s.push(hex('06 22 0C 04 00'))).toEqual([]);
    expect(s.pending).toBe(5);
    expect(s.discard()).toEqual(hex('06 22 0C 04 00'));
    expect(s.push(cmd.statusEnquiry('123456'))).toEqual([{ type: 'apdu', apdu: cmd.statusEnquiry('123456') }]);
  });
});
