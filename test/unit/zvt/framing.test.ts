// ZVT serial framing and CRC, against the vectors verified from real terminal traces (shared zvt.md §2.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApduReassembler, decodeApdu, encodeApdu } from '../../../bridge/terminals/zvt/apdu.js';
import { crc16Kermit } from '../../../bridge/terminals/zvt/crc.js';
import { encodeFrame, FrameParser } from '../../../bridge/terminals/zvt/frame.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const crcBytes = (apdu: string) => {
  const c = crc16Kermit(Buffer.concat([hex(apdu), Buffer.from([0x03])]));
  return Buffer.from([c & 0xff, c >> 8]).toString('hex');
};

describe('CRC-16/KERMIT', () => {
  it('has the check value 0x2189', () => {
    expect(crc16Kermit(Buffer.from('123456789'))).toBe(0x2189);
  });

  it('matches the verified vectors', () => {
    expect(crcBytes('06 01 07 04 00 00 00 00 01 90')).toBe('7657'); // Verifone P400 trace
    expect(crcBytes('06 93 03 12 34 56')).toBe('caa4');
    expect(crcBytes('06 22 0C 04 00 00 00 00 12 34 49 09 78 19 40')).toBe('b6a6');
    expect(crcBytes('06 23 03 87 FF FF')).toBe('fbbd');
    expect(crcBytes('05 01 03 12 34 56')).toBe('e043');
    expect(crcBytes('06 B0 00')).toBe('43f3');
  });
});

describe('serial frames', () => {
  it('frames as the traces show, doubling DLE inside the APDU only', () => {
    expect(encodeFrame(hex('06 00 06 12 34 56 BA 09 78')).toString('hex')).toBe(
      '1002060006123456ba09781003 24c3'.replace(/ /g, ''),
    );
    expect(encodeFrame(hex('80 00 00')).toString('hex')).toBe('10028000001003f51f');
    expect(encodeFrame(hex('06 24 0D 87 00 10 04 00 00 00 00 10 00 49 09 78')).toString('hex')).toBe(
      '10 02 06 24 0D 87 00 10 10 04 00 00 00 00 10 10 00 49 09 78 10 03 91 B2'.replace(/ /g, '').toLowerCase(),
    );
  });

  it('parses frames, ACK and NAK, across any chunking', () => {
    const stream = Buffer.concat([
      Buffer.from([0x06]),
      encodeFrame(hex('06 24 0D 87 00 10 04 00 00 00 00 10 00 49 09 78')),
      Buffer.from([0x15]),
    ]);
    for (const size of [1, 2, 3, 7, stream.length]) {
      const p = new FrameParser();
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...p.push(stream.subarray(i, i + size)));
      expect(out.map((f) => f.type)).toEqual(['ack', 'apdu', 'nak']);
      expect(out[1]).toEqual({ type: 'apdu', apdu: hex('06 24 0D 87 00 10 04 00 00 00 00 10 00 49 09 78') });
    }
  });

  it('reports junk and a bad CRC as discarded frames, and recovers for the next frame', () => {
    const good = encodeFrame(hex('80 00 00'));
    const bad = Buffer.from(good);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    const out = new FrameParser().push(Buffer.concat([hex('41 42'), bad, good]));
    expect(out.map((f) => (f.type === 'discarded' ? `discarded:${f.reason}` : f.type))).toEqual([
      'discarded:junk',
      'discarded:bad_crc',
      'apdu',
    ]);
  });

  it('never throws on random bytes, and keeps every valid frame that follows them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 0, maxLength: 40 }), (noise, data) => {
        const apdu = encodeApdu({ cls: 0x06, instr: 0x01, data: Buffer.from(data) });
        const p = new FrameParser();
        p.push(noise);
        p.flush();
        const out = p.push(encodeFrame(apdu));
        expect(out.filter((f) => f.type === 'apdu')).toEqual([{ type: 'apdu', apdu }]);
      }),
    );
  });

  it('round-trips any APDU through a frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        const apdu = encodeApdu({ cls: 0x06, instr: 0xd3, data: Buffer.from(data) });
        const out = new FrameParser().push(encodeFrame(apdu));
        expect(out).toEqual([{ type: 'apdu', apdu }]);
        expect(decodeApdu(apdu).data).toEqual(Buffer.from(data));
      }),
    );
  });
});

describe('APDUs over TCP', () => {
  it('uses one length byte below 255 and FF + two bytes, low first, above', () => {
    expect(
      encodeApdu({ cls: 6, instr: 0xd3, data: Buffer.alloc(254) })
        .subarray(0, 3)
        .toString('hex'),
    ).toBe('06d3fe');
    expect(
      encodeApdu({ cls: 6, instr: 0xd3, data: Buffer.alloc(0x461) })
        .subarray(0, 5)
        .toString('hex'),
    ).toBe('06d3ff6104');
  });

  it('reassembles APDUs from arbitrary chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 400 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        (datas, size) => {
          const apdus = datas.map((d) => encodeApdu({ cls: 4, instr: 0x0f, data: Buffer.from(d) }));
          const stream = Buffer.concat(apdus);
          const r = new ApduReassembler();
          const out: Buffer[] = [];
          for (let i = 0; i < stream.length; i += size) out.push(...r.push(stream.subarray(i, i + size)));
          expect(out).toEqual(apdus);
          expect(r.pending).toBe(0);
        },
      ),
    );
  });
});
