// How a sandbox transaction's status changes over time, chosen by magic amounts (README.md beside this
// file). SmartRetry publishes no test values ("Use test card values provided by SmartRetry during
// onboarding", quickstart), so the amounts are ours; the statuses, reason codes and domains are the
// documented ones (payments/status, concepts/transaction-statuses, concepts/decline-codes).

export type SrStatus = 'APPROVED' | 'PROCESSING' | 'DECLINED' | 'ERROR' | 'CANCELLED' | 'UNKNOWN';

/** The `status` object of the status answer. `reasonCode` is "{domain}.{reason}" (payments/status). */
export interface SrStatusObject {
  readonly status: SrStatus;
  readonly reasonCode: string;
  readonly name: string;
  readonly description: string;
  readonly domain: string;
}

export const STATUS = {
  processing: {
    status: 'PROCESSING',
    reasonCode: 'SYSTEM.PROCESSING',
    name: 'Processing',
    description: 'Submitted; waiting for the acquirer or issuer.',
    domain: 'SYSTEM',
  },
  approved: {
    status: 'APPROVED',
    reasonCode: 'AUTH.APPROVED',
    name: 'Approved',
    description: 'Approved by the issuer.',
    domain: 'AUTH',
  },
  insufficientFunds: {
    status: 'DECLINED',
    reasonCode: 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS',
    name: 'Insufficient Funds',
    description: "Not enough funds on the payer's account.",
    domain: 'PAYER_ACCOUNT',
  },
  doNotHonor: {
    status: 'DECLINED',
    reasonCode: 'AUTH.DO_NOT_HONOR',
    name: 'Do Not Honor',
    description: 'The issuer refused the authorisation.',
    domain: 'AUTH',
  },
  systemError: {
    status: 'ERROR',
    reasonCode: 'PROCESSOR.SYSTEM_ERROR',
    name: 'System Error',
    description: 'The processor failed before reaching the issuer.',
    domain: 'PROCESSOR',
  },
  providerTimeout: {
    status: 'UNKNOWN',
    reasonCode: 'PROCESSOR.PROVIDER_TIMEOUT',
    name: 'Provider Timeout',
    description: 'No answer from the processor in time.',
    domain: 'PROCESSOR',
  },
  riskDeclined: {
    status: 'DECLINED',
    reasonCode: 'RISK.DECLINED',
    name: 'Declined',
    description: 'Refused by a risk rule before processing.',
    domain: 'RISK',
  },
  cancelled: {
    status: 'CANCELLED',
    reasonCode: 'SYSTEM.CANCELLED',
    name: 'Cancelled',
    description: 'Cancelled by a void.',
    domain: 'SYSTEM',
  },
} as const satisfies Record<string, SrStatusObject>;

/** One stretch of a transaction's life: from `from` (ms) on, this status, on this attempt. */
export interface Phase {
  readonly from: number;
  readonly status: SrStatusObject;
  readonly attempt: number;
  /** A soft decline with SmartRetry's automatic retry still to come: when it will run. */
  readonly retryAt?: number;
}

export const SR_MAGIC = {
  /** Soft decline whose automatic retries are all used up: final on attempt 3. Also card 4000000000000002. */
  DECLINE: 51.01,
  /** DO_NOT_HONOR, not retried (faq/troubleshooting: hard declines like "do not honor" may be excluded). */
  DO_NOT_HONOR: 51.02,
  ERROR: 51.03,
  /** UNKNOWN for a while, then APPROVED. */
  UNKNOWN: 51.04,
  /** 400 INVALID_AMOUNT before anything is created. */
  INVALID: 51.05,
  /** Soft decline, then approved on SmartRetry's automatic retry (attempt 2). */
  RETRY_APPROVED: 51.06,
  /** Soft decline, automatic retry declined too: final DECLINED on attempt 2. */
  RETRY_DECLINED: 51.07,
  /** Answered 200 with `accepted: false` (api-reference/errors: "means the transaction was declined"); DECLINED at once. */
  NOT_ACCEPTED: 51.08,
} as const;
export const SR_DECLINED_CARD = '4000000000000002';

export interface Timing {
  readonly processingMs: number;
  readonly unknownMs: number;
  /** How long after a soft decline SmartRetry's automatic retry runs. */
  readonly retryMs: number;
}

function softDeclineThen(start: number, t: Timing, last: SrStatusObject): Phase[] {
  const retryAt = start + t.processingMs + t.retryMs;
  return [
    { from: start, status: STATUS.processing, attempt: 1 },
    { from: start + t.processingMs, status: STATUS.insufficientFunds, attempt: 1, retryAt },
    { from: retryAt, status: STATUS.processing, attempt: 2 },
    { from: retryAt + t.processingMs, status: last, attempt: 2 },
  ];
}

/** The phases of a new pre-authorisation of `amount` on `cardNumber`, created at `start`. */
export function preauthTimeline(amount: number, cardNumber: string, start: number, t: Timing): Phase[] {
  const settle = (status: SrStatusObject, attempt = 1): Phase[] => [
    { from: start, status: STATUS.processing, attempt: 1 },
    { from: start + t.processingMs, status, attempt },
  ];
  if (amount === SR_MAGIC.DECLINE || cardNumber === SR_DECLINED_CARD) return settle(STATUS.insufficientFunds, 3);
  if (amount === SR_MAGIC.DO_NOT_HONOR) return settle(STATUS.doNotHonor);
  if (amount === SR_MAGIC.ERROR) return settle(STATUS.systemError);
  if (amount === SR_MAGIC.UNKNOWN)
    return [
      ...settle(STATUS.providerTimeout),
      { from: start + t.processingMs + t.unknownMs, status: STATUS.approved, attempt: 1 },
    ];
  if (amount === SR_MAGIC.RETRY_APPROVED) return softDeclineThen(start, t, STATUS.approved);
  if (amount === SR_MAGIC.RETRY_DECLINED) return softDeclineThen(start, t, STATUS.insufficientFunds);
  if (amount === SR_MAGIC.NOT_ACCEPTED) return [{ from: start, status: STATUS.riskDeclined, attempt: 1 }];
  return settle(STATUS.approved);
}

/** A capture's or void's own transaction: PROCESSING, then APPROVED (assumption: the docs show no other outcome). */
export function followUpTimeline(start: number, t: Timing): Phase[] {
  return [
    { from: start, status: STATUS.processing, attempt: 1 },
    { from: start + t.processingMs, status: STATUS.approved, attempt: 1 },
  ];
}

export function phaseAt(phases: readonly Phase[], now: number): Phase {
  let current = phases[0]!;
  for (const p of phases) if (p.from <= now) current = p;
  return current;
}
