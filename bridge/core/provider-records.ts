// The provider's own account of a day's payments, as a connector reads it for reconciliation. Like a
// lookup, a reader is pure: it names the requests to make and reads each answer; the engine sends them.
import type { HttpReply, HttpRequestSpec } from './connector.js';

/** A payment's state in the provider's records, in our words. */
export type TheirState =
  | 'authorized'
  | 'captured'
  | 'released'
  | 'declined'
  /** Approved, and the record does not say whether it was captured since (Lab4Pay's status). */
  | 'approved'
  /** Still being processed at the provider. */
  | 'pending'
  /** A status word we cannot place; shown as it is, never guessed at. */
  | 'other';

export interface TheirPayment {
  /** The provider's id of the payment. */
  readonly providerRef: string;
  /** Our transaction id, where the provider kept the one we sent (order id, metadata, merchant id). */
  readonly transactionId: string | null;
  readonly currency: string | null;
  /** Minor units held, or null when the record does not say. */
  readonly authorized: number | null;
  /** Minor units captured, or null when the record does not say. */
  readonly captured: number | null;
  readonly state: TheirState;
  /** The provider's own status word, for a person to read. */
  readonly status: string;
  /** The provider's terminal, where the record names it. */
  readonly terminal?: string;
  /** When the provider says the payment was made (ISO 8601), where it says. */
  readonly at?: string;
}

/** Our side of one payment, as much of it as a reader needs to ask the provider about it. */
export interface OurPaymentRef {
  readonly transactionId: string;
  readonly terminalId: string;
  readonly currency: string;
  readonly providerRef: string | null;
  readonly providerRefs: Readonly<Record<string, string>>;
  /** The provider's id of the capture that succeeded, where it has its own (SmartRetry). */
  readonly captureRef: string | null;
  readonly createdAt: string;
}

export interface RecordScope {
  /** The day's first instant (inclusive) and the next day's (exclusive), ISO 8601 UTC. */
  readonly from: string;
  readonly to: string;
  /** Our payments of the day on this provider. */
  readonly ours: readonly OurPaymentRef[];
  /** This provider's terminals: our id and the settings the connector parsed. */
  readonly terminals: ReadonlyArray<{ readonly id: string; readonly settings: object }>;
}

/** A request for records; `terminalId` names whose credentials it needs, `about` the payment it asks for. */
export interface RecordRequest extends HttpRequestSpec {
  readonly terminalId?: string;
  readonly about?: string;
}

export type RecordPage =
  | {
      readonly kind: 'read';
      readonly theirs: readonly TheirPayment[];
      /** Our transaction ids the provider says it has no record of (a 404 to a lookup by id). */
      readonly missing?: readonly string[];
      /** One more page to read (the list's next page, the next day). */
      readonly next?: RecordRequest;
    }
  | { readonly kind: 'unreadable'; readonly why: string };

export interface RecordReader {
  /**
   * 'day': the records are the provider's whole account of the day, so a payment in them we have no record
   * of is a difference. 'each': one lookup per payment of ours, which cannot show a payment we never sent.
   */
  readonly coverage: 'day' | 'each';
  /** The first requests to make; an empty list when there is nothing to ask. */
  plan(scope: RecordScope): RecordRequest[];
  read(reply: HttpReply, request: RecordRequest): RecordPage;
}

/** A connector that offers the provider's records carries a reader under `records`. */
export interface OffersRecords {
  readonly records: RecordReader;
}

/** The records reader of a connector, if it has one. */
export function recordsOf(connector: object): RecordReader | undefined {
  const r = (connector as Partial<OffersRecords>).records;
  return r && typeof r.plan === 'function' && typeof r.read === 'function' ? r : undefined;
}
