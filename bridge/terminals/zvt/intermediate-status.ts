// The intermediate status (04 FF), read in both forms terminals send (VDT PA00P015 §3.7):
//   04 FF len <status> [<timeout>] [06 <TLV: 24 display texts>]
// Real terminals mostly send the status byte alone (the Feig capture: 04 FF 01 17); the timeout (T4 in
// BCD minutes) comes before a TLV container, which a terminal may send only to an ECR that asked for TLV
// (§9.2.2). Older builds of our simulator sent the TLV without the timeout; that form is read too.
// Without display texts, the text is the one the specification gives for the status code.
import { decodeTlv, findTlv, type TlvObject } from './tlv.js';

/** Table 17 of PA00P015 §3.7 (the English column). 41–5D are 01–1D with "Please remove card!". */
const BASE: Readonly<Record<number, string>> = {
  0x00: 'PT is waiting for amount-confirmation',
  0x01: 'Please watch PIN-Pad',
  0x02: 'Please watch PIN-Pad',
  0x03: 'Not accepted',
  0x04: 'PT is waiting for response from FEP',
  0x05: 'PT is sending auto-reversal',
  0x06: 'PT is sending post-bookings',
  0x07: 'Card not admitted',
  0x08: 'Card unknown / undefined',
  0x09: 'Expired card',
  0x0a: 'Insert card',
  0x0b: 'Please remove card!',
  0x0c: 'Card not readable',
  0x0d: 'Processing error',
  0x0e: 'Please wait...',
  0x0f: 'PT is commencing an automatic end-of-day batch',
  0x10: 'Invalid card',
  0x11: 'Balance display',
  0x12: 'System malfunction',
  0x13: 'Payment not possible',
  0x14: 'Credit not sufficient',
  0x15: 'Incorrect PIN',
  0x16: 'Limit not sufficient',
  0x17: 'Please wait...',
  0x18: 'PIN try limit exceeded',
  0x19: 'Card-data incorrect',
  0x1a: 'Service-mode',
  0x1b: 'Approved. Please fill-up',
  0x1c: 'Approved. Please take goods',
  0x1d: 'Declined',
  0x26: 'PT is waiting for input of the mobile-number',
  0x27: 'PT is waiting for repeat of mobile number',
  0x28: 'Currency selection, please wait...',
  0x29: 'Language selection, please wait...',
  0x2a: 'For loading please insert card',
  0x2b: 'Emergency transaction, please wait',
  0x2c: 'Application selection, please wait',
  0x68: 'PT has detected customer card insertion',
  0x69: 'Please select DCC',
  0xc7: 'PT is waiting for input of the mileage',
  0xc8: 'PT is waiting for cashier',
  0xc9: 'PT is commencing an automatic diagnosis',
  0xca: 'PT is commencing an automatic initialisation',
  0xcb: 'Merchant-journal full',
  0xcc: 'Debit advice not possible, PIN required',
  0xd2: 'Connecting dial-up',
  0xd3: 'Dial-up connection made',
  0xe0: 'PT is waiting for application-selection',
  0xe1: 'PT is waiting for language-selection',
  0xe2: 'PT requests to use the cleaning card',
  0xf1: 'Offline',
  0xf2: 'Online',
  0xf3: 'Offline transaction',
};

/** The specification's text for a status code; undefined for FF ("see TLV 24") and codes it does not name. */
export function statusCodeText(code: number): string | undefined {
  if (code >= 0x41 && code <= 0x5d && code !== 0x4a) {
    const base = code === 0x4b ? undefined : BASE[code - 0x40];
    return base ? `${base}\nPlease remove card!` : 'Please remove card!';
  }
  if (code === 0x66 || code === 0x67) return `${BASE[code - 0x40]}\nPlease remove card!`;
  return BASE[code];
}

/** Whether `data` from `at` on is exactly one TLV container (06 + length + objects), nothing after it. */
function isTlvContainerToEnd(data: Uint8Array, at: number): boolean {
  if (data[at] !== 0x06 || at + 1 >= data.length) return false;
  const first = data[at + 1]!;
  let header: number;
  let length: number;
  if (first < 0x80) [header, length] = [1, first];
  else if (first === 0x81 && at + 2 < data.length) [header, length] = [2, data[at + 2]!];
  else if (first === 0x82 && at + 3 < data.length) [header, length] = [3, (data[at + 2]! << 8) | data[at + 3]!];
  else return false;
  return at + 1 + header + length === data.length;
}

/**
 * How many untagged bytes open a 04 FF's data: the status, and the timeout if one is there. A second
 * byte 06 is ambiguous (a timeout of 6 minutes, or the TLV container's tag): the reading that leaves
 * exactly one TLV container to the end wins, the specification's (with the timeout) first.
 */
export function intermediateStatusPrefix(data: Uint8Array): number {
  if (data.length <= 1) return data.length;
  if (data.length === 2) return 2;
  if (isTlvContainerToEnd(data, 2)) return 2;
  if (isTlvContainerToEnd(data, 1)) return 1;
  // Neither reading fits: keep the spec's layout (status, timeout) and let the rest stay raw.
  return 2;
}

export interface IntermediateStatus {
  readonly code: number;
  /** The new T4 the terminal asks for, in minutes (BCD on the wire). */
  readonly timeoutMinutes?: number;
  /** Display text lines from TLV tag 24 (tag 07 each), when the terminal sent them. */
  readonly lines: readonly string[];
  /** What to show: the display texts if sent, else the specification's text for the code. */
  readonly text?: string;
}

/** Reads an intermediate status from its APDU data (after the length). Never throws. */
export function readIntermediateStatus(data: Uint8Array): IntermediateStatus {
  const code = data[0] ?? 0;
  const p = intermediateStatusPrefix(data);
  let timeoutMinutes: number | undefined;
  if (p === 2) {
    const m = Number(data[1]!.toString(16).padStart(2, '0'));
    if (Number.isInteger(m) && m > 0) timeoutMinutes = m;
  }
  let objects: TlvObject[] = [];
  if (isTlvContainerToEnd(data, p)) {
    const header = data[p + 1]! < 0x80 ? 1 : data[p + 1] === 0x81 ? 2 : 3;
    try {
      objects = decodeTlv(data.subarray(p + 1 + header));
    } catch {
      objects = [];
    }
  }
  const lines =
    findTlv(objects, 0x24)
      ?.children?.filter((c) => c.tag === 0x07)
      .map((c) => Buffer.from(c.value).toString('latin1')) ?? [];
  const text = lines.length ? lines.join('\n') : statusCodeText(code);
  return {
    code,
    ...(timeoutMinutes !== undefined ? { timeoutMinutes } : {}),
    lines,
    ...(text !== undefined ? { text } : {}),
  };
}
