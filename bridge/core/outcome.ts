// The closed union every connector's parse function returns. The engine decides what to do from the
// kind alone: only `retryable` may be resent blindly, `unknown` must be resolved first.
import type { ErrorCode, FieldError } from './errors.js';

export interface CardInfo {
  readonly brand?: string;
  readonly maskedPan?: string;
  readonly entryMode?: string;
}

/** What an approval tells us about the hold at the provider, in our own terms. */
export interface Approval {
  readonly providerRef?: string;
  /** The provider's id of this operation itself (a capture's or void's own transaction/operation id). */
  readonly operationRef?: string;
  readonly providerRefs?: Readonly<Record<string, string>>;
  readonly amountAuthorized?: number;
  readonly amountCaptured?: number;
  readonly authCode?: string;
  readonly card?: CardInfo;
}

export type Outcome =
  | { readonly kind: 'approved'; readonly approval: Approval }
  | { readonly kind: 'declined'; readonly code: ErrorCode; readonly message: string; readonly approval?: Approval }
  | { readonly kind: 'pending'; readonly pollAfterMs: number; readonly approval?: Approval }
  | {
      readonly kind: 'rejected';
      readonly code: ErrorCode;
      readonly message: string;
      readonly fieldErrors: readonly FieldError[];
    }
  /** `busy`: the terminal is occupied (Blink 429, ZVT 9C); the operation waits in its lane. */
  | {
      readonly kind: 'retryable';
      readonly notSent: true;
      readonly reason: string;
      readonly retryAfterMs?: number;
      readonly busy?: boolean;
    }
  | { readonly kind: 'unknown'; readonly reason: string };

export type OutcomeKind = Outcome['kind'];

/** Result of looking a transaction up at the provider while resolving an unknown outcome. */
export type Lookup =
  | { readonly kind: 'found'; readonly outcome: Outcome }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'inconclusive'; readonly reason: string };
