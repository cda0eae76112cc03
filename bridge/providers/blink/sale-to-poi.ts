// SaleToPOIData: the terminal's own data about an approval, which Blink asks us to hand back.
// https://api-docs.blinkpayment.co.uk/docs/post-preauth-completions, guide step 2: "take SaleToPOIData
// from the Pre-Auth transaction response and ... pass [it in] the Pre-Auth completion request". Its
// example is a JSON text inside a string ("{\"c\":\"31438\",...}"). We never interpret it: it is kept
// byte for byte in the transaction's providerRefs and sent back as it came.

/** The providerRefs key holding the value as received (a string; an object is kept as its JSON text). */
export const SALE_TO_POI_REF = 'SaleToPOIData';
/** Set only when Blink sent an object rather than the documented string, so it goes back as an object. */
const OBJECT_FORM_REF = 'SaleToPOIData_form';

/** The providerRefs entries that keep a SaleToPOIData value found in a Blink answer (none if absent). */
export function keepSaleToPoi(value: unknown): Record<string, string> {
  if (typeof value === 'string') return value === '' ? {} : { [SALE_TO_POI_REF]: value };
  if (typeof value === 'object' && value !== null)
    return { [SALE_TO_POI_REF]: JSON.stringify(value), [OBJECT_FORM_REF]: 'object' };
  return {};
}

/** The `SaleToPOIData` field for a follow-up request, exactly as the pre-auth answer gave it. */
export function echoSaleToPoi(refs: Readonly<Record<string, string>>): { SaleToPOIData?: unknown } {
  const raw = refs[SALE_TO_POI_REF];
  if (raw === undefined) return {};
  if (refs[OBJECT_FORM_REF] !== 'object') return { SaleToPOIData: raw };
  try {
    return { SaleToPOIData: JSON.parse(raw) as unknown };
  } catch {
    return { SaleToPOIData: raw };
  }
}
