// ZVT result codes (BMP 27, 06 1E, 84 xx; shared zvt.md §2.8) in our terms: a stable error code and a
// sentence a cashier can act on. Codes 01–63 come from the card issuer's host.
import type { ErrorCode } from '../../core/errors.js';
import type { Outcome } from '../../core/outcome.js';

const TEXTS: Readonly<Record<number, readonly [ErrorCode, string]>> = {
  0x05: ['card_declined', 'The card issuer declined the payment'],
  0x33: ['expired_card', 'The card has expired'],
  0x51: ['insufficient_funds', 'Not enough funds on the card'],
  0x64: ['card_declined', 'The card could not be read'],
  0x66: ['provider_error', 'The terminal had a processing error'],
  0x6b: ['operation_not_supported', 'The function is switched off at the terminal (is the terminal registered?)'],
  0x6c: ['cancelled', 'Cancelled at the terminal (abort key or time-out)'],
  0x6f: ['unsupported_currency', 'The terminal does not take this currency'],
  0x78: ['expired_card', 'The card has expired'],
  0x7a: ['card_declined', 'The card is not known to the terminal'],
  0x7d: ['provider_unavailable', 'The terminal could not reach its host'],
  0x83: ['operation_not_supported', 'The terminal cannot do this (function not possible); check the terminal profile'],
  0x9a: ['provider_error', 'The terminal reports a ZVT protocol error'],
  0xa3: ['provider_unavailable', 'The terminal has no connection to its host'],
  0xb4: ['invalid_state', 'Already reversed'],
  0xb5: ['invalid_state', 'The reversal is no longer possible (after the end-of-day batch?)'],
  0xb7: ['amount_exceeds_authorized', 'The amount is higher than the reservation, or wrong'],
  0xb8: ['invalid_state', 'The terminal has no such pre-authorisation'],
  0xc3: ['provider_rejected', 'The maximum amount is exceeded'],
  0xc5: ['provider_rejected', 'The terminal does not accept this payment method'],
  0xf0: ['provider_rejected', 'The terminal must run its end-of-day batch first'],
  0xff: ['provider_error', 'The terminal reports a system error'],
};

export const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();

export function describeResultCode(code: number): string {
  return `${TEXTS[code]?.[1] ?? (code >= 1 && code <= 0x63 ? 'The card issuer declined the payment' : 'The terminal refused')} (result code ${hex(code)})`;
}

/**
 * `afterAccepted`: the code ended a command the terminal had taken on (06 1E, or a 04 0F with 27 ≠ 00)
 * rather than refusing it up front (84 xx). 9C "please wait" means busy: try again shortly.
 */
export function outcomeOfResultCode(code: number, afterAccepted: boolean): Outcome {
  if (code === 0x9c)
    return {
      kind: 'retryable',
      notSent: true,
      reason: 'the terminal is busy (9C please wait)',
      retryAfterMs: 2_000,
      busy: true,
    };
  const message = describeResultCode(code);
  const known = TEXTS[code]?.[0];
  const errorCode: ErrorCode = known ?? (code >= 1 && code <= 0x63 ? 'card_declined' : 'provider_rejected');
  // A decline by the issuer or at the card is a decline; the rest is the terminal refusing the request.
  if (afterAccepted && (code <= 0x63 || code === 0x64 || code === 0x78 || code === 0x7a))
    return { kind: 'declined', code: errorCode, message };
  return { kind: 'rejected', code: errorCode, message, fieldErrors: [] };
}
