// The card as SmartRetry's status answer describes it (payments/status, `order.payment_instrument`):
// `card_bin` (first six or eleven digits), `card_card_last_four_digit`, and a `card_profile` with the
// brand name and the PAN length. Full numbers are never returned, so the masked PAN is rebuilt in our
// usual form: first six, stars, last four.
import { cardBrand, normalizeBrand } from '../../core/card.js';
import type { CardInfo } from '../../core/outcome.js';
import { maskPan } from '../../core/redact.js';
import type { PaymentInstrument } from './wire.js';

/** Assumption when neither SmartRetry (`card_profile.panLength`) nor the card in memory tells: the common 16 digits. */
const DEFAULT_PAN_LENGTH = 16;

const digits = (v: string | undefined): string | undefined =>
  v !== undefined && /^\d+$/.test(v.trim()) ? v.trim() : undefined;

function panLength(pi: PaymentInstrument, hint: number | undefined): number {
  const n = pi.card_profile?.panLength ?? hint ?? DEFAULT_PAN_LENGTH;
  return Math.min(19, Math.max(13, n));
}

function maskedFromParts(pi: PaymentInstrument, hint: number | undefined): string | undefined {
  const bin = digits(pi.card_bin);
  const last4 = digits(pi.card_card_last_four_digit);
  if (!last4 || last4.length !== 4) return undefined;
  const length = panLength(pi, hint);
  if (bin && bin.length >= 6) return `${bin.slice(0, 6)}${'*'.repeat(length - 10)}${last4}`;
  return `${'*'.repeat(length - 4)}${last4}`;
}

/** The old `card_number` field: masked again if it holds digits only, so a full PAN is never kept. */
function maskedFromLegacy(cardNumber: string | undefined): string | undefined {
  if (!cardNumber) return undefined;
  const v = cardNumber.replace(/\s/g, '');
  if (/^\d{12,19}$/.test(v)) return maskPan(v);
  return /^\d{0,8}[*Xx•]+\d{0,4}$/.test(v) ? v.replace(/[Xx•]/g, '*') : undefined;
}

function brandOf(pi: PaymentInstrument): string | undefined {
  const named = normalizeBrand(pi.card_profile?.brand?.name) ?? normalizeBrand(pi.card_brand);
  if (named) return named;
  // The BIN is the start of the PAN, so the schemes' published IIN ranges apply to it.
  const bin = digits(pi.card_bin);
  const fromBin = bin ? cardBrand(bin) : 'unknown';
  return fromBin === 'unknown' ? undefined : fromBin;
}

/** `panLengthHint`: the length of the card we sent, while it is still in memory. */
export function cardOfInstrument(pi: PaymentInstrument | undefined, panLengthHint?: number): CardInfo | undefined {
  if (!pi) return undefined;
  const maskedPan = maskedFromParts(pi, panLengthHint) ?? maskedFromLegacy(pi.card_number);
  const brand = brandOf(pi);
  if (!maskedPan && !brand) return undefined;
  return { ...(brand ? { brand } : {}), ...(maskedPan ? { maskedPan } : {}), entryMode: 'keyed' };
}
