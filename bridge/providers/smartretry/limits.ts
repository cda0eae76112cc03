// SmartRetry's documented limits on a pre-authorisation, checked at intake so a request SmartRetry would
// refuse with 400 is refused before anything is written or sent. The preauth body "is identical to the
// sale request body" (payments/preauth); the ranges are those of payments/sale, the currencies those
// of api-reference/overview ("Supported currencies").
import type { CardInput } from '../../core/card.js';
import type { FieldError } from '../../core/errors.js';
import { toMajorNumber } from '../../core/money.js';

export const SMARTRETRY_CURRENCIES: ReadonlySet<string> = new Set([
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'KWD',
  'CNY',
  'AUD',
  'CAD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'RUB',
  'ILS',
  'INR',
  'BRL',
  'MXN',
  'ZAR',
  'SGD',
  'HKD',
  'NZD',
  'AED',
  'SAR',
  'TRY',
  'PLN',
  'CZK',
  'HUF',
  'THB',
  'PHP',
  'MYR',
  'BGN',
  'RON',
  'IDR',
  'KRW',
  'COP',
  'UAH',
  'VND',
  'QAR',
  'BHD',
  'EGP',
  'MAD',
  'KES',
  'UGX',
  'NGN',
  'OMR',
  'ARS',
  'CLP',
  'JOD',
  'PYG',
  'RWF',
]);

/** payments/sale: `amount` "Minimum 1, maximum 999999999" in major units. */
export const MIN_MAJOR_AMOUNT = 1;
export const MAX_MAJOR_AMOUNT = 999_999_999;

/** Two-digit expiry years as the POS may send them, in the four digits SmartRetry takes. */
export function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

export interface PreauthRequest {
  readonly card?: CardInput;
  readonly currency: string;
  readonly amount: number;
}

export function checkPreauthLimits(req: PreauthRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (!SMARTRETRY_CURRENCIES.has(req.currency)) {
    errors.push({ field: 'currency', message: `SmartRetry does not support ${req.currency}` });
  } else {
    const major = toMajorNumber(req.amount, req.currency);
    if (major < MIN_MAJOR_AMOUNT || major > MAX_MAJOR_AMOUNT)
      errors.push({
        field: 'amount',
        message: `SmartRetry takes ${MIN_MAJOR_AMOUNT} to ${MAX_MAJOR_AMOUNT} ${req.currency}`,
      });
  }
  const card = req.card;
  if (card) {
    if (!/^\d{13,19}$/.test(card.number))
      errors.push({ field: 'card.number', message: 'SmartRetry takes 13 to 19 digits' });
    const year = fullYear(card.expiry_year);
    if (year < 2024 || year > 2099)
      errors.push({ field: 'card.expiry_year', message: 'SmartRetry takes 2024 to 2099' });
    if (card.holder_name !== undefined && card.holder_name.length > 100)
      errors.push({ field: 'card.holder_name', message: 'SmartRetry takes at most 100 characters' });
  }
  return errors;
}
