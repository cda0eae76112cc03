// Whether a DECLINED status is final, or one of SmartRetry's own automatic retries is still to come.
//
// What the docs say:
// - payments/status documents `attempt_number` ("1 means the first attempt; higher values indicate
//   SmartRetry has automatically retried the transaction") and nothing that says a retry is pending.
//   The OpenAPI schema of the status answer has the same fields (api-reference/openapi.json in
//   github.com/smartretry/docs).
// - integration/webhooks has a `transaction.retry_scheduled` event: "SmartRetry scheduled an automatic
//   retry for a soft decline", and concepts/decline-codes says soft declines such as INSUFFICIENT_FUNDS
//   are "retried after a delay".
// - The troubleshooting FAQ (faq/troubleshooting in the same repository): "A DECLINED status is the final
//   state of a transaction — it means all retry attempts have been exhausted", and PROCESSING is shown
//   while "SmartRetry is actively working through the retry sequence".
//
// Our reading: DECLINED is final unless the status answer itself says a retry is still scheduled. The
// documented answer has no such field, so we accept the two markers a status answer would most plausibly
// carry after `transaction.retry_scheduled` (assumption, docs silent): `retry_scheduled: true`, or a
// `next_retry_at` timestamp. `retry_scheduled: false` is final whatever else the answer says. The
// attempt number alone never makes a decline pending: attempt 1 is also every hard decline.
// Keeping a scheduled retry pending costs a poll; calling it final could leave a later approval (a
// hold on the customer's card) unknown to the POS.
import type { StatusReply } from './wire.js';

/** The longest we wait between polls for a retry SmartRetry scheduled further ahead. */
export const MAX_RETRY_POLL_MS = 5 * 60_000;

export interface ScheduledRetry {
  /** When SmartRetry said it would retry (ms since the epoch), if it said. */
  readonly at?: number;
}

export function scheduledRetry(s: StatusReply): ScheduledRetry | undefined {
  if (s.status.status !== 'DECLINED' || s.retry_scheduled === false) return undefined;
  const at = typeof s.next_retry_at === 'string' ? Date.parse(s.next_retry_at) : Number.NaN;
  if (s.retry_scheduled === true) return Number.isFinite(at) ? { at } : {};
  return Number.isFinite(at) ? { at } : undefined;
}

/** Our usual pace, or not before the retry SmartRetry scheduled later; at least every MAX_RETRY_POLL_MS. */
export function retryPollMs(retry: ScheduledRetry, nowMs: number, pollMs: number): number {
  if (retry.at === undefined || !Number.isFinite(nowMs)) return pollMs;
  return Math.min(MAX_RETRY_POLL_MS, Math.max(pollMs, retry.at - nowMs));
}
