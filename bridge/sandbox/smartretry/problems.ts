// Error bodies as https://www.smartretry.com/docs/api-reference/errors shows them: RFC 7807 problem
// details with `type` (a link to the reason on the errors page), `title`, `status`, `detail`,
// `instance`, a stable `reason_code` and a `context` object (`{}` when there is nothing to add).
import type { SandboxResponse } from '../kit.js';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function srProblem(
  status: number,
  reason: string,
  detail: string,
  instance: string,
  context: Record<string, unknown> = {},
): SandboxResponse {
  return {
    status,
    body: {
      type: `https://www.smartretry.com/docs/api-reference/errors#${reason.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      instance,
      reason_code: reason,
      context,
    },
  };
}

/** A validation failure: one reason code, the field at fault in `context.field` (api-reference/errors). */
export interface Invalid {
  readonly reason: string;
  readonly field: string;
  readonly detail: string;
}

export function invalidProblem(e: Invalid, instance: string, status = 400): SandboxResponse {
  return srProblem(status, e.reason, e.detail, instance, { field: e.field });
}
