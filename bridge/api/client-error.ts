// Requests Node's HTTP parser refuses before Fastify sees them (a 20 KB header, Content-Length twice,
// bytes that are not HTTP): Fastify's default answer is plain JSON. Here they get problem+json too,
// written straight to the socket, and the Host/Origin checks first, from the header lines the client
// got as far as sending.
import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../core/errors.js';
import { addressProblem, type AddressOptions } from './guards.js';
import { problemOf, type ProblemBody } from './problem.js';

export interface RawHeaders {
  /** The request target of the request line, when it arrived. */
  readonly target?: string;
  readonly host?: string;
  readonly origin?: string;
  /** Every Host line, when a request repeats it: all must be loopback names. */
  readonly hosts: readonly string[];
  /** The blank line that ends the headers arrived: a missing Host is missing, not yet to come. */
  readonly complete: boolean;
}

/** The Host and Origin lines of a request's first bytes (latin1: header values are bytes, not text). */
export function rawHeaders(packet: Uint8Array | undefined): RawHeaders {
  if (!packet) return { hosts: [], complete: false };
  const text = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const [requestLine = '', ...lines] = (end >= 0 ? text.slice(0, end) : text).split(/\r?\n/);
  const target = /^\S+ (\S+)/.exec(requestLine)?.[1];
  const hosts: string[] = [];
  let origin: string | undefined;
  for (const line of lines) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    if (name === 'host') hosts.push(m[2]!);
    else if (name === 'origin') origin ??= m[2]!;
  }
  return {
    ...(target !== undefined ? { target } : {}),
    ...(hosts[0] !== undefined ? { host: hosts[0] } : {}),
    ...(origin !== undefined ? { origin } : {}),
    hosts,
    complete: end >= 0,
  };
}

const PARSER_CODES: Readonly<Record<string, readonly [ErrorCode, string]>> = {
  HPE_HEADER_OVERFLOW: [
    'header_too_large',
    `The request headers are larger than posbridge takes (${Math.round(maxHeaderSize / 1024)} KiB in all)`,
  ],
  HPE_UNEXPECTED_CONTENT_LENGTH: [
    'invalid_content_length',
    'Content-Length is given twice, or together with Transfer-Encoding: send it once',
  ],
  HPE_INVALID_CONTENT_LENGTH: ['invalid_content_length', 'Content-Length is not a number of bytes'],
  // The headers or the whole request took longer than connections.headers_timeout_ms / request_timeout_ms.
  ERR_HTTP_REQUEST_TIMEOUT: [
    'request_timeout',
    'The request did not arrive in time: its headers or its body came too slowly (was the body shorter than Content-Length said?)',
  ],
};

export function clientErrorProblem(
  err: { readonly code?: string; readonly reason?: string },
  headers: RawHeaders,
  opts: AddressOptions,
): ProblemBody {
  // With the headers all there, a request without Host is refused as the hook refuses it; while they
  // are cut short (a header overflow), a Host not seen yet may still be a loopback name: the rest
  // (target, Origin) is judged as if it were.
  const hosts = headers.hosts.length ? headers.hosts : [headers.complete ? undefined : 'localhost'];
  for (const host of hosts) {
    const refused = addressProblem({ host, origin: headers.origin, target: headers.target }, opts);
    if (refused) return refused;
  }
  const known = err.code !== undefined ? PARSER_CODES[err.code] : undefined;
  if (known) return problemOf(known[0], known[1]);
  return problemOf(
    'malformed_request',
    `The request is not valid HTTP/1.1 (${err.reason ?? err.code ?? 'unreadable'})`,
  );
}

export function rawProblemResponse(problem: ProblemBody): string {
  const body = JSON.stringify(problem);
  return (
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}\r\n` +
    'Content-Type: application/problem+json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

interface ParserError extends Error {
  readonly code?: string;
  readonly reason?: string;
  readonly rawPacket?: unknown;
}

/** Fastify's clientErrorHandler option. */
export function clientErrorHandler(opts: AddressOptions) {
  return (err: ParserError, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // As Node itself does: no answer on top of a response already under way on this socket.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const packet = err.rawPacket instanceof Uint8Array ? err.rawPacket : undefined;
      socket.write(rawProblemResponse(clientErrorProblem(err, rawHeaders(packet), opts)));
    }
    socket.destroy();
  };
}
