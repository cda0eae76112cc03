// Request-body checks with the limits of https://www.smartretry.com/docs/api-reference/payments/sale
// (the preauth body "is identical to the sale request body", payments/preauth) and the reason codes of
// api-reference/errors. The first failure is answered, as a problem has one `reason_code`.
import { luhnValid } from '../../core/card.js';
import { currencyExponent } from '../../core/money.js';
import type { Invalid } from './problems.js';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** api-reference/overview, "Supported currencies". Kept here, not shared with the connector: the sandbox follows the docs. */
const CURRENCIES = new Set([
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
const PAYMENT_METHODS = new Set([
  'cards',
  'digital_wallets',
  'bnpl',
  'online_banking',
  'rtp',
  'vouchers',
  'cash',
  'direct_debit',
  'cryptocurrencies',
]);

const missing = (field: string): Invalid => ({
  reason: 'MISSING_REQUIRED_FIELD',
  field,
  detail: `The '${field}' field is required.`,
});
const invalid = (field: string, detail: string): Invalid => ({ reason: 'INVALID_FIELD', field, detail });
const tooLong = (v: unknown, max: number) => typeof v !== 'string' || v.length > max;

export interface PreauthInput {
  readonly merchant_transaction_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly exponent: number;
  readonly order: Obj;
  readonly instrument: Obj & { card_number: string; expiry_month: number; expiry_year: number };
  readonly payer?: Obj;
}

/** An `amount` in major units within 1 – 999999999 and with no more decimals than the currency has. */
export function checkAmount(amount: unknown, exponent: number | undefined, field = 'amount'): Invalid | undefined {
  if (amount === undefined) return missing(field);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 1 || amount > 999_999_999) {
    return {
      reason: 'INVALID_AMOUNT',
      field,
      detail: `The '${field}' field must be a number from 1 to 999999999 in major currency units.`,
    };
  }
  if (exponent !== undefined && Math.abs(Math.round(amount * 10 ** exponent) - amount * 10 ** exponent) > 1e-6) {
    // Assumption: the docs do not say what happens to extra decimals; refusing is the safe reading.
    return {
      reason: 'INVALID_AMOUNT',
      field,
      detail: `The '${field}' field has more decimals than the currency allows.`,
    };
  }
  return undefined;
}

function checkInstrument(pi: unknown, now: Date): Invalid | undefined {
  if (!isObj(pi)) return missing('order.payment_instrument');
  const f = (k: string) => `order.payment_instrument.${k}`;
  if (pi.card_number === undefined) return missing(f('card_number'));
  if (typeof pi.card_number !== 'string' || !/^\d{13,19}$/.test(pi.card_number) || !luhnValid(pi.card_number)) {
    return {
      reason: 'INVALID_CARD_NUMBER',
      field: f('card_number'),
      detail: 'The card number must be 13 to 19 digits and pass the Luhn check.',
    };
  }
  for (const k of ['expiry_month', 'expiry_year', 'payment_method']) if (pi[k] === undefined) return missing(f(k));
  const month = pi.expiry_month;
  const year = pi.expiry_year;
  if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12)
    return {
      reason: 'INVALID_EXPIRY',
      field: f('expiry_month'),
      detail: 'expiry_month must be an integer from 1 to 12.',
    };
  if (!Number.isInteger(year) || (year as number) < 2024 || (year as number) > 2099)
    return {
      reason: 'INVALID_EXPIRY',
      field: f('expiry_year'),
      detail: 'expiry_year must be an integer from 2024 to 2099.',
    };
  if (Date.UTC(year as number, month as number, 1) <= now.getTime())
    return { reason: 'INVALID_EXPIRY', field: f('expiry_year'), detail: 'The card has expired.' };
  if (typeof pi.payment_method !== 'string' || !PAYMENT_METHODS.has(pi.payment_method))
    return invalid(f('payment_method'), 'payment_method is not one of the documented values.');
  if (pi.card_cardholder_name !== undefined && tooLong(pi.card_cardholder_name, 100))
    return invalid(f('card_cardholder_name'), 'card_cardholder_name is at most 100 characters.');
  return undefined;
}

function checkPayer(payer: unknown): Invalid | undefined {
  if (payer === undefined) return undefined; // optional: payments/sale marks no `required` on it
  if (!isObj(payer)) return invalid('order.payer', 'payer must be an object.');
  for (const k of ['first_name', 'last_name', 'email']) {
    if (payer[k] === undefined) return missing(`order.payer.${k}`);
    if (tooLong(payer[k], k === 'email' ? 254 : 50)) return invalid(`order.payer.${k}`, `${k} is too long.`);
  }
  return undefined;
}

/** The body of POST /v1/payments/preauth/{tid}: the parsed input, or the first thing wrong with it. */
export function validatePreauth(body: Obj, now: Date): PreauthInput | Invalid {
  const mtid = body.merchant_transaction_id;
  if (mtid === undefined) return missing('merchant_transaction_id');
  if (typeof mtid !== 'string' || mtid.length < 1 || mtid.length > 100)
    return invalid('merchant_transaction_id', 'merchant_transaction_id is 1 to 100 characters.');
  if (body.currency === undefined) return missing('currency');
  const currency = body.currency;
  const exponent = typeof currency === 'string' && CURRENCIES.has(currency) ? currencyExponent(currency) : undefined;
  if (exponent === undefined)
    return { reason: 'INVALID_CURRENCY', field: 'currency', detail: 'currency is not a supported ISO 4217 code.' };
  const amountError = checkAmount(body.amount, exponent);
  if (amountError) return amountError;
  if (body.token !== undefined) return invalid('token', 'Stored-token payments are not simulated by this sandbox.');
  const order = body.order;
  if (!isObj(order)) return missing('order.payment_instrument');
  if (order.merchant_order_id !== undefined && tooLong(order.merchant_order_id, 100))
    return invalid('order.merchant_order_id', 'merchant_order_id is at most 100 characters.');
  if (order.description !== undefined && tooLong(order.description, 500))
    return invalid('order.description', 'description is at most 500 characters.');
  if (body.description !== undefined && tooLong(body.description, 500))
    return invalid('description', 'description is at most 500 characters.');
  if (body.cvv !== undefined && typeof body.cvv !== 'string') return invalid('cvv', 'cvv is a string.');
  const instrumentError = checkInstrument(order.payment_instrument, now);
  if (instrumentError) return instrumentError;
  const payerError = checkPayer(order.payer);
  if (payerError) return payerError;
  return {
    merchant_transaction_id: mtid,
    amount: body.amount as number,
    currency: currency as string,
    exponent,
    order,
    instrument: order.payment_instrument as PreauthInput['instrument'],
    ...(isObj(order.payer) ? { payer: order.payer } : {}),
  };
}

export const isInvalid = (v: PreauthInput | Invalid): v is Invalid => 'reason' in v;
