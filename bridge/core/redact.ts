// The one redaction function every log line and every stored attempt record goes through.
// Secrets are replaced, PAN-like digit runs are masked to first 6 / last 4, CVV and track data are dropped.

const SECRET_KEY =
  /^(authorization|proxy-authorization|x-api-key|x-api-secret|api[-_]?key|api[-_]?secret|access[-_]?token|refresh[-_]?token|token|secret|client[-_]?secret|password|passwd|otp|cookie|set-cookie)$/i;
// Sensitive authentication data (PCI DSS 3.2): never kept in any form, so the key goes too.
const NEVER_KEPT_KEY =
  /^(cvv|cvv2|cvc|cvc2|cid|security[-_]?code|card[-_]?security[-_]?code|track[12]?(data)?|raw[-_]?data|pin[-_]?block)$/i;
const CARD_SECRET_KEY = /^(expiry[-_]?date|expiry[-_]?month|expiry[-_]?year|exp[-_]?month|exp[-_]?year)$/i;
const PAN_KEY = /^(card[-_]?number|pan|primary[-_]?account[-_]?number)$/i;
const PAN_RUN = /(?<!\d)\d{13,19}(?!\d)/g;

export const REDACTED = '[redacted]';

/** 1234567890123456 → 123456******3456. Shorter inputs are hidden entirely. */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 13) return '*'.repeat(digits.length);
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

function redactString(s: string): string {
  return s.replace(PAN_RUN, (run) => maskPan(run));
}

/** Deep copy of `value` with secrets and card data removed. Safe on cycles and any JSON-ish input. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (NEVER_KEPT_KEY.test(key)) continue;
    if (SECRET_KEY.test(key) || CARD_SECRET_KEY.test(key)) {
      out[key] = v === undefined ? undefined : REDACTED;
    } else if (PAN_KEY.test(key) && (typeof v === 'string' || typeof v === 'number')) {
      out[key] = maskPan(String(v));
    } else {
      out[key] = redact(v, seen);
    }
  }
  return out;
}
