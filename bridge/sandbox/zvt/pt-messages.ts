// The messages the simulated terminal sends, as bytes; pure. Sources: VDT PA00P015 rev 13.08 (the section
// named at each builder) and the Feig captures in shared zvt-captures/ (README of this folder).
import { encodeApdu } from '../../terminals/zvt/apdu.js';
import { amountToBcd, digitsToBcd } from '../../terminals/zvt/bcd.js';
import { bmp, varLength } from '../../terminals/zvt/bmp.js';
import { currencyBcd } from '../../terminals/zvt/commands.js';
import { encodeTlv } from '../../terminals/zvt/tlv.js';

export const ZVT_TERMINAL_ID = '52523535';
export const ZVT_SOFTWARE_VERSION = 'posbridge-sim 1';

export const ACK = Buffer.from([0x80, 0x00, 0x00]);
/** 84 83 00: "respond to unknown bitmaps with an error" (ch. 13); 83 = function not possible (ch. 10). */
export const NOT_POSSIBLE = Buffer.from([0x84, 0x83, 0x00]);
/** 84 9A 00: "ZVT protocol error, e.g. parsing error, mandatory message element missing" (ch. 10). */
export const PROTOCOL_ERROR = Buffer.from([0x84, 0x9a, 0x00]);

const EUR = currencyBcd('EUR');
const apdu = (cls: number, instr: number, ...parts: Buffer[]) => encodeApdu({ cls, instr, data: Buffer.concat(parts) });
const bcd = (n: number, bytes: number) => digitsToBcd(String(n), bytes);
const two = (n: number) => String(n).padStart(2, '0');

/** T4 the terminal announces with a TLV status: the default 180 s (PA00P016 §5.2.6), as BCD minutes. */
const T4_MINUTES = 0x03;

/**
 * Intermediate status 04 FF (§3.7). Plain, it is the status byte alone, as the Feig sends it (capture
 * 1680728162.647465000_pt_ecr: `04 FF 01 17`). With TLV, the display text goes in tag 24 / 07 (§9.4.2.2),
 * and then the timeout must come too: "If the <TLV-container> is sent, then the PT must also send <timeout>".
 */
export function intermediateStatus(code: number, text: string, tlv: boolean): Buffer {
  if (!tlv) return apdu(0x04, 0xff, Buffer.from([code]));
  const texts = encodeTlv([
    { tag: 0x24, value: Buffer.alloc(0), children: [{ tag: 0x07, value: Buffer.from(text, 'latin1') }] },
  ]);
  return apdu(0x04, 0xff, Buffer.from([code, T4_MINUTES]), bmp(0x06, texts));
}

export interface Booking {
  readonly receipt: number;
  readonly trace: number;
}

/**
 * Status information 04 0F with a booking's result (§3.1), fields in the order of the Feig's
 * (capture 1680728165.675509000_pt_ecr). The currency only if the request had one (§1.4).
 */
export function statusInformation(b: Booking, amount: number, withCurrency: boolean, now: Date): Buffer {
  const time = digitsToBcd(two(now.getHours()) + two(now.getMinutes()) + two(now.getSeconds()), 3);
  const date = digitsToBcd(two(now.getMonth() + 1) + two(now.getDate()), 2);
  return apdu(
    0x04,
    0x0f,
    bmp(0x27, Buffer.from([0x00])),
    bmp(0x04, amountToBcd(amount)),
    ...(withCurrency ? [bmp(0x49, EUR)] : []),
    bmp(0x0c, time),
    bmp(0x0d, date),
    bmp(0x22, Buffer.from('672559EEEEEE1234', 'hex')),
    bmp(0x87, bcd(b.receipt, 2)),
    bmp(0x3b, Buffer.from('750071\0\0', 'latin1')),
    bmp(0x0b, bcd(b.trace, 3)),
    bmp(0x29, Buffer.from(ZVT_TERMINAL_ID, 'hex')),
    bmp(0x8a, Buffer.from([0x06])),
  );
}

/** A failed command's status information: the result code alone (04 0F with 27 ≠ 00, §2.2.6 / zvt.md §2.6). */
export const failedStatus = (rc: number): Buffer => apdu(0x04, 0x0f, bmp(0x27, Buffer.from([rc])));

/** Completion 06 0F without data (§3.2): the command succeeded, the ECR is master again. */
export const completion = (): Buffer => apdu(0x06, 0x0f);

/** Abort 06 1E <result-code> (§3.3): the command failed. */
export const abortWith = (rc: number): Buffer => apdu(0x06, 0x1e, Buffer.from([rc]));

/** Print Line 06 D1 <attribute> <text> (§3.5; attribute 00 = normal). */
export const printLine = (text: string): Buffer => apdu(0x06, 0xd1, Buffer.from([0x00]), Buffer.from(text, 'latin1'));

/**
 * The answer to "are pre-authorisations open?" (06 23 87 FF FF, §2.10): `06 1E B8 87 <first open or FFFF>`
 * (the "none" form is capture partial_reversal.blob), and, to an ECR that takes TLV, the list of all open
 * receipts in tag 23 (tag 08 each): "the PT can also transmit a receipt-number list as a TLV-container".
 */
export function openPreauthAnswer(open: readonly number[], tlv: boolean): Buffer {
  const first = open[0] === undefined ? Buffer.from([0xff, 0xff]) : bcd(open[0], 2);
  const list =
    tlv && open.length
      ? [
          bmp(
            0x06,
            encodeTlv([
              { tag: 0x23, value: Buffer.alloc(0), children: open.map((r) => ({ tag: 0x08, value: bcd(r, 2) })) },
            ]),
          ),
        ]
      : [];
  return apdu(0x06, 0x1e, Buffer.from([0xb8]), bmp(0x87, first), ...list);
}

/** Registration's completion `06 0F [19 status-byte] [29 TID] [49 CC]` (§2.1); the currency only if sent (§1.4). */
export const registrationCompletion = (withCurrency: boolean): Buffer =>
  apdu(
    0x06,
    0x0f,
    bmp(0x19, Buffer.from([0x00])),
    bmp(0x29, Buffer.from(ZVT_TERMINAL_ID, 'hex')),
    ...(withCurrency ? [bmp(0x49, EUR)] : []),
  );

/** Status enquiry's completion `06 0F <software version LLLVAR> <terminal status>` (§2.56.5; 00 = ready, ch. 11). */
export const statusEnquiryCompletion = (): Buffer =>
  apdu(
    0x06,
    0x0f,
    varLength(ZVT_SOFTWARE_VERSION.length, 3),
    Buffer.from(ZVT_SOFTWARE_VERSION, 'latin1'),
    Buffer.from([0x00]),
  );

/** One card group's line of BMP 60 (counted here by the ZVT card type of the booking: 06 Mastercard → Eurocard). */
export interface GroupTotal {
  readonly group: number; // index in BMP 60's order: girocard, JCB, Eurocard, Amex, VISA, Diners, others
  readonly count: number;
  readonly amount: number;
}

/**
 * End-of-Day's status information (§2.16.4) in the Feig's field order (capture 1680761828.489701000_pt_ecr:
 * `04 0F 27 00 04 <total> 0B <trace> 0D <MMDD> 0C <HHMMSS> 60 F0 F5 F3 <receipt from> <receipt to>` then
 * count (1 byte) and total (6 B BCD) for each of the seven card groups). No currency, as in the capture.
 */
export function endOfDayStatus(
  groups: readonly GroupTotal[],
  receipts: { from: number; to: number },
  trace: number,
  now: Date,
): Buffer {
  const time = digitsToBcd(two(now.getHours()) + two(now.getMinutes()) + two(now.getSeconds()), 3);
  const date = digitsToBcd(two(now.getMonth() + 1) + two(now.getDate()), 2);
  const singles = Buffer.concat([
    bcd(receipts.from, 2),
    bcd(receipts.to, 2),
    ...Array.from({ length: 7 }, (_, i) => {
      const g = groups.find((x) => x.group === i);
      return Buffer.concat([Buffer.from([g?.count ?? 0]), amountToBcd(g?.amount ?? 0)]);
    }),
  ]);
  const total = groups.reduce((n, g) => n + g.amount, 0);
  return apdu(
    0x04,
    0x0f,
    bmp(0x27, Buffer.from([0x00])),
    bmp(0x04, amountToBcd(total)),
    bmp(0x0b, bcd(trace, 3)),
    bmp(0x0d, date),
    bmp(0x0c, time),
    bmp(0x60, singles),
  );
}
