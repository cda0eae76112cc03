// The APDU/BMP/TLV codec against real Feig traffic (shared zvt-captures, from EVerest/zvt, Apache-2.0).
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { amountToBcd, bcdToMaskedPan } from '../../../bridge/terminals/zvt/bcd.js';
import { bmp } from '../../../bridge/terminals/zvt/bmp.js';
import { decodeMessage, encodeMessage, valuesOf } from '../../../bridge/terminals/zvt/message.js';
import { decodeTlv, encodeTlv, findTlv, type TlvObject } from '../../../bridge/terminals/zvt/tlv.js';

const dir = new URL('../../fixtures/zvt/', import.meta.url);
const captures = readdirSync(dir)
  .filter((f) => f.endsWith('.blob'))
  .map((name) => ({ name, bytes: readFileSync(new URL(name, dir)) }));
const capture = (name: string) => captures.find((c) => c.name === name)!.bytes;

describe('real captures', () => {
  it.each(captures.map((c) => [c.name, c.bytes] as const))(
    '%s decodes and re-encodes to the same bytes',
    (_name, bytes) => {
      const m = decodeMessage(bytes);
      expect(encodeMessage(m)).toEqual(bytes);
      expect(() => valuesOf(m)).not.toThrow();
    },
  );

  it('reads the pre-authorisation request (06 22) with its TLV E9 container', () => {
    const m = decodeMessage(capture('1680728162.033575000_ecr_pt.blob'));
    expect([m.cls, m.instr]).toEqual([0x06, 0x22]);
    expect(m.rest).toHaveLength(0);
    const v = valuesOf(m);
    expect(v).toMatchObject({ paymentType: 0x40, currencyNumeric: '978', amount: 2500 });
    expect(v.tlv?.[0]?.tag).toBe(0xe9);
    expect(findTlv(v.tlv!, 0x1f62)?.value.toString('latin1')).toBe('AC');
  });

  it('reads the authorisation result (04 0F): amount, receipt, trace, AID, masked PAN, terminal', () => {
    const m = decodeMessage(capture('1680728165.675509000_pt_ecr.blob'));
    const v = valuesOf(m);
    expect(v).toMatchObject({
      resultCode: 0,
      amount: 2500,
      currencyNumeric: '978',
      receipt: '0231',
      aid: '750071',
      trace: '000975',
      terminalId: '52523535',
    });
    expect(v.maskedPan).toMatch(/^\d+\*+\d+$/);
  });

  it('reads the pre-auth reversal (06 25), the partial reversal (06 23) and the "no open pre-auth" answer', () => {
    expect(valuesOf(decodeMessage(capture('1680728213.562478000_ecr_pt.blob')))).toMatchObject({
      paymentType: 0x40,
      receipt: '0231',
      currencyNumeric: '978',
    });
    expect(valuesOf(decodeMessage(capture('1681455683.221609000_ecr_pt.blob')))).toMatchObject({
      receipt: '0491',
      amount: 1295,
    });
    const none = decodeMessage(capture('partial_reversal.blob'));
    expect(valuesOf(none)).toMatchObject({ resultCode: 0xb8, receipt: 'FFFF' });
  });

  it("keeps a vendor command's own structure raw and says why its TLV could not be read", () => {
    const v = valuesOf(decodeMessage(capture('change_host_config.blob')));
    expect(v.tlv).toBeUndefined();
    expect(v.tlvError).toMatch(/runs past the end/);
  });

  it('reads the registration (06 00): password, config byte and currency before the BMPs', () => {
    const m = decodeMessage(capture('1681273860.511128000_ecr_pt.blob'));
    expect(m.prefix.toString('hex')).toBe('123456de0978');
    expect(m.fields).toHaveLength(0);
  });

  it('reads a print text block (06 D3) with an extended length', () => {
    const m = decodeMessage(capture('1680728215.585561000_pt_ecr.blob'));
    const tlv = valuesOf(m).tlv!;
    expect(findTlv(tlv, 0x1f07)?.value).toEqual(Buffer.from([0x02]));
    expect(findTlv(tlv, 0x25)?.children?.length).toBeGreaterThan(5);
  });
});

describe('codec properties', () => {
  const tlvObject: fc.Arbitrary<TlvObject> = fc.letrec((tie) => ({
    primitive: fc.record({
      tag: fc.constantFrom(0x12, 0x14, 0x1f06, 0x1f16, 0x07, 0x09),
      value: fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u)),
    }),
    constructed: fc
      .record({
        tag: fc.constantFrom(0x24, 0x25, 0xe9, 0x26),
        children: fc.array(tie('node') as fc.Arbitrary<TlvObject>, { maxLength: 3 }),
      })
      .map((o) => ({ tag: o.tag, children: o.children, value: encodeTlv(o.children) })),
    node: fc.oneof({ depthSize: 'small' }, tie('primitive'), tie('constructed')),
  })).node as fc.Arbitrary<TlvObject>;

  it('decode(encode(tlv)) = tlv', () => {
    fc.assert(
      fc.property(fc.array(tlvObject, { maxLength: 4 }), (objs) => {
        expect(decodeTlv(encodeTlv(objs))).toEqual(objs);
      }),
    );
  });

  it('a message built from BMPs decodes to the same fields and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999_999 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.uint8Array({ maxLength: 200 }),
        (amount, receipt, text) => {
          const data = Buffer.concat([
            bmp(0x04, amountToBcd(amount)),
            bmp(0x87, Buffer.from(String(receipt).padStart(4, '0'), 'hex')),
            bmp(0x3c, Buffer.from(text)),
            bmp(0x49, Buffer.from('0978', 'hex')),
          ]);
          const bytes = Buffer.concat([
            Buffer.from([0x06, 0x24]),
            data.length < 255 ? Buffer.from([data.length]) : Buffer.from([0xff, data.length & 0xff, data.length >> 8]),
            data,
          ]);
          const m = decodeMessage(bytes);
          expect(valuesOf(m)).toMatchObject({
            amount,
            receipt: String(receipt).padStart(4, '0'),
            currencyNumeric: '978',
          });
          expect(encodeMessage(m)).toEqual(bytes);
        },
      ),
    );
  });

  it('random data never throws out of the message decoder', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(0x0600, 0x0622, 0x040f, 0x04ff, 0x060f, 0x061e, 0x06d3, 0x8000),
        (data, cmd) => {
          const bytes = Buffer.concat([
            Buffer.from([cmd >> 8, cmd & 0xff]),
            data.length < 255 ? Buffer.from([data.length]) : Buffer.from([0xff, data.length & 0xff, data.length >> 8]),
            Buffer.from(data),
          ]);
          const m = decodeMessage(bytes);
          expect(encodeMessage(m)).toEqual(bytes);
        },
      ),
    );
  });

  it('reads masked PANs with E for hidden digits and F padding', () => {
    expect(bcdToMaskedPan(Buffer.from('672559EEEEEE1234F'.padEnd(18, 'F'), 'hex'))).toBe('672559******1234');
  });
});
