// BMPs (bitmaps): the tagged fields of ZVT messages. Each BMP has a fixed length, an LLVAR/LLLVAR length
// (digits as F0–F9 bytes), or is the TLV container (06). Unknown BMPs stop the walk: the rest of the data
// is kept raw, so a message always re-encodes to the bytes it came from.

export type BmpFormat = { readonly fixed: number } | { readonly ll: 2 | 3 } | { readonly tlv: true };

/** Source: VDT ZVT spec PA00P015 ch. 3.1.1, via shared zvt.md §2.5 (plus the neighbours the captures use). */
export const BMPS: Readonly<Record<number, { readonly name: string; readonly format: BmpFormat }>> = {
  0x01: { name: 'timeout', format: { fixed: 1 } },
  0x02: { name: 'max_status_infos', format: { fixed: 1 } },
  0x03: { name: 'service_byte', format: { fixed: 1 } },
  0x04: { name: 'amount', format: { fixed: 6 } },
  0x05: { name: 'pump_number', format: { fixed: 1 } },
  0x06: { name: 'tlv', format: { tlv: true } },
  0x0b: { name: 'trace', format: { fixed: 3 } },
  0x0c: { name: 'time', format: { fixed: 3 } },
  0x0d: { name: 'date', format: { fixed: 2 } },
  0x0e: { name: 'expiry', format: { fixed: 2 } },
  0x17: { name: 'card_sequence_number', format: { fixed: 2 } },
  0x19: { name: 'payment_type', format: { fixed: 1 } },
  0x22: { name: 'pan', format: { ll: 2 } },
  0x23: { name: 'track2', format: { ll: 2 } },
  0x24: { name: 'track3', format: { ll: 3 } },
  0x27: { name: 'result_code', format: { fixed: 1 } },
  0x29: { name: 'terminal_id', format: { fixed: 4 } },
  0x2a: { name: 'vu_number', format: { fixed: 15 } },
  0x2d: { name: 'track1', format: { ll: 2 } },
  0x2e: { name: 'sync_chip_data', format: { ll: 3 } },
  0x37: { name: 'original_trace', format: { fixed: 3 } },
  0x3a: { name: 'cvv', format: { fixed: 2 } },
  0x3b: { name: 'aid', format: { fixed: 8 } },
  0x3c: { name: 'additional_text', format: { ll: 3 } },
  0x3d: { name: 'password', format: { fixed: 3 } },
  0x49: { name: 'currency', format: { fixed: 2 } },
  0x60: { name: 'individual_totals', format: { ll: 3 } },
  0x87: { name: 'receipt', format: { fixed: 2 } },
  0x88: { name: 'turnover', format: { fixed: 3 } },
  0x8a: { name: 'card_type', format: { fixed: 1 } },
  0x8b: { name: 'card_name', format: { ll: 2 } },
  0x8c: { name: 'card_type_id', format: { fixed: 1 } },
  0x9a: { name: 'geldkarte_payments', format: { ll: 3 } },
  0xa0: { name: 'result_code_as', format: { fixed: 1 } },
  0xa7: { name: 'chip_data', format: { ll: 2 } },
  0xaa: { name: 'date_yymmdd', format: { fixed: 3 } },
  0xaf: { name: 'emv_print_data', format: { ll: 3 } },
  0xba: { name: 'aid_parameter', format: { fixed: 5 } },
  0xd0: { name: 'algorithm_key', format: { fixed: 1 } },
  0xd1: { name: 'offset', format: { ll: 2 } },
  0xd2: { name: 'direction', format: { fixed: 1 } },
  0xd3: { name: 'key_position', format: { fixed: 1 } },
  0xe0: { name: 'input_min_length', format: { fixed: 1 } },
  0xe1: { name: 'display_text_1', format: { ll: 2 } },
  0xf0: { name: 'display_duration', format: { fixed: 1 } },
  0xf1: { name: 'display_text_2', format: { ll: 2 } },
};

export interface BmpField {
  readonly bmp: number;
  /** The field's value bytes (after any LL/LLL or TLV length). */
  readonly value: Buffer;
  /** The field exactly as it stood, tag included: what re-encoding writes back. */
  readonly raw: Buffer;
}

export interface BmpWalk {
  readonly fields: BmpField[];
  /** What could not be read as BMPs (an unknown BMP, or a field that runs past the end), kept as it was. */
  readonly rest: Buffer;
}

/** LLVAR/LLLVAR lengths are written as F0–F9 digit bytes (F1 F6 = 16); undefined if these are not such bytes. */
export function readVarLength(buf: Uint8Array, at: number, digits: number): number | undefined {
  if (at + digits > buf.length) return undefined;
  let n = 0;
  for (let i = 0; i < digits; i++) {
    const b = buf[at + i]!;
    if (b >> 4 !== 0xf || (b & 0x0f) > 9) return undefined;
    n = n * 10 + (b & 0x0f);
  }
  return n;
}

function tlvLength(buf: Uint8Array, at: number): { length: number; header: number } | undefined {
  if (at >= buf.length) return undefined;
  const first = buf[at]!;
  if (first < 0x80) return { length: first, header: 1 };
  if (first === 0x81 && at + 1 < buf.length) return { length: buf[at + 1]!, header: 2 };
  if (first === 0x82 && at + 2 < buf.length) return { length: (buf[at + 1]! << 8) | buf[at + 2]!, header: 3 };
  return undefined;
}

export function walkBmps(data: Uint8Array): BmpWalk {
  const fields: BmpField[] = [];
  let at = 0;
  while (at < data.length) {
    const bmp = data[at]!;
    const def = BMPS[bmp];
    if (!def) break;
    let header: number;
    let length: number;
    const f = def.format;
    if ('fixed' in f) {
      header = 1;
      length = f.fixed;
    } else if ('ll' in f) {
      const n = readVarLength(data, at + 1, f.ll);
      if (n === undefined) break;
      header = 1 + f.ll;
      length = n;
    } else {
      const l = tlvLength(data, at + 1);
      if (!l) break;
      header = 1 + l.header;
      length = l.length;
    }
    if (at + header + length > data.length) break;
    fields.push({
      bmp,
      value: Buffer.from(data.subarray(at + header, at + header + length)),
      raw: Buffer.from(data.subarray(at, at + header + length)),
    });
    at += header + length;
  }
  return { fields, rest: Buffer.from(data.subarray(at)) };
}

/** A BMP as bytes, with its length prefix; for building commands. */
/** The F-digit length of an LLVAR (2 digits) or LLLVAR (3 digits). */
export function varLength(n: number, digits: number): Buffer {
  return Buffer.from([...String(n).padStart(digits, '0')].map((d) => 0xf0 | Number(d)));
}

export function bmp(tag: number, value: Uint8Array): Buffer {
  const def = BMPS[tag];
  if (!def) throw new RangeError(`unknown BMP ${tag.toString(16)}`);
  const f = def.format;
  if ('fixed' in f) {
    if (value.length !== f.fixed)
      throw new RangeError(`BMP ${tag.toString(16)} takes ${f.fixed} bytes, not ${value.length}`);
    return Buffer.concat([Buffer.from([tag]), value]);
  }
  if ('ll' in f) {
    if (String(value.length).length > f.ll) throw new RangeError(`BMP ${tag.toString(16)} value too long`);
    return Buffer.concat([Buffer.from([tag]), varLength(value.length, f.ll), value]);
  }
  const n = value.length;
  const len = n < 0x80 ? [n] : n <= 0xff ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), value]);
}
