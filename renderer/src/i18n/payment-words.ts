// The words of one payment: its states, its steps, each exchange's outcome, and what each error code means
// for the person at the counter. The provider's own message is never the main text: it may be a code
// ("DECLINED") or English from a cloud service, and is shown only as a detail under these words.
import { errorWords, operationStateWords, operationWords, outcomeWords, transactionStateWords } from './common.js';

type Keyed = Record<string, string>;
const lookup = (table: object, key: string): string | undefined =>
  Object.hasOwn(table, key) ? (table as Keyed)[key] : undefined;

export const txStateName = (s: string): string => lookup(transactionStateWords, s) ?? s;
/** A step's kind (hold, charge…) or its state (waiting, done…), from the catalogues the whole window shares. */
export const stepName = (s: string): string => lookup(operationWords, s) ?? lookup(operationStateWords, s) ?? s;
export const outcomeName = (o: string | null): string =>
  o === null ? outcomeWords.running : (lookup(outcomeWords, o) ?? o);
/** An error code in plain words; an unknown code gets the general sentence, never the raw text. */
export const errorText = (code: string): string => lookup(errorWords, code) ?? errorWords.fallback;

/** A card as staff and receipts show it: brand and the last four digits only ("VISA •••• 1111"). */
export function cardLabel(card: { brand: string | null; masked_pan: string | null } | null): string | undefined {
  if (!card) return undefined;
  const last4 = card.masked_pan?.match(/(\d{4})$/)?.[1];
  const brand = card.brand?.toUpperCase();
  if (!last4) return brand;
  return brand ? `${brand} •••• ${last4}` : `•••• ${last4}`;
}
