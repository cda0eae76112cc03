// The contract between the engine and a provider connector. Connectors are pure: they describe
// requests and interpret replies; the shared HTTP executor does the I/O.
import type { CardInput } from './card.js';
import type { FieldError } from './errors.js';
import type { Lookup, Outcome } from './outcome.js';
import type { OperationKind } from './states.js';
import type { TerminalSettingsParser } from './terminal-settings.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface HttpRequestSpec {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body. */
  readonly body?: unknown;
  /** Or an application/x-www-form-urlencoded body (OAuth token requests). */
  readonly form?: Readonly<Record<string, string>>;
  /** 'bearer': the executor adds a cached access token from the connector's `authFor`. */
  readonly auth: 'bearer' | 'none';
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface Capabilities {
  /** The provider replays the stored answer for a resend with the same idempotency key. */
  readonly idempotencyKey: boolean;
  /**
   * How long the provider replays the answer for a key. Past it the same key is a new request, so a
   * resend would be a second operation: the engine only looks up or asks a person after it.
   */
  readonly idempotencyWindowMs?: number;
  /** Transactions can be looked up (by provider id, or by our reference before we know the id). */
  readonly statusLookup: boolean;
  readonly adjust: boolean;
  readonly partialCapture: boolean;
  /** Capturing more than authorised without an adjust first. */
  readonly captureAboveAuthorized: boolean;
  readonly mode: 'sync' | 'async';
  readonly cardPresence: 'card_present' | 'card_not_present';
  /** Plain-language description of when a void is possible. */
  readonly voidWindow: string;
}

/** What the engine knows of any terminal's settings: opaque; only the terminal's own connector reads them. */
export type AnySettings = object;

/** The terminal an operation runs on, its provider settings already parsed by the connector's own parse. */
export interface TerminalContext<S = AnySettings> {
  readonly id: string;
  readonly currency: string | null;
  readonly settings: Readonly<S>;
  /** Credentials from pairing (Lab4Pay), decrypted for this step only. */
  readonly credentials?: Readonly<Record<string, string>>;
}

/** Everything a connector may read to build or parse one operation. */
export interface OperationContext<S = AnySettings> {
  readonly kind: OperationKind;
  readonly transaction: {
    readonly id: string;
    readonly reference: string;
    readonly currency: string;
    readonly amountRequested: number;
    readonly amountAuthorized: number | null;
    readonly providerRef: string | null;
    readonly expiresAt: string | null;
    /** Every provider reference of the transaction (e.g. SmartRetry's transaction_id and order_id). */
    readonly providerRefs: Readonly<Record<string, string>>;
    readonly operator: string | null;
    /** When the POS asked (ISO 8601): the day a provider's request log files the preauth under. */
    readonly createdAt: string;
  };
  readonly operation: {
    readonly id: string;
    readonly amount: number | null;
    readonly idempotencyKey: string;
    /** The provider's id for this operation itself, once known (an async capture's operation id). */
    readonly providerRef: string | null;
    /** When the POS asked for it (ISO 8601): the day a provider's request log files it under. */
    readonly createdAt: string;
  };
  readonly terminal: TerminalContext<S>;
  /** The time of this step, for fields like Blink's request_timestamp. */
  readonly now: string;
  /** Card data for a card-not-present preauth; held in memory only, absent after a restart. */
  readonly card?: CardInput;
}

/** A lookup's answer so far: settled (found / not found / inconclusive), or one more request to make. */
export type LookupStep = Lookup | { readonly kind: 'next'; readonly request: HttpRequestSpec };

export interface RemoteTerminal {
  /** The provider's id of the terminal (matched against the terminal's settings). */
  readonly id: string;
  readonly connected: boolean;
  readonly state: string;
  readonly lastConnectedAt: string | null;
}

export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInMs: number;
}

export interface ConnectorAuth {
  /** A stable key for the token cache: which credentials the token belongs to. */
  readonly cacheKey: string;
  tokenRequest(): HttpRequestSpec;
  parseToken(reply: HttpReply): TokenGrant;
}

/** What the engine and the API read of any provider, reached over HTTP or spoken to directly (ZVT). */
export type ProviderFacts = Pick<Connector, 'name' | 'capabilities' | 'needsCard' | 'terminalSettings'> &
  Partial<
    Pick<Connector, 'localKinds' | 'local' | 'checkPreauth' | 'terminals' | 'pairing' | 'cancel' | 'lookup' | 'authFor'>
  >;

/**
 * A connector for terminals whose settings are `S`. The engine holds every connector as `Connector` (S
 * opaque) and hands each one only contexts whose settings came from that connector's own
 * `terminalSettings`, so S is known where it is read: in the connector.
 */
export interface Connector<S = AnySettings> {
  readonly name: string;
  readonly capabilities: Capabilities;
  /** How this provider's terminal settings are read from the store: once per terminal, not per request. */
  readonly terminalSettings: TerminalSettingsParser<S>;
  /** How to get a bearer token for this terminal's requests (per provider, or per paired terminal). */
  authFor?(terminal: TerminalContext<S>): ConnectorAuth | undefined;
  /** Kinds decided without any request (Lab4Pay keeps adjustments locally until completion)… */
  readonly localKinds?: readonly OperationKind[];
  /** …and their outcome. */
  local?(ctx: OperationContext<S>): Outcome | undefined;
  /** Provider-specific checks of a preauth request, made at intake before anything is written. */
  checkPreauth?(req: { readonly card?: CardInput; readonly currency: string; readonly amount: number }): FieldError[];
  /** Whether the request body of this kind needs card data that only lives in memory. */
  needsCard(kind: OperationKind): boolean;
  build(ctx: OperationContext<S>): HttpRequestSpec;
  parse(ctx: OperationContext<S>, reply: HttpReply): Outcome;
  /** The provider's own list of terminals with their connection state, where it has one (Blink). */
  terminals?(): {
    request: HttpRequestSpec;
    parse(reply: HttpReply): RemoteTerminal[];
    /** Which remote terminal one of ours is, from its settings. */
    idOf(settings: Readonly<S>): string | undefined;
  };
  /** One-time-password pairing of a terminal (Lab4Pay): the credentials it returns are shown once. */
  pairing?: {
    request(name: string, otp: string): HttpRequestSpec;
    /** The credentials to keep (sealed); throws with the provider's reason when the pairing was refused. */
    parse(reply: HttpReply): Record<string, string>;
  };
  /** Cancels a preauth still waiting at the terminal (Lab4Pay); undefined while it cannot be addressed yet. */
  cancel?(ctx: OperationContext<S>): HttpRequestSpec | undefined;
  /** How to look up whether an in-doubt operation took effect; undefined when it cannot be looked up. */
  lookup?(ctx: OperationContext<S>): HttpRequestSpec | undefined;
  /**
   * Reads one lookup answer. `request` is the request that got it, so a connector whose lookup takes
   * several requests (a status, then the details; one day's log, then the day before) can tell them
   * apart and name the next one with `{kind: 'next'}`.
   */
  parseLookup?(ctx: OperationContext<S>, reply: HttpReply, request?: HttpRequestSpec): LookupStep;
}
