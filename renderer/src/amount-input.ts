// The amount box of a charge: what staff type ("12,50" or "12.50") as minor units, and minor units as
// the box shows them, in the currency's exponent (Intl's tables) and the chosen language's decimal sign.
import { exponentOf } from './i18n/format.js';
import { locale } from './i18n/locale.js';

/** Text typed in the amount box ("12,50" or "12.50") as minor units; undefined when it is not a number. */
export function parseAmount(text: string, currency: string): number | undefined {
  const t = text.trim().replace(/\s/g, '');
  if (!/^\d+([.,]\d+)?$/.test(t)) return undefined;
  const e = exponentOf(currency);
  const [whole, frac = ''] = t.split(/[.,]/) as [string, string?];
  if (frac.length > e) return undefined;
  return Number(whole) * 10 ** e + Number(frac.padEnd(e, '0') || '0');
}

/** Minor units as the amount box shows them, with the chosen language's decimal sign. */
export function amountText(minor: number, currency: string): string {
  const e = exponentOf(currency);
  const text = (minor / 10 ** e).toFixed(e);
  return locale() === 'en' ? text : text.replace('.', ',');
}
