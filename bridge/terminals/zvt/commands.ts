// Builders of the ECR's ZVT commands, pure: each returns the APDU bytes to send. Field order follows the
// specification's tables; which reference fields go along comes from the terminal profile.
import currencyCodes from 'currency-codes';
import { encodeApdu } from './apdu.js';
import { amountToBcd, digitsToBcd } from './bcd.js';
import { bmp } from './bmp.js';
import type { TerminalProfile } from './profile.js';

/** ISO 4217 numeric code as 2 bytes of BCD (EUR → 09 78). */
export function currencyBcd(alpha: string): Buffer {
  const entry = currencyCodes.code(alpha);
  if (!entry) throw new RangeError(`unknown currency ${alpha}`);
  return digitsToBcd(entry.number, 2);
}

/** What a terminal told us about a reservation (from its 04 0F), to refer to it later. */
export interface ReservationRef {
  readonly receipt: string; // 4 BCD digits
  readonly trace?: string; // 6 BCD digits
  readonly aid?: string; // up to 8 ASCII characters
  readonly date?: string; // MMDD
  readonly time?: string; // HHMMSS
  readonly terminalId?: string; // 8 BCD digits
}

const apdu = (cls: number, instr: number, parts: Buffer[]) => encodeApdu({ cls, instr, data: Buffer.concat(parts) });
const password = (pwd: string) => digitsToBcd(pwd, 3);

function references(ref: ReservationRef, profile: TerminalProfile, withReceipt: boolean): Buffer[] {
  const out: Buffer[] = [];
  const want = new Set(profile.references);
  if (withReceipt && want.has('receipt')) out.push(bmp(0x87, digitsToBcd(ref.receipt, 2)));
  if (want.has('trace') && ref.trace) out.push(bmp(0x0b, digitsToBcd(ref.trace, 3)));
  if (want.has('aid') && ref.aid) out.push(bmp(0x3b, Buffer.from(ref.aid.padEnd(8, '\0'), 'latin1')));
  if (want.has('datetime') && ref.time && ref.date)
    out.push(bmp(0x0c, digitsToBcd(ref.time, 3)), bmp(0x0d, digitsToBcd(ref.date, 2)));
  if (want.has('terminal_id') && ref.terminalId) out.push(bmp(0x29, digitsToBcd(ref.terminalId, 4)));
  return out;
}

/**
 * Registration (06 00): password, config byte, currency (no BMP tag), service byte. Config BA: ECR prints
 * payment and admin receipts (02, 08 intermediate status, 10 ECR controls payments, 20 admin, 80 print via 06 D1/D3).
 */
export function registration(pwd: string, currency: string, config = 0xba): Buffer {
  return apdu(0x06, 0x00, [password(pwd), Buffer.from([config]), currencyBcd(currency)]);
}

/**
 * End-of-Day (06 50): the password alone (PA00P015 §2.16; capture 1681282621.302434000_ecr_pt is
 * `06 50 03 12 34 56`). The terminal sends its stored turnover to the host and reports the totals in 04 0F.
 */
export function endOfDay(pwd: string): Buffer {
  return apdu(0x06, 0x50, [password(pwd)]);
}

export function statusEnquiry(pwd: string): Buffer {
  return apdu(0x05, 0x01, [password(pwd)]);
}

/** Pre-authorisation (06 22): amount, currency, and the profile's payment type. */
export function preauth(amount: number, currency: string, profile: TerminalProfile): Buffer {
  return apdu(0x06, 0x22, [
    bmp(0x04, amountToBcd(amount)),
    bmp(0x49, currencyBcd(currency)),
    ...(profile.paymentType !== undefined ? [bmp(0x19, Buffer.from([profile.paymentType]))] : []),
  ]);
}

/** Extension (06 22 referring to the previous reservation): the additional amount and the references. */
export function extension(additional: number, currency: string, ref: ReservationRef, profile: TerminalProfile): Buffer {
  if (!profile.extension) throw new RangeError(`profile ${profile.name} has no reservation extension`);
  return apdu(0x06, 0x22, [
    bmp(0x04, amountToBcd(additional)),
    bmp(0x49, currencyBcd(currency)),
    ...references(ref, profile, true),
  ]);
}

/** Book Total (06 24): the receipt first (mandatory), then the final amount. */
export function bookTotal(
  finalAmount: number,
  currency: string,
  ref: ReservationRef,
  profile: TerminalProfile,
): Buffer {
  if (!profile.bookTotal) throw new RangeError(`profile ${profile.name} does not book totals`);
  const [receipt, ...rest] = references(
    ref,
    { ...profile, references: ['receipt', ...profile.references.filter((r) => r !== 'receipt')] },
    true,
  );
  return apdu(0x06, 0x24, [receipt!, bmp(0x04, amountToBcd(finalAmount)), bmp(0x49, currencyBcd(currency)), ...rest]);
}

/** Partial Reversal (06 23): releases the UNUSED amount of the reservation. */
export function partialReversal(
  unused: number,
  currency: string,
  ref: ReservationRef,
  profile: TerminalProfile,
): Buffer {
  if (!profile.partialReversal) throw new RangeError(`profile ${profile.name} has no partial reversal`);
  return apdu(0x06, 0x23, [
    ...(profile.paymentType !== undefined ? [bmp(0x19, Buffer.from([profile.paymentType]))] : []),
    ...references(ref, profile, true),
    bmp(0x49, currencyBcd(currency)),
    bmp(0x04, amountToBcd(unused)),
  ]);
}

/** "Which pre-authorisations are open?" (06 23 with receipt FFFF): asked at start-up to reconcile. */
export function openPreauthEnquiry(): Buffer {
  return apdu(0x06, 0x23, [bmp(0x87, Buffer.from([0xff, 0xff]))]);
}

/** Pre-Authorisation Reversal (06 25): voids the reservation. */
export function preauthReversal(currency: string, ref: ReservationRef, profile: TerminalProfile): Buffer {
  if (!profile.preauthReversal) throw new RangeError(`profile ${profile.name} has no pre-authorisation reversal`);
  return apdu(0x06, 0x25, [
    ...(profile.paymentType !== undefined ? [bmp(0x19, Buffer.from([profile.paymentType]))] : []),
    ...references(ref, profile, true),
    bmp(0x49, currencyBcd(currency)),
  ]);
}

/** Reversal (06 30) of an ordinary payment, before the end-of-day batch. */
export function reversal(pwd: string, ref: ReservationRef): Buffer {
  return apdu(0x06, 0x30, [password(pwd), bmp(0x87, digitsToBcd(ref.receipt, 2))]);
}

/** Abort (06 B0): the POS's cancel, where the terminal allows it. */
export function abort(): Buffer {
  return apdu(0x06, 0xb0, []);
}
