// A ZVT message decoded down to its fields. Some commands start with untagged data before their BMPs
// (Registration: password, config byte, currency; 06 1E: result code; 04 FF: status, timeout; a status
// enquiry's completion: software version and terminal status). Whatever cannot be read is kept raw,
// so every message re-encodes to exactly the bytes it came from.
import { decodeApdu, encodeApdu } from './apdu.js';
import { bcdToDigits, bcdToMaskedPan, bcdToNumber } from './bcd.js';
import { readVarLength, walkBmps, type BmpField } from './bmp.js';
import { intermediateStatusPrefix } from './intermediate-status.js';
import { decodeTlv, type TlvObject } from './tlv.js';

export interface ZvtMessage {
  readonly cls: number;
  readonly instr: number;
  /** Untagged data before the BMPs. */
  readonly prefix: Buffer;
  readonly fields: readonly BmpField[];
  /** Data that could not be read as BMPs, kept as it was. */
  readonly rest: Buffer;
}

/** How many untagged bytes a command carries before its BMPs. */
export function prefixLength(cls: number, instr: number, data: Uint8Array): number {
  const key = (cls << 8) | instr;
  switch (key) {
    case 0x0600: // Registration: password (3), config byte, then the currency without a BMP tag
      return Math.min(data.length, data.length > 4 ? 6 : 4);
    case 0x0501: // Status enquiry, End of day, Log-off and Reversal start with the password
    case 0x0650:
    case 0x0602:
    case 0x0630:
      return Math.min(data.length, 3);
    case 0x061e: // Abort from the terminal: result code
      return Math.min(data.length, 1);
    case 0x04ff: // Intermediate status: status byte, then an optional T4 timeout in minutes
      return intermediateStatusPrefix(data);
    case 0x06d1: // Print line: attribute and text, no BMPs
      return data.length;
    case 0x060f: {
      // A status enquiry's completion starts with the software version (LLLVAR) and the terminal status
      const n = readVarLength(data, 0, 3);
      return n === undefined ? 0 : Math.min(data.length, 3 + n + 1);
    }
    default:
      return 0;
  }
}

export function decodeMessage(bytes: Uint8Array): ZvtMessage {
  const apdu = decodeApdu(bytes);
  const p = prefixLength(apdu.cls, apdu.instr, apdu.data);
  const walk = walkBmps(apdu.data.subarray(p));
  return {
    cls: apdu.cls,
    instr: apdu.instr,
    prefix: Buffer.from(apdu.data.subarray(0, p)),
    fields: walk.fields,
    rest: walk.rest,
  };
}

export function encodeMessage(m: ZvtMessage): Buffer {
  return encodeApdu({
    cls: m.cls,
    instr: m.instr,
    data: Buffer.concat([m.prefix, ...m.fields.map((f) => f.raw), m.rest]),
  });
}

/** Readable values of the fields the bridge acts on. */
export interface ZvtValues {
  amount?: number;
  currencyNumeric?: string;
  receipt?: string;
  trace?: string;
  turnover?: string;
  aid?: string;
  terminalId?: string;
  maskedPan?: string;
  cardType?: number;
  resultCode?: number;
  time?: string;
  date?: string;
  paymentType?: number;
  /** BMP 60, an end-of-day's individual totals, as hex (read by end-of-day.ts). */
  individualTotals?: string;
  tlv?: TlvObject[];
  /** Why a TLV container could not be read (vendor commands carry their own structures). */
  tlvError?: string;
}

export function valuesOf(m: ZvtMessage): ZvtValues {
  const v: ZvtValues = {};
  for (const f of m.fields) {
    switch (f.bmp) {
      case 0x04:
        v.amount = bcdToNumber(f.value);
        break;
      case 0x49:
        v.currencyNumeric = bcdToDigits(f.value).replace(/^0/, '');
        break;
      case 0x87:
        v.receipt = bcdToDigits(f.value);
        break;
      case 0x0b:
        v.trace = bcdToDigits(f.value);
        break;
      case 0x88:
        v.turnover = bcdToDigits(f.value);
        break;
      case 0x3b:
        v.aid = f.value.toString('latin1').replace(/\0+$/, '');
        break;
      case 0x29:
        v.terminalId = bcdToDigits(f.value);
        break;
      case 0x22:
        v.maskedPan = bcdToMaskedPan(f.value);
        break;
      case 0x8a:
        v.cardType = f.value[0];
        break;
      case 0x27:
        v.resultCode = f.value[0];
        break;
      case 0x0c:
        v.time = bcdToDigits(f.value);
        break;
      case 0x0d:
        v.date = bcdToDigits(f.value);
        break;
      case 0x19:
        v.paymentType = f.value[0];
        break;
      case 0x60:
        v.individualTotals = f.value.toString('hex');
        break;
      case 0x06:
        try {
          v.tlv = decodeTlv(f.value);
        } catch (err) {
          v.tlvError = (err as Error).message;
        }
        break;
    }
  }
  if (m.cls === 0x06 && m.instr === 0x1e && m.prefix.length) v.resultCode = m.prefix[0];
  return v;
}
