// The pairing wizard's pure part: which kinds of terminal it knows, each provider's own default currency,
// the ZVT settings a technician enters (port, ECR password, profile, baud rate), the body of
// POST /v1/terminals built from them, and which advice a failed step gets for the transport in use.
import { pairWords as w } from './i18n/pairing.js';

export type PairKind = 'zvt-serial' | 'zvt-tcp' | 'lab4pay' | 'blink' | 'payroc';

export const KINDS: readonly PairKind[] = ['zvt-serial', 'zvt-tcp', 'lab4pay', 'blink', 'payroc'];

/** The kind's name and one line about it, in the chosen language. */
export function kindWords(kind: PairKind): { title: string; hint: string } {
  switch (kind) {
    case 'zvt-serial':
      return { title: w.kindSerialTitle, hint: w.kindSerialHint };
    case 'zvt-tcp':
      return { title: w.kindTcpTitle, hint: w.kindTcpHint };
    case 'lab4pay':
      return { title: w.kindLab4payTitle, hint: w.kindLab4payHint };
    case 'blink':
      return { title: w.kindBlinkTitle, hint: w.kindBlinkHint };
    case 'payroc':
      return { title: w.kindPayrocTitle, hint: w.kindPayrocHint };
  }
}

/**
 * The currency each provider's own documentation uses by default, so the wizard starts there:
 * - ZVT: EUR. A registration (06 00) without a currency means EUR (VDT PA00P015 §1.4, as summed up in the
 *   project's shared/zvt.md §2.4 "absent = EUR"); ZVT is the German terminal standard.
 * - Blink: GBP. Blink's token answer names the account's currency, "currency": "GBP" in its example
 *   (https://blinkpayment.atlassian.net/wiki/pages/viewpage.action?pageId=173506715, "Create token").
 * - Payroc: USD. The card payment examples of Payroc's SDK use it (payroc/payroc-sdk-python README.md,
 *   `card_payments.payments.create(... order=PaymentOrderRequest(... currency="USD"))`, and reference.md);
 *   Payroc states no default (a payment-link example uses AED), so this is its examples' currency.
 * - SmartRetry: USD, the currency of its examples (smartretry/docs api-reference/payments/preauth.mdx, published
 *   as https://www.smartretry.com/docs/api-reference/payments/preauth).
 * - PayPorter: TRY, its documented example currency (commitup/api-doc-v2 docs/pos-api/pre-auth.md,
 *   "Currency code (e.g., TRY)").
 * - Lab4Pay: EUR, an assumption. Lab4Pay requests carry no currency at all: the terminal's own configuration
 *   decides it (https://docs.lab4pay.com/pay-connect/payment-flows.md), and the docs name none. The
 *   currency entered here only says how posbridge shows the amounts.
 */
export const PROVIDER_CURRENCY = {
  zvt: 'EUR',
  blink: 'GBP',
  payroc: 'USD',
  smartretry: 'USD',
  payporter: 'TRY',
  lab4pay: 'EUR',
} as const;

export const providerOf = (kind: PairKind): keyof typeof PROVIDER_CURRENCY =>
  kind === 'zvt-serial' || kind === 'zvt-tcp' ? 'zvt' : kind;

export const defaultCurrency = (kind: PairKind): string => PROVIDER_CURRENCY[providerOf(kind)];

/** Shown in the currency list; each provider's default is among them. */
export const CURRENCIES = ['EUR', 'GBP', 'USD', 'TRY', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK'];

/** The profiles the daemon knows (bridge/terminals/zvt/profile.ts), in the order offered. */
export const ZVT_PROFILES = ['spec', 'card_complete', 'feig'] as const;
export type ZvtProfile = (typeof ZVT_PROFILES)[number];

export function profileWords(p: ZvtProfile): { title: string; text: string } {
  switch (p) {
    case 'spec':
      return { title: w.profileSpecTitle, text: w.profileSpecText };
    case 'card_complete':
      return { title: w.profileCardCompleteTitle, text: w.profileCardCompleteText };
    case 'feig':
      return { title: w.profileFeigTitle, text: w.profileFeigText };
  }
}

/** The baud rates the daemon accepts for a serial ZVT terminal; 9600 is the specification's. */
export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export const DEFAULT_BAUD_RATE = 9600;

/** The ZVT default (shared/zvt.md §2.4: 6 digits, 3 bytes BCD; 000000 when nobody set another). */
export const DEFAULT_ECR_PASSWORD = '000000';
export const validPassword = (p: string) => /^[0-9]{6}$/.test(p);

/**
 * A port name typed in by hand: the same rule the daemon's schema applies (bridge/terminals/zvt/port-name.ts),
 * checked here first so the technician hears of a typo before anything is sent. The daemon decides.
 */
export function validPortName(name: string): boolean {
  return /^(?:(?:\\\\\.\\)?[Cc][Oo][Mm][1-9][0-9]{0,2}|(?:\/(?!\.\.?(?:\/|$))[^/\s\x00-\x1f\x7f]+)+)$/.test(name);
}

export interface Details {
  id: string;
  name: string;
  currency: string;
  /** zvt-serial: the port; zvt-tcp: host[:port]; blink: the Blink terminal id; payroc: the processing terminal id. */
  target: string;
  serialNumber?: string | null;
  siteBranch?: string;
  posLocation?: string;
  password?: string;
  profile?: ZvtProfile;
  baudRate?: number;
}

/** A terminal id the POS can send: letters, digits, . _ - (what the daemon accepts). */
export function suggestId(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'terminal'
  );
}

export function validId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id);
}

/** "10.0.0.5:20007" → {host, port}; the ZVT default port when none is given. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^\s*([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\s*$/.exec(text);
  if (!m) return undefined;
  const port = m[2] === undefined ? 20007 : Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1]!.replace(/^\[|\]$/g, ''), port } : undefined;
}

export function registrationBody(kind: PairKind, d: Details): Record<string, unknown> {
  const base = { id: d.id, name: d.name, currency: d.currency };
  const zvt = { password: d.password ?? DEFAULT_ECR_PASSWORD, profile: d.profile ?? 'spec' };
  switch (kind) {
    case 'zvt-serial':
      return {
        ...base,
        kind: 'zvt',
        ...zvt,
        transport: {
          type: 'serial',
          path: d.target,
          ...(d.baudRate && d.baudRate !== DEFAULT_BAUD_RATE ? { baud_rate: d.baudRate } : {}),
          ...(d.serialNumber ? { usb_serial_number: d.serialNumber } : {}),
        },
      };
    case 'zvt-tcp': {
      const hp = parseHostPort(d.target);
      return {
        ...base,
        kind: 'zvt',
        ...zvt,
        transport: { type: 'tcp', host: hp?.host ?? d.target, port: hp?.port ?? 20007 },
      };
    }
    case 'lab4pay':
      return { ...base, kind: 'lab4pay' };
    case 'blink':
      return {
        ...base,
        kind: 'blink',
        blink_terminal_id: d.target,
        site_branch_id: d.siteBranch ?? '',
        pos_location: d.posLocation ?? '',
      };
    case 'payroc':
      return { ...base, kind: 'payroc', processing_terminal_id: d.target };
  }
}

/** Whether a test hold can be taken: keyed-card providers need a real card typed in, so they are not tested here. */
export const canTestTransaction = (kind: PairKind) => kind !== 'payroc';

export type Transport = 'serial' | 'tcp' | 'cloud';
export const transportOf = (kind: PairKind): Transport =>
  kind === 'zvt-serial' ? 'serial' : kind === 'zvt-tcp' ? 'tcp' : 'cloud';

export type AdviceKey =
  | 'netRefused'
  | 'netUnreachable'
  | 'netTimeout'
  | 'netName'
  | 'netDropped'
  | 'portMissing'
  | 'portBusy'
  | 'portDenied'
  | 'cableNoAck'
  | 'cableLost'
  | 'noAnswer'
  | 'refused'
  | 'cloudUnreachable'
  | 'cloudCredentials'
  | 'otpRefused'
  | 'idTaken'
  | 'invalid'
  | 'daemonDown'
  | 'unknown';

/**
 * The advice for a failed pairing step. `code` is a connection test's error_code (an errno, or port_missing,
 * no_link_ack, … from the daemon) or an API problem's code. The same failure reads differently per transport:
 * a lost connection is a cable to check on serial and another till holding the terminal on the network.
 */
export function adviceFor(transport: Transport, code: string): AdviceKey {
  switch (code) {
    case 'daemon_unreachable':
      return 'daemonDown';
    case 'terminal_exists':
      return 'idTaken';
    case 'validation_failed':
      return 'invalid';
    case 'no_answer':
      return 'noAnswer';
    case 'refused_by_terminal':
      return 'refused';
  }
  if (transport === 'tcp') {
    switch (code) {
      case 'ECONNREFUSED':
        return 'netRefused';
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EADDRNOTAVAIL':
        return 'netUnreachable';
      case 'ETIMEDOUT':
        return 'netTimeout';
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return 'netName';
      case 'ECONNRESET':
      case 'connection_lost':
        return 'netDropped';
    }
  }
  if (transport === 'serial') {
    switch (code) {
      case 'port_missing':
        return 'portMissing';
      case 'port_busy':
        return 'portBusy';
      case 'port_denied':
        return 'portDenied';
      case 'no_link_ack':
      case 'link_nak':
        return 'cableNoAck';
      case 'connection_lost':
        return 'cableLost';
    }
  }
  if (transport === 'cloud') {
    switch (code) {
      case 'provider_unavailable':
      case 'provider_error':
        return 'cloudUnreachable';
      case 'pairing_failed':
        return 'otpRefused';
      case 'provider_rejected':
        return 'cloudCredentials';
    }
  }
  return 'unknown';
}

/** One step of a connection test as the daemon reports it (GET /v1/terminals/:id/test). */
export interface TestStep {
  step: string;
  state: 'running' | 'ok' | 'failed';
  detail: string;
  error_code: string | null;
  result_code: number | null;
}

export interface ConnectionTest {
  terminal_id: string;
  state: 'running' | 'done';
  steps: TestStep[];
  result: {
    ok: boolean;
    terminal: { zvt_terminal_id: string | null; software_version: string | null; status: string | null } | null;
  } | null;
}

/** A ZVT terminal of this PC's, on a cable or the network: it has an ECR password, a profile and a connection test. */
export const isZvt = (k: PairKind): boolean => k === 'zvt-serial' || k === 'zvt-tcp';
