// Errors Fastify raises itself, in problem+json with stable codes like every other refusal: a bad URL
// encoding and an over-long URL part (raised before routing, so before the hooks: the Host and Origin
// checks are made here too), a body shorter or longer than Content-Length, an Expect header Node does
// not take. Anything not named here goes on to the API's error handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../core/errors.js';
import { addressProblem, type AddressOptions } from './guards.js';
import { problemOf, sendProblem, type ProblemBody } from './problem.js';

const FASTIFY_CODES: Readonly<Record<string, readonly [ErrorCode, string]>> = {
  FST_ERR_BAD_URL: [
    'invalid_url',
    'The URL is not valid: a % must start an escape of two hex digits (%20), and escapes must spell UTF-8',
  ],
  FST_ERR_MAX_PARAM_LENGTH: ['url_too_long', 'A part of the URL is too long (ids are at most 64 characters)'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    'invalid_content_length',
    'The body is not as long as Content-Length says: count it in bytes of the UTF-8 text, not in characters',
  ],
};

export function fastifyProblem(err: { readonly code?: string }, instance?: string): ProblemBody | undefined {
  const known = err.code !== undefined ? FASTIFY_CODES[err.code] : undefined;
  return known ? problemOf(known[0], known[1], instance !== undefined ? { instance } : {}) : undefined;
}

/** Fastify's frameworkErrors option: called instead of the hooks, so it makes their Host/Origin checks. */
export function frameworkErrors(opts: AddressOptions) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const problem =
      addressProblem({ ...request.headers, target: request.url }, opts, request.url) ??
      fastifyProblem(err, request.url) ??
      problemOf('malformed_request', `The request cannot be routed (${err.code})`, { instance: request.url });
    void sendProblem(reply, problem);
  };
}

interface AjvError {
  keyword?: string;
  message?: string;
  propertyName?: string;
}

/**
 * Ajv reports a bad key (propertyNames) at the object, once for the rule and once as "property name
 * must be valid": keep the rule, say which key, and say in words what the pattern is for.
 */
export function clarifyKeyErrors<T extends AjvError>(errors: readonly T[]): T[] {
  return errors
    .filter((e) => e.keyword !== 'propertyNames')
    .map((e) => {
      if (e.propertyName === undefined) return e;
      const rule =
        e.keyword === 'pattern'
          ? 'must not contain control characters (a newline, a tab…)'
          : (e.message ?? 'is not valid');
      return { ...e, message: `key ${JSON.stringify(e.propertyName)} ${rule}` };
    });
}

/** Wraps the API's error handler: Fastify's own codes first, clearer key errors for validation. */
export function withFrameworkErrors(
  handler: (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown,
) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = fastifyProblem(err, request.url);
    if (problem) return sendProblem(reply, problem);
    if (err.validation) err.validation = clarifyKeyErrors(err.validation);
    return handler(err, request, reply);
  };
}

/** Node answers an Expect other than 100-continue with a bare 417 unless someone listens: answer it here. */
export function expectationFailed(opts: AddressOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const problem =
      addressProblem({ ...request.headers, target: request.url }, opts) ??
      problemOf(
        'expectation_failed',
        `Expect: ${request.headers.expect} is not supported; send no Expect header, or Expect: 100-continue`,
      );
    const body = JSON.stringify(problem);
    response.writeHead(problem.status, {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
    response.end(body);
  };
}
