// What one page of Blink's records says about our request, and how several such answers combine.
import type { Outcome } from '../../core/outcome.js';

export type Finding =
  /** The outcome is known: approved, declined, or refused without effect. */
  | { readonly kind: 'settled'; readonly outcome: Outcome }
  /** Blink has our request and no answer yet: the terminal is still working on it. */
  | { readonly kind: 'working' }
  /** Blink has our request, but its answer does not say how it ended (503 "Lost connection", 500). */
  | { readonly kind: 'reached'; readonly why: string }
  /** Blink has our request, answered as not performed (429 busy, 503 unreachable). */
  | { readonly kind: 'not_performed' }
  /** No record of our request on this page. */
  | { readonly kind: 'none' }
  /** The page could not be had or read. */
  | { readonly kind: 'unreadable'; readonly why: string };

const rank = (f: Finding): number => {
  switch (f.kind) {
    case 'settled':
      return f.outcome.kind === 'approved' ? 6 : 4;
    case 'working':
      return 5;
    case 'reached':
      return 3;
    case 'unreadable':
      return 2;
    case 'not_performed':
      return 1;
    case 'none':
      return 0;
  }
};

/**
 * The finding that matters most. An approval wins (money is held, whatever else the records show);
 * then a request still at the terminal (wait for it); then a decline or refusal; then a request that
 * reached Blink without a telling answer; then "could not read"; "not performed" and "nothing" last.
 */
export function strongest(findings: readonly Finding[]): Finding {
  return findings.reduce<Finding>((best, f) => (rank(f) > rank(best) ? f : best), { kind: 'none' });
}
