// Maps everything that can go wrong in a request to problem+json. Framework errors (bad JSON, too
// large, schema validation) get our stable codes too, so a POS never sees two error shapes.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { BridgeError, type FieldError } from '../core/errors.js';
import type { Logger } from '../logging.js';
import { problemFromError, problemOf, sendProblem } from './problem.js';
import { isStorageError } from '../store/store.js';

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

export function fieldErrorsOf(validation: readonly AjvLikeError[], context: string | undefined): FieldError[] {
  return validation.map((v) => {
    let path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (v.keyword === 'required' && typeof v.params?.missingProperty === 'string') {
      path = path ? `${path}.${v.params.missingProperty}` : v.params.missingProperty;
    }
    if (v.keyword === 'additionalProperties' && typeof v.params?.additionalProperty === 'string') {
      path = path ? `${path}.${v.params.additionalProperty}` : v.params.additionalProperty;
      return { field: path, message: 'is not a known field' };
    }
    const where = context && context !== 'body' ? `${context}:` : '';
    return { field: `${where}${path}` || (context ?? 'body'), message: v.message ?? 'is invalid' };
  });
}

export function errorHandler(log: Logger) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const instance = request.url;
    if (err instanceof BridgeError) return sendProblem(reply, problemFromError(err, instance));
    if (err.validation) {
      return sendProblem(
        reply,
        problemOf('validation_failed', 'The request does not match the schema', {
          instance,
          errors: fieldErrorsOf(err.validation as AjvLikeError[], err.validationContext),
        }),
      );
    }
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, problemOf('payload_too_large', 'Request bodies are limited to 64 KiB', { instance }));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      return sendProblem(
        reply,
        problemOf('unsupported_media_type', 'Send JSON with Content-Type: application/json', { instance }),
      );
    }
    if (
      err instanceof SyntaxError ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return sendProblem(reply, problemOf('invalid_json', 'The body is not valid JSON', { instance }));
    }
    if (isStorageError(err)) {
      log.error({ err, url: request.url }, 'storage failure');
      return sendProblem(
        reply,
        problemOf('storage_unavailable', 'The local database cannot take writes right now; nothing was recorded', {
          instance,
        }),
      );
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, problemOf('validation_failed', err.message, { instance }));
    }
    log.error({ err, url: request.url }, 'unhandled error');
    return sendProblem(
      reply,
      problemOf('internal_error', 'Something went wrong inside posbridge; nothing was sent twice. See the log.', {
        instance,
      }),
    );
  };
}
