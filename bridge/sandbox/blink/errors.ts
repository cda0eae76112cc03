// Every error Blink's pre-auth page (seed 001, https://api-docs.blinkpayment.co.uk/docs/post-preauth-transactions)
// documents, with its status and body as published. The generic 500's published body is not valid JSON
// (a bare string inside `errors`); we keep its words under the key "server".
// BLINK_FOLLOW_UP_ERRORS are assumptions: the completion, void and report pages publish no errors, so
// these copy the documented shape and wording pattern ("… is required and cannot be empty.").
import type { SandboxResponse } from '../kit.js';

const failure = (status: number, message: string, errors: Record<string, string>): SandboxResponse => ({
  status,
  body: { result: 'FAILURE', message, errors },
});
const invalid = (status: number, field: string, text: string) =>
  failure(status, 'Field validation failed', { [field]: text });

export const BLINK_ERRORS = {
  missingAuthorization: invalid(
    400,
    'Authorization',
    'The Authorization header is required and must be provided in the format: Basic <encoded_api_key:secret_key>.',
  ),
  missingCurrency: invalid(400, 'currency', 'The currency field is required and cannot be empty.'),
  missingPosLocation: invalid(400, 'pos_location', 'The pos_location field is required and cannot be empty.'),
  missingRequestTimestamp: invalid(
    400,
    'request_timestamp',
    'The request_timestamp field is required and must be provided in ISO 8601 format (e.g., 2025-02-02T14:43:59+01:00).',
  ),
  missingRequestedAmount: invalid(
    400,
    'requested_amount',
    'The requested_amount field is required and cannot be empty.',
  ),
  missingRequestedValidityDate: invalid(
    400,
    'requested_validity_date',
    'The requested_validity_date field is required and must be provided in ISO 8601 format (e.g., 2025-02-02T14:43:59+01:00).',
  ),
  missingSiteBranchId: invalid(400, 'site_branch_id', 'The site_branch_id field is required and cannot be empty.'),
  missingTerminalId: invalid(400, 'terminal_id', 'The terminal_id field is required and cannot be empty.'),
  acquirerTokenNotFound: invalid(
    401,
    'acquirer_token',
    'The acquirers token was not found in our system. Please contact the support team.',
  ),
  acquirerTokenInvalid: invalid(
    401,
    'acquirer_token',
    'The acquirers token provided is invalid in our system. Please contact the support team.',
  ),
  invalidAuthorization: invalid(
    401,
    'Authorization',
    'The provided Authorization header is invalid. Ensure it follows the correct format: Basic <encoded api_key:secret_key>.',
  ),
  invalidCredentials: invalid(
    403,
    'Authorization',
    'The provided api_key or secret_key is invalid. Please ensure the credentials are correct and try again.',
  ),
  unknownTerminal: invalid(
    404,
    'terminal_id',
    'The terminal_id provided is invalid in our system. Please contact the support team.',
  ),
  invalidCurrency: invalid(422, 'currency', 'The currency must be a valid ISO 4217 code (e.g., GBP, USD, EUR).'),
  invalidMetadata: invalid(
    422,
    'metadata',
    'The metadata must be a valid JSON-formatted string with a maximum length of 1024 characters.',
  ),
  invalidOperatorId: invalid(
    422,
    'operator_id',
    'The operator_id must be a valid string with a maximum length of 255 characters.',
  ),
  invalidPosLocation: invalid(
    422,
    'pos_location',
    'The pos_location must be a valid string with a maximum length of 16 characters.',
  ),
  invalidRequestTimestamp: invalid(
    422,
    'request_timestamp',
    'The request_timestamp must be a valid ISO 8601 datetime string (e.g., 2025-02-02T14:43:59+01:00).',
  ),
  invalidRequestedAmount: invalid(422, 'requested_amount', 'Requested amount must be between 0.01 and 999,999.99'),
  invalidRequestedValidityDate: invalid(
    422,
    'requested_validity_date',
    'The requested_validity_date must be a valid ISO 8601 datetime string (e.g., 2025-02-02T14:43:59+01:00).',
  ),
  invalidSiteBranchId: invalid(
    422,
    'site_branch_id',
    'The site_branch_id must be a valid string with a maximum length of 16 characters.',
  ),
  invalidTerminalId: invalid(
    422,
    'terminal_id',
    'The terminal_id must be a valid string with a maximum length of 35 characters.',
  ),
  terminalBusy: failure(429, 'Terminal is busy', {
    terminal_id: 'The terminal is busy processing another request. Please try again later.',
  }),
  generic: failure(500, 'Something went wrong on our end.', {
    server:
      "We're experiencing an issue with our server, but rest assured our team is already working to resolve it. Please try again, and we apologize for the inconvenience.",
  }),
  lostConnection: failure(503, 'Lost connection', {
    terminal_id: 'The connection to the terminal was lost. Please try again.',
  }),
  operationTimeout: failure(503, 'Transaction cancelled - operation timeout', {
    terminal_id: 'The transaction was cancelled due to operation timeout. Please try again.',
  }),
  terminalUnreachable: failure(503, 'Terminal unreachable', {
    terminal_id: 'The terminal is currently offline or unreachable. Please try again.',
  }),
} as const;

export const BLINK_FOLLOW_UP_ERRORS = {
  unknownOriginal: invalid(
    404,
    'original_transaction_id',
    'The original_transaction_id provided is invalid in our system.',
  ),
  alreadyFinal: (state: string) => invalid(422, 'original_transaction_id', `The pre-auth has already been ${state}.`),
  aboveAuthorised: invalid(422, 'requested_amount', 'The requested_amount must not exceed the pre-authorised amount.'),
  missingSaleToPOIData: invalid(400, 'SaleToPOIData', 'The SaleToPOIData field is required and cannot be empty.'),
  invalidSaleToPOIData: invalid(
    422,
    'SaleToPOIData',
    'The SaleToPOIData must be the one returned by the pre-auth transaction.',
  ),
  invalidOriginalTimestamp: invalid(
    422,
    'original_transaction_timestamp',
    'The original_transaction_timestamp must be a valid ISO 8601 datetime string (e.g., 2025-02-02T14:43:59+01:00).',
  ),
  invalidDate: invalid(422, 'date', 'The date must be a valid date in the format YYYY-MM-DD.'),
  missingUserAgent: invalid(400, 'User-Agent', 'The User-Agent header is required.'),
} as const;
