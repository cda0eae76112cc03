// Amounts are whole minor units (2500 for 25.00 EUR). A POS that formats a decimal sends 25.00, which
// JSON.parse reads as 25: a hold of 0.25. So such literals are refused, and the refusal shows the
// number the POS should have sent, computed exactly from the digits (no floating point).

/** literal × 10^places as an integer string, or undefined when that is not a whole number. */
export function shiftDecimal(literal: string, places: number): string | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return undefined;
  const [, sign, int, frac = '', exp = '0'] = m as unknown as [string, string, string, string?, string?];
  const shift = Number(exp) + places;
  // Beyond this the value is absurd as money (and the digit strings would get long): no suggestion.
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 40) return undefined;
  const digits = int + frac;
  const point = int.length + shift;
  let whole: string;
  if (point <= 0) {
    if (/[^0]/.test(digits)) return undefined;
    whole = '0';
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
  } else {
    if (/[^0]/.test(digits.slice(point))) return undefined;
    whole = digits.slice(0, point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  return whole === '0' ? '0' : `${sign}${whole}`;
}

/** A sentence showing the fix for an amount written as `literal`, in `currency` when it is known. */
export function minorUnitsHint(
  literal: string,
  currency?: { readonly code: string; readonly exponent: number },
): string {
  const hasExponent = /[eE]/.test(literal);
  if (currency && !hasExponent) {
    const minor = shiftDecimal(literal, currency.exponent);
    if (minor !== undefined) return `${literal} ${currency.code} is sent as ${minor}`;
    return `${literal} has more decimals than ${currency.code} has (${currency.exponent})`;
  }
  if (hasExponent) {
    const whole = shiftDecimal(literal, 0);
    if (whole !== undefined) return `write ${whole}, not ${literal}`;
  }
  return '25.00 EUR is sent as 2500, 25.00 JPY as 25';
}
