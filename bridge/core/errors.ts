// Stable error codes. Callers match on `code`, never on message text.
// Each code has one HTTP status so the API maps errors in a single place.

export const ERROR_CODES = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_amount: 400,
  /** An amount written with a decimal point or an exponent (25.00, 2.5e3): amounts are whole minor units. */
  amount_not_minor_units: 400,
  /** The body is not UTF-8 (a Windows code page, UTF-16, a body cut inside a character). */
  invalid_encoding: 400,
  /** Framework and HTTP-level refusals: the request could not be read as HTTP at all, or its parts not. */
  malformed_request: 400,
  invalid_content_length: 400,
  invalid_url: 400,
  unsupported_currency: 400,
  unauthorized: 401,
  /** A status-window sign-in link that is unknown, already used or expired. */
  login_link_invalid: 401,
  forbidden_host: 403,
  forbidden_origin: 403,
  /** A metrics-only API key used for anything but GET /v1/metrics. */
  insufficient_scope: 403,
  not_found: 404,
  unknown_terminal: 404,
  reference_conflict: 409,
  idempotency_conflict: 409,
  invalid_state: 409,
  operation_in_progress: 409,
  terminal_exists: 409,
  terminal_busy: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A Content-Type charset other than UTF-8: refused, never guessed at or transcoded. */
  unsupported_charset: 415,
  request_timeout: 408,
  url_too_long: 414,
  expectation_failed: 417,
  header_too_large: 431,
  amount_exceeds_authorized: 422,
  card_required: 422,
  operation_not_supported: 422,
  /** A charge or release from the status window without the name or number of who is doing it. */
  requested_by_required: 422,
  card_declined: 402,
  insufficient_funds: 402,
  referral_required: 402,
  expired_card: 402,
  provider_rejected: 422,
  provider_error: 502,
  provider_unavailable: 503,
  outcome_unresolved: 502,
  interrupted: 503,
  terminal_timeout: 504,
  cancelled: 409,
  cancel_too_late: 409,
  terminal_not_paired: 409,
  /** The terminal's stored provider settings do not parse (an older version's row, or one edited by hand). */
  invalid_terminal_settings: 409,
  pairing_failed: 422,
  resolved_by_person: 409,
  /** The transaction was moved to an archive file (retention): it can be read, not changed. */
  transaction_archived: 409,
  shutting_down: 503,
  paused: 503,
  storage_unavailable: 503,
  /** The archive file that holds a transaction is missing or unreadable. */
  archive_unavailable: 503,
  queue_limit_reached: 503,
  queue_expired: 503,
  /** GET /v1/events while event_stream.max_streams streams are open; Retry-After says when to try again. */
  too_many_streams: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: readonly FieldError[];
  constructor(code: ErrorCode, message: string, fieldErrors: readonly FieldError[] = []) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export function isBridgeError(e: unknown): e is BridgeError {
  return e instanceof BridgeError;
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
