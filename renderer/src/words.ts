// Plain words for what the daemon reports, in the language staff chose. A cashier never sees an error
// code: each known code has a sentence in each language. The words themselves live in the catalogues
// under i18n/; numbers, money and instants go through Intl (i18n/format.ts). This module keeps the names
// the views have always imported.
import {
  errorWords,
  operationStateWords,
  operationWords,
  outcomeWords,
  providerWords,
  terminalStateWords,
  timeWords,
  transactionStateWords,
} from './i18n/common.js';
import { ago as agoIn, dateTime, exponentOf, money } from './i18n/format.js';
import { intlTag, locale } from './i18n/locale.js';
import { headlineWords } from './i18n/problems.js';
import { alertWords, lastPaymentWords, queueWords, reachWords as reachIn } from './i18n/status.js';
import { findWords } from './i18n/transactions.js';
import { signedOutWords } from './i18n/window.js';
import type { Level } from './types.js';

export { dateTime, exponentOf, findWords, lastPaymentWords, money, queueWords };

/** A lookup by a code the daemon sends: the word in the chosen language, or undefined for a code not known. */
const lookup = (table: object, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? (table as Record<string, string>)[key] : undefined;

/**
 * The sentence for an error code. A code this window has no words for shows the daemon's own detail in
 * English only; in another language a general sentence, never English to German or Turkish staff.
 */
export function plainError(code: string, detail: string): string {
  return lookup(errorWords, code) ?? (locale() === 'en' && detail ? detail : errorWords.fallback);
}

export const transactionState = (state: string): string => lookup(transactionStateWords, state) ?? state;

export function stateTone(state: string): Level {
  if (state === 'unresolved' || state === 'failed' || state === 'declined') return 'down';
  if (state === 'pending' || state === 'in_progress' || state === 'expired') return 'degraded';
  return 'ok';
}

export const terminalState = (s: string): string => lookup(terminalStateWords, s) ?? s;
export const operationName = (k: string): string => lookup(operationWords, k) ?? k;
export const operationState = (s: string): string => lookup(operationStateWords, s) ?? s;
export const attemptOutcome = (o: string | null): string =>
  o === null ? outcomeWords.running : (lookup(outcomeWords, o) ?? o);

/** Each provider by its code (names stay; only the card terminal by cable or network is described). */
export const PROVIDERS: Readonly<Record<string, string>> = providerWords;
export const providerName = (p: string): string => lookup(providerWords, p) ?? p;

/** How long ago, in the chosen language ("vor 5 Minuten"); "never" when it has not happened. */
export function ago(iso: string | null, now: number): string {
  return agoIn(iso, now) ?? timeWords.never;
}

/** A span of time in the chosen language's own units ("3 min", "3 Min.", "3 dk."). */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const [value, unit] =
    ms < 60_000
      ? [Math.round(ms / 1000), 'second']
      : ms < 3_600_000
        ? [Math.round(ms / 60_000), 'minute']
        : [Math.round(ms / 3_600_000), 'hour'];
  return new Intl.NumberFormat(intlTag(), { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/** The headline while posbridge itself does not answer (its event stream dropped and cannot reconnect). */
export const NOT_RUNNING = {
  get headline() {
    return headlineWords.notRunning;
  },
  get advice() {
    return headlineWords.notRunningAdvice;
  },
};

/** In place of the alerts and the queue while posbridge is not running: their last counts may be wrong. */
export const NOT_KNOWN_SIDE = {
  get title() {
    return alertWords.title;
  },
  get text() {
    return alertWords.notKnown;
  },
};

/** How a terminal's way to its provider is doing, for its card (by the provider's code). */
export const reachWords = {
  direct: (online: boolean) => reachIn.direct(online),
  reachable: (provider: string) => reachIn.reachable(providerName(provider)),
  unreachable: (provider: string) => reachIn.unreachable(providerName(provider)),
  failing: (provider: string) => reachIn.failing(providerName(provider)),
  get unknown() {
    return reachIn.unknown;
  },
};

/** Why the window asks to sign in, in one sentence; how to sign in follows it. */
export const SIGNED_OUT: Readonly<Record<string, string>> = signedOutWords;
