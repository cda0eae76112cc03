// Card data as the POS hands it over for card-not-present providers. It lives in memory only:
// the store keeps the masked PAN and brand, never the number, expiry or CVV.
import { maskPan } from './redact.js';

export interface CardInput {
  readonly number: string;
  readonly expiry_month: number;
  readonly expiry_year: number;
  readonly cvv?: string;
  readonly holder_name?: string;
}

export function luhnValid(pan: string): boolean {
  if (!/^\d{12,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let d = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Brand from the IIN ranges the schemes publish; "unknown" rather than a guess. */
export function cardBrand(pan: string): string {
  if (/^4/.test(pan)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(pan)) return 'mastercard';
  if (/^3[47]/.test(pan)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(pan)) return 'discover';
  if (/^(50|5[6-9]|6\d)/.test(pan)) return 'maestro';
  if (/^35(2[89]|[3-8]\d)/.test(pan)) return 'jcb';
  return 'unknown';
}

export interface MaskedCard {
  readonly brand: string;
  readonly maskedPan: string;
  readonly entryMode: string;
}

export function maskCard(card: CardInput): MaskedCard {
  return { brand: cardBrand(card.number), maskedPan: maskPan(card.number), entryMode: 'keyed' };
}

/** Whether the card's expiry month (end of month, UTC) has passed at `nowMs`. */
export function cardExpired(card: CardInput, nowMs: number): boolean {
  const year = card.expiry_year < 100 ? 2000 + card.expiry_year : card.expiry_year;
  const endOfMonth = Date.UTC(year, card.expiry_month, 1); // first instant of the next month
  return nowMs >= endOfMonth;
}

/** A provider's brand label ("Visa Credit", "MasterCard", "American Express") in our vocabulary. */
export function normalizeBrand(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.toLowerCase();
  if (l.includes('visa')) return 'visa';
  if (l.includes('master')) return 'mastercard';
  if (l.includes('amex') || l.includes('american express')) return 'amex';
  if (l.includes('discover')) return 'discover';
  if (l.includes('maestro')) return 'maestro';
  if (l.includes('jcb')) return 'jcb';
  if (l.includes('diners')) return 'diners';
  return l.split(/\s+/)[0];
}
