// Reading a PayPorter error body. The POS pages document no error body: the only hint is
// cancel-payment.md, whose example does `throw new Error(error.message)` on a non-2xx answer, so the
// body has a top-level `message`. PayPorter's money-transfer API (docs/introduction/intro.md, same
// docs repo) answers business errors as `{body: {restHeader: {code, message, success, messageCode}}}`.
// Both are read, plus the `{errorCode, errorMessage, details[]}` shape earlier versions assumed, so a
// message is never lost to a shape we guessed wrong. Classification never depends on the body: only
// on the HTTP status.
import type { FieldError } from '../../core/errors.js';

export interface PayPorterErrorText {
  readonly code?: string;
  readonly message?: string;
  readonly fieldErrors: readonly FieldError[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function restHeaderOf(body: Obj): Obj | undefined {
  if (isObj(body.restHeader)) return body.restHeader;
  if (isObj(body.body) && isObj(body.body.restHeader)) return body.body.restHeader;
  return undefined;
}

function fieldErrorsOf(body: Obj): FieldError[] {
  const list = Array.isArray(body.details) ? body.details : Array.isArray(body.errors) ? body.errors : [];
  return list.filter(isObj).flatMap((d) => {
    const field = str(d.field) ?? str(d.parameter);
    const message = str(d.message) ?? str(d.detail);
    return field && message ? [{ field, message }] : [];
  });
}

export function readPayPorterError(body: unknown): PayPorterErrorText {
  if (typeof body === 'string')
    return { ...(body.trim() ? { message: body.trim().slice(0, 500) } : {}), fieldErrors: [] };
  if (!isObj(body)) return { fieldErrors: [] };
  const rest = restHeaderOf(body);
  const message =
    str(body.message) ??
    str(body.errorMessage) ??
    str(rest?.message) ??
    (isObj(body.error) ? str(body.error.message) : str(body.error));
  const code = str(body.errorCode) ?? str(body.code) ?? str(rest?.messageCode) ?? str(rest?.code);
  return { ...(code ? { code } : {}), ...(message ? { message } : {}), fieldErrors: fieldErrorsOf(body) };
}

/** One line for a person: "CODE: message", whatever parts the body had. */
export function errorText(e: PayPorterErrorText, status: number): string {
  if (e.code && e.message) return `${e.code}: ${e.message}`;
  return e.message ?? e.code ?? `HTTP ${status}`;
}
