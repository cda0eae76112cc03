// Plain words for what the daemon reports. A cashier never sees an error code: each known code has a
// sentence; an unknown one falls back to the daemon's own explanation.
import type { Level } from './types.js';

const ERRORS: Record<string, string> = {
  daemon_unreachable:
    'posbridge is not answering on this PC. It may be restarting; if this stays, restart it from the tray.',
  unauthorized: 'You are signed out. Open the status window again from the posbridge icon in the tray.',
  card_declined: 'The card was declined.',
  insufficient_funds: 'The card was declined: not enough funds.',
  expired_card: 'The card has expired.',
  referral_required: 'The card issuer asks for a call before approving.',
  terminal_timeout: 'The customer did not finish at the terminal in time.',
  provider_unavailable: 'The payment provider cannot be reached right now.',
  provider_rejected: 'The payment provider refused the request.',
  outcome_unresolved: 'posbridge could not find out whether this went through. It needs checking with the provider.',
  terminal_exists: 'A terminal with this id exists already. Choose another id.',
  terminal_busy: 'This terminal still has open holds or payments in progress; settle them first.',
  terminal_not_paired: 'This terminal is not paired yet.',
  pairing_failed: 'Pairing was refused. Check the one-time password on the terminal and try again.',
  paused: 'posbridge is paused and takes no new payments. Resume it first.',
  shutting_down: 'posbridge is stopping. Try again in a moment.',
  storage_unavailable: 'posbridge cannot save to its database. Check the free disk space on this PC.',
  invalid_state: "This is not possible in the transaction's current state.",
  operation_in_progress: 'Something is already running on this transaction. Wait for it to finish.',
  unknown_terminal: 'posbridge does not know this terminal.',
};

export function plainError(code: string, detail: string): string {
  return ERRORS[code] ?? (detail || 'Something went wrong. Try again; if it keeps happening, call support.');
}

const TX_STATES: Record<string, string> = {
  pending: 'Waiting to be sent',
  in_progress: 'At the terminal',
  authorized: 'Amount held',
  declined: 'Declined',
  failed: 'Not held',
  unresolved: 'Needs checking',
  captured: 'Charged',
  voided: 'Released',
  expired: 'Hold expired',
  cancelled: 'Cancelled',
};

export function transactionState(state: string): string {
  return TX_STATES[state] ?? state;
}

export function stateTone(state: string): Level {
  if (state === 'unresolved' || state === 'failed' || state === 'declined') return 'down';
  if (state === 'pending' || state === 'in_progress' || state === 'expired') return 'degraded';
  return 'ok';
}

const TERMINAL_STATES: Record<string, string> = {
  ready: 'Ready',
  busy: 'Busy',
  offline: 'Offline',
  needs_pairing: 'Needs pairing',
  failing: 'Not working',
  unknown: 'Not known',
};
export const terminalState = (s: string) => TERMINAL_STATES[s] ?? s;

const OPERATIONS: Record<string, string> = {
  preauth: 'Hold',
  adjust: 'Change held amount',
  capture: 'Charge',
  void: 'Release hold',
};
export const operationName = (k: string) => OPERATIONS[k] ?? k;

const OP_STATES: Record<string, string> = {
  queued: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  unresolved: 'Needs checking',
};
export const operationState = (s: string) => OP_STATES[s] ?? s;

const OUTCOMES: Record<string, string> = {
  approved: 'Approved',
  declined: 'Declined',
  pending: 'Accepted, answer to follow',
  rejected: 'Refused by the provider',
  retryable: 'Not sent; tried again',
  unknown: 'No clear answer',
  found: 'Looked up: found',
  not_found: 'Looked up: not there',
  inconclusive: 'Looked up: no clear answer',
  interrupted: 'Cut off (posbridge stopped)',
};
export const attemptOutcome = (o: string | null) => (o === null ? 'Running' : (OUTCOMES[o] ?? o));

export const PROVIDERS: Record<string, string> = {
  payroc: 'Payroc',
  smartretry: 'SmartRetry',
  payporter: 'PayPorter',
  blink: 'Blink',
  lab4pay: 'Lab4Pay',
  zvt: 'ZVT (cable/network)',
};
export const providerName = (p: string) => PROVIDERS[p] ?? p;

/** Digits after the decimal point in a currency (2 for EUR, 0 for JPY), from the browser's own tables. */
export function exponentOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units → "12.50 EUR". The API always speaks minor units. */
export function money(minor: number | null, currency: string): string {
  if (minor === null) return '—';
  const e = exponentOf(currency);
  return `${(minor / 10 ** e).toFixed(e)} ${currency}`;
}

export function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} days ago`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** The headline while posbridge itself does not answer (its event stream dropped and cannot reconnect). */
export const NOT_RUNNING = {
  headline: 'posbridge is not running',
  advice:
    'Card payments cannot be taken now. Start posbridge from its icon in the tray; this window comes back by itself when it runs.',
};
export const CHECKING = 'Checking…';
/** In place of the alerts and the queue while posbridge is not running: their last counts may be wrong. */
export const NOT_KNOWN_SIDE = {
  title: 'Needs attention',
  text: 'Not known while posbridge is not running. Nothing here is lost: it is shown again when posbridge runs.',
};
export const RESUME = 'Resume taking payments';

/** How a terminal's way to its provider is doing, for its card. */
export const reachWords = {
  direct: (online: boolean) => (online ? 'Connected to this PC' : 'Not connected to this PC'),
  reachable: (provider: string) => `${providerName(provider)} reachable`,
  unreachable: (provider: string) => `${providerName(provider)} cannot be reached`,
  failing: (provider: string) => `${providerName(provider)} answers with errors`,
  unknown: 'Not known while posbridge is not running',
};

/** The queue: one count (what waits to be sent), the same on the terminal cards and in the panel. */
export const queueWords = {
  title: 'Waiting to be sent',
  none: 'Nothing is waiting. Every payment has been sent.',
  waits: (n: number) => (n === 1 ? 'payment waits to be sent' : 'payments wait to be sent'),
  oldest: (age: string) => `; oldest ${age}.`,
  onTrust: 'Held on trust:',
  onCard: (n: number) => `${n} waiting to be sent`,
  send: 'Send now',
  sending: 'Sending…',
};

/** Why the window asks to sign in, in one sentence; how to sign in follows it. */
export const SIGNED_OUT: Record<string, string> = {
  no_session: 'This window is not signed in.',
  link_used: 'This sign-in link has already been used or has expired.',
  ended: 'You were signed out (a sign-in lasts 12 hours).',
  signed_out: 'You are signed out.',
  unreachable: 'posbridge did not answer while signing in. It may be restarting.',
};

/** An instant with its day and the time zone, in the browser's locale: "1 Dec 2026, 16:40:12 UTC". */
export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export const lastPaymentWords = {
  none: 'No payment through it yet',
  notHeard: 'Not heard from yet',
  heard: (when: string) => `Last heard from ${when}`,
  last: (amount: string, when: string) => `Last payment ${amount}, ${when}`,
};

export const findWords = {
  heading: 'Transactions',
  search: 'Find by reference, amount or last four digits',
  searchHint: 'e.g. room-101, 12.50 or 1111',
  terminal: 'Terminal',
  state: 'State',
  anyTerminal: 'Any terminal',
  anyState: 'Any state',
  from: 'From',
  to: 'Until',
  when: 'When',
  reference: 'Reference',
  amount: 'Amount',
  more: 'Show more',
  none: 'No transactions yet.',
  noneFound: 'No transaction matches.',
};
