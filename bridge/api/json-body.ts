// Reads a JSON request body from its bytes rather than from a string Fastify decoded: only the bytes
// show a body that is not UTF-8 (decoding would have put U+FFFD into the customer's name and sent it
// on), and only the text shows an amount written 25.00 (JSON.parse reads it as 25, a hold of 0.25).
import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import { BridgeError, type FieldError } from '../core/errors.js';
import { hasFractionOrExponent, numberLiterals, type JsonPath } from '../core/json-numbers.js';
import { minorUnitsHint } from '../core/minor-units.js';
import { currencyExponent } from '../core/money.js';
import { firstUtf8Error } from '../core/utf8.js';
import { isMoneyField } from './money-fields.js';

/** The charset parameter of a Content-Type, lower-cased; undefined when none is given. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2] ?? '').toLowerCase() : undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SEND_UTF8 =
  'Send the body as UTF-8 (a byte order mark is accepted); Windows code pages such as windows-1254 or ISO-8859-9 are not';

function refuseCharset(charset: string): never {
  // Refused rather than transcoded: JSON between systems must be UTF-8 (RFC 8259 §8.1, which defines no
  // charset parameter for application/json), and a legacy POS's label is often wrong (iso-8859-1 on
  // windows-1254 bytes): transcoding by it would send a wrong name on to the provider without a word.
  // A refusal is fixed once, in the POS.
  throw new BridgeError(
    'unsupported_charset',
    `Content-Type says charset=${charset}; posbridge takes JSON in UTF-8 only. ${SEND_UTF8}, with Content-Type: application/json (or application/json; charset=utf-8)`,
    [{ field: 'content-type', message: `charset ${charset} is not utf-8` }],
  );
}

function encodingError(raw: Uint8Array, bodyStart: number): BridgeError {
  const where = (offset: number, message: string) =>
    new BridgeError('invalid_encoding', message, [{ field: 'body', message: `not UTF-8 at byte ${offset}` }]);
  if (startsWith(raw, [0xff, 0xfe]) || startsWith(raw, [0xfe, 0xff])) {
    return where(0, `The body is UTF-16 (it starts with a UTF-16 byte order mark at byte 0). ${SEND_UTF8}`);
  }
  const body = raw.subarray(bodyStart);
  const bad = firstUtf8Error(body);
  if (bad) {
    const offset = bad.offset + bodyStart;
    const byte = `0x${raw[offset]!.toString(16).toUpperCase().padStart(2, '0')}`;
    const why = bad.truncated
      ? `starts a character the body ends inside (is Content-Length counted in characters instead of bytes?)`
      : 'is not UTF-8 there';
    return where(offset, `The body is not valid UTF-8: byte ${offset} (${byte}) ${why}. ${SEND_UTF8}`);
  }
  // Valid UTF-8 but with a NUL byte: JSON never holds one raw; UTF-16 without a byte order mark does.
  const nul = body.indexOf(0) + bodyStart;
  return where(nul, `The body holds a NUL byte at byte ${nul}: it looks like UTF-16. ${SEND_UTF8}`);
}

function fieldName(path: JsonPath): string {
  return path.length ? path.join('.') : 'body';
}

/** Refuses numbers JSON.parse would read as something else than what was written. */
function checkNumbers(text: string, value: unknown, bodySchema: unknown): void {
  const money: FieldError[] = [];
  const details: string[] = [];
  const outOfRange: FieldError[] = [];
  const currency =
    typeof (value as { currency?: unknown } | null)?.currency === 'string'
      ? (value as { currency: string }).currency
      : undefined;
  const exponent = currency !== undefined ? currencyExponent(currency) : undefined;
  for (const literal of numberLiterals(text)) {
    const field = fieldName(literal.path);
    if (hasFractionOrExponent(literal.text) && isMoneyField(bodySchema, literal.path)) {
      const hint = minorUnitsHint(
        literal.text,
        currency !== undefined && exponent !== undefined ? { code: currency, exponent } : undefined,
      );
      money.push({ field, message: `must be whole minor units with no decimal point or exponent (${hint})` });
      details.push(
        `${field} is ${literal.text}: amounts are whole minor units of the currency, a JSON integer with no decimal point or exponent (${hint})`,
      );
    } else if (!Number.isFinite(Number(literal.text))) {
      outOfRange.push({
        field,
        message: `${literal.text.length > 20 ? `${literal.text.slice(0, 20)}…` : literal.text} is too large to be read as a number`,
      });
    }
  }
  // A string amount ("25.00") is not taken either: it fails the schema (an integer) like any other
  // string. Accepting major units in one form would leave two ways to say an amount and the old trap.
  if (money.length) throw new BridgeError('amount_not_minor_units', details.join('; '), money);
  if (outOfRange.length)
    throw new BridgeError('validation_failed', 'A number in the body is too large to be read', outOfRange);
}

function invalidJson(err: unknown): BridgeError {
  // Only the position is passed on: V8's message quotes the body, which may hold a card number.
  const position = /at position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
  return new BridgeError(
    'invalid_json',
    position !== undefined ? `The body is not valid JSON (at character ${position})` : 'The body is not valid JSON',
  );
}

/** The parsed body (undefined for an empty one), or a BridgeError saying what is wrong with it. */
export function readJsonBody(raw: Buffer, contentType: string | undefined, bodySchema: unknown): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') refuseCharset(charset);
  // .NET's Encoding.UTF8 writes a byte order mark; it says "UTF-8" and nothing else, so it is dropped.
  const bodyStart = startsWith(raw, UTF8_BOM) ? UTF8_BOM.length : 0;
  const bytes = raw.subarray(bodyStart);
  if (!isUtf8(bytes) || bytes.includes(0)) throw encodingError(raw, bodyStart);
  const text = bytes.toString('utf8');
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidJson(err);
  }
  checkNumbers(text, value, bodySchema);
  return value;
}

export function jsonBodyParser(
  request: FastifyRequest,
  body: Buffer,
  done: (err: Error | null, body?: unknown) => void,
): void {
  try {
    done(null, readJsonBody(body, request.headers['content-type'], request.routeOptions.schema?.body));
  } catch (err) {
    done(err as Error, undefined);
  }
}
