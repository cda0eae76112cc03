// The Prefer request header (RFC 7240) as far as posbridge honours it: `respond-async` (answer 202 at
// once) and `wait=N` (seconds: wait at most that long for the answer, so a POS can match its own
// timeout instead of timing out on us). Pure.

/** The longest wait a POS may ask for; past it a held-open connection is more risk than help. */
export const MAX_WAIT_MS = 300_000;

export interface Preference {
  readonly async: boolean;
  /** The wait the POS asked for, in ms (capped), or undefined for the configured default. */
  readonly waitMs?: number;
}

export function parsePrefer(header: string | string[] | undefined): Preference {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let async = false;
  let waitMs: number | undefined;
  for (const part of text.split(/[,;]/)) {
    const [rawName, rawValue] = part.split('=', 2).map((x) => x?.trim());
    const name = rawName?.toLowerCase();
    if (name === 'respond-async') async = true;
    if (name === 'wait' && rawValue !== undefined) {
      const value = rawValue.replace(/^"(.*)"$/, '$1');
      // RFC 7240 §4.3: delta-seconds, a non-negative integer; anything else is ignored, as the RFC says.
      if (/^\d{1,9}$/.test(value)) waitMs = Math.min(Number(value) * 1000, MAX_WAIT_MS);
    }
  }
  return waitMs === undefined ? { async } : { async, waitMs };
}

/** How long to wait for an operation's answer before answering 202, and the Preference-Applied value. */
export function waitFor(pref: Preference, defaultMs: number): { readonly ms: number; readonly applied?: string } {
  if (pref.async) return { ms: 0, applied: 'respond-async' };
  if (pref.waitMs !== undefined) return { ms: pref.waitMs, applied: `wait=${Math.round(pref.waitMs / 1000)}` };
  return { ms: defaultMs };
}
