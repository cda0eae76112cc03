// Money is always an integer count of the currency's minor units plus its ISO 4217 code.
// The exponent comes from ISO 4217 (via currency-codes), never from an assumed 2.
import currencyCodes from 'currency-codes';
import { BridgeError } from './errors.js';

export interface Money {
  readonly minor: number;
  readonly currency: string;
}

// Codes that ISO 4217 lists but that are not spendable money on a card (funds codes, metals, testing).
const NOT_CARD_CURRENCIES = new Set([
  'XAU',
  'XAG',
  'XPD',
  'XPT',
  'XTS',
  'XXX',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XSU',
  'XUA',
  'BOV',
  'CHE',
  'CHW',
  'CLF',
  'COU',
  'MXV',
  'USN',
  'UYI',
  'UYW',
]);

/** The number of decimal places of an ISO 4217 currency, or undefined for an unknown code. */
export function currencyExponent(code: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(code) || NOT_CARD_CURRENCIES.has(code)) return undefined;
  const entry = currencyCodes.code(code);
  if (!entry) return undefined;
  return entry.digits;
}

export function isKnownCurrency(code: string): boolean {
  return currencyExponent(code) !== undefined;
}

/** Largest amount we accept: well inside Number.MAX_SAFE_INTEGER and the int64 fields of providers. */
export const MAX_MINOR_UNITS = 1_000_000_000_000;

export function money(minor: number, currency: string): Money {
  if (!isKnownCurrency(currency)) {
    throw new BridgeError('unsupported_currency', `Unknown or unsupported ISO 4217 currency code: ${currency}`, [
      { field: 'currency', message: 'unknown currency code' },
    ]);
  }
  if (!Number.isSafeInteger(minor) || minor <= 0 || minor > MAX_MINOR_UNITS) {
    const message = `must be a positive whole number of minor units (at most ${MAX_MINOR_UNITS})`;
    throw new BridgeError('invalid_amount', `Amount ${message}`, [{ field: 'amount', message }]);
  }
  return { minor, currency };
}

/** Minor units as a decimal string in major units ("22.66", "1000", "1.250"), exact, no floats. */
export function toMajorString(m: Money): string {
  const exp = currencyExponent(m.currency);
  if (exp === undefined) throw new BridgeError('unsupported_currency', `Unknown currency ${m.currency}`);
  if (exp === 0) return String(m.minor);
  const digits = String(m.minor).padStart(exp + 1, '0');
  return `${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Parses a decimal major-unit string exactly into minor units; rejects more decimals than the currency has. */
export function fromMajorString(value: string, currency: string): Money {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new BridgeError('unsupported_currency', `Unknown currency ${currency}`);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new BridgeError('invalid_amount', `Not a decimal amount: ${value}`);
  const whole = match[1] ?? '0';
  const frac = match[2] ?? '';
  if (frac.length > exp && !/^0*$/.test(frac.slice(exp))) {
    throw new BridgeError('invalid_amount', `${value} has more decimals than ${currency} allows (${exp})`);
  }
  const minor = Number(whole + frac.slice(0, exp).padEnd(exp, '0'));
  return money(minor, currency);
}

/** Major units as a JSON number (SmartRetry, PayPorter): 2266 USD → 22.66. Exact up to 15 significant digits. */
export function toMajorNumber(minor: number, currency: string): number {
  return Number(toMajorString(money(minor, currency)));
}

/** A provider's major-unit number back to minor units; refuses values with more decimals than the currency has. */
export function fromMajorNumber(major: number, currency: string): number {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new BridgeError('unsupported_currency', `Unknown currency ${currency}`);
  const minor = Math.round(major * 10 ** exp);
  if (!Number.isFinite(major) || Math.abs(minor / 10 ** exp - major) > 1e-9) {
    throw new BridgeError('invalid_amount', `${major} is not a whole amount of ${currency}`);
  }
  return minor;
}
