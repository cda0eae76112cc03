// The ECR's ZVT commands against the vectors of shared zvt.md §2.1 and the Feig captures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cmd from '../../../bridge/terminals/zvt/commands.js';
import { encodeFrame } from '../../../bridge/terminals/zvt/frame.js';
import { FEIG_PROFILE, SPEC_PROFILE, CARD_COMPLETE_PROFILE } from '../../../bridge/terminals/zvt/profile.js';
import { decodeMessage, valuesOf } from '../../../bridge/terminals/zvt/message.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex').toString('hex');
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/zvt/${name}`, import.meta.url)).toString('hex');

describe('ZVT commands', () => {
  it('registers as the verified vector', () => {
    expect(cmd.registration('123456', 'EUR').toString('hex')).toBe(hex('06 00 06 12 34 56 BA 09 78'));
    expect(encodeFrame(cmd.registration('123456', 'EUR')).toString('hex')).toBe(
      hex('10 02 06 00 06 12 34 56 BA 09 78 10 03 24 C3'),
    );
    expect(cmd.registration('123456', 'EUR', 0xde).toString('hex')).toBe(fixture('1681273860.511128000_ecr_pt.blob'));
  });

  it('builds status enquiry, pre-authorisation, open pre-auth enquiry and abort as zvt.md shows', () => {
    expect(cmd.statusEnquiry('123456').toString('hex')).toBe(hex('05 01 03 12 34 56'));
    expect(cmd.preauth(1234, 'EUR', { ...SPEC_PROFILE, paymentType: 0x40 }).toString('hex')).toBe(
      hex('06 22 0C 04 00 00 00 00 12 34 49 09 78 19 40'),
    );
    expect(cmd.openPreauthEnquiry().toString('hex')).toBe(hex('06 23 03 87 FF FF'));
    expect(cmd.abort().toString('hex')).toBe(hex('06 B0 00'));
  });

  it('books a total with the receipt first (the stuffing example)', () => {
    expect(
      cmd.bookTotal(1000, 'EUR', { receipt: '0010' }, { ...SPEC_PROFILE, references: ['receipt'] }).toString('hex'),
    ).toBe(hex('06 24 0D 87 00 10 04 00 00 00 00 10 00 49 09 78'));
  });

  it('sends what the Feig charger sends for a pre-auth reversal', () => {
    expect(cmd.preauthReversal('EUR', { receipt: '0231' }, FEIG_PROFILE).toString('hex')).toBe(
      fixture('1680728213.562478000_ecr_pt.blob'),
    );
  });

  it('refers to a reservation with the fields each profile wants', () => {
    const ref = {
      receipt: '0231',
      trace: '000975',
      aid: '750071',
      date: '0405',
      time: '225558',
      terminalId: '52523535',
    };
    expect(valuesOf(decodeMessage(cmd.bookTotal(3000, 'EUR', ref, SPEC_PROFILE)))).toMatchObject({
      receipt: '0231',
      trace: '000975',
      aid: '750071',
      amount: 3000,
    });
    const cc = valuesOf(decodeMessage(cmd.bookTotal(3000, 'EUR', ref, CARD_COMPLETE_PROFILE)));
    expect(cc).toMatchObject({ receipt: '0231', date: '0405', time: '225558', terminalId: '52523535' });
    expect(cc.aid).toBeUndefined();
    expect(valuesOf(decodeMessage(cmd.partialReversal(500, 'EUR', ref, FEIG_PROFILE)))).toMatchObject({
      paymentType: 0x40,
      receipt: '0231',
      amount: 500,
    });
  });

  it('refuses what a profile does not support', () => {
    expect(() => cmd.extension(100, 'EUR', { receipt: '0001' }, FEIG_PROFILE)).toThrow(/no reservation extension/);
    expect(() => cmd.partialReversal(100, 'EUR', { receipt: '0001' }, CARD_COMPLETE_PROFILE)).toThrow(
      /no partial reversal/,
    );
  });
});
