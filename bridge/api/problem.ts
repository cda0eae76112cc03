// RFC 9457 problem details with our stable codes. Every refusal the API gives goes through here.
import type { FastifyReply } from 'fastify';
import { BridgeError, ERROR_CODES, type ErrorCode, type FieldError } from '../core/errors.js';
import { refusalOf, type Answer, type Result } from './answer.js';
import type { TransactionJson } from './present.js';

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'The request is not valid',
  invalid_json: 'The body is not valid JSON',
  unauthorized: 'An API key is required',
  login_link_invalid: 'The sign-in link is used or expired',
  forbidden_host: 'Host not allowed',
  insufficient_scope: 'This API key may not do that',
  forbidden_origin: 'Origin not allowed',
  not_found: 'Not found',
  payload_too_large: 'The body is too large',
  reference_conflict: 'Reference already used for another request',
  idempotency_conflict: 'Idempotency-Key already used for another request',
  card_declined: 'The card was declined',
  outcome_unresolved: 'The outcome is not known; a person must check',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  /** declined (402) or refused (anything else): nothing happened. */
  result: Result;
  /** Always true: a problem is an answer that will not change (nothing happened). */
  final: true;
  /** The same in plain words, for the cashier. */
  message: string;
  instance?: string;
  errors?: FieldError[];
  transaction?: TransactionJson;
}

export function problemOf(
  code: ErrorCode,
  detail: string,
  extra: { errors?: readonly FieldError[]; instance?: string; transaction?: TransactionJson; answer?: Answer } = {},
): ProblemBody {
  const answer = extra.answer ?? refusalOf(code, detail);
  const body: ProblemBody = {
    type: `https://posbridge.local/problems/${code}`,
    title: TITLES[code] ?? code.replace(/_/g, ' '),
    status: ERROR_CODES[code],
    code,
    detail,
    result: answer.result,
    final: true,
    message: answer.message,
  };
  if (extra.instance) body.instance = extra.instance;
  if (extra.errors && extra.errors.length) body.errors = [...extra.errors];
  if (extra.transaction) body.transaction = extra.transaction;
  return body;
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.code(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

export function problemFromError(err: BridgeError, instance?: string): ProblemBody {
  return problemOf(err.code, err.message, { errors: err.fieldErrors, ...(instance ? { instance } : {}) });
}
