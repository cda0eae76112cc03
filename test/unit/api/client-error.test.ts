import { describe, expect, it } from 'vitest';
import { clientErrorProblem, rawHeaders, rawProblemResponse } from '../../../bridge/api/client-error.js';
import { clarifyKeyErrors, fastifyProblem } from '../../../bridge/api/framework-errors.js';

const opts = { allowedOrigins: ['https://pos.example'], port: () => 7420 };
const packet = (text: string) => Buffer.from(text, 'latin1');

describe('requests Node refuses before Fastify', () => {
  it('reads Host and Origin from as much of the request as arrived', () => {
    expect(rawHeaders(packet('GET / HTTP/1.1\r\nHOST: localhost:7420\r\nOrigin: https://pos.example\r\n\r\n'))).toEqual(
      { target: '/', host: 'localhost:7420', origin: 'https://pos.example', hosts: ['localhost:7420'], complete: true },
    );
    expect(rawHeaders(packet('GET http://a/x HTTP/1.1\nHost: a\nHost: b\nX-Filler: aaaa'))).toEqual({
      target: 'http://a/x',
      host: 'a',
      hosts: ['a', 'b'],
      complete: false,
    });
    expect(rawHeaders(undefined)).toEqual({ hosts: [], complete: false });
  });

  it('checks Host and Origin first, then names what was wrong', () => {
    const code = (err: { code?: string; reason?: string }, text: string) =>
      clientErrorProblem(err, rawHeaders(packet(text)), opts).code;
    expect(code({ code: 'HPE_HEADER_OVERFLOW' }, 'GET / HTTP/1.1\r\nHost: evil.example\r\nX: aaaa')).toBe(
      'forbidden_host',
    );
    expect(
      code({ code: 'HPE_HEADER_OVERFLOW' }, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n'),
    ).toBe('forbidden_host');
    expect(
      code(
        { code: 'HPE_HEADER_OVERFLOW' },
        'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nX: aaa',
      ),
    ).toBe('forbidden_origin');
    expect(code({ code: 'HPE_HEADER_OVERFLOW' }, 'GET / HTTP/1.1\r\nX: aaaa')).toBe('header_too_large'); // Host may be in the part cut off
    expect(code({ code: 'HPE_HEADER_OVERFLOW' }, 'GET http://evil.example/ HTTP/1.1\r\nX: aaaa')).toBe(
      'forbidden_host',
    ); // absolute-form names the host
    expect(code({ code: 'HPE_INVALID_METHOD' }, 'BREW / HTTP/1.1\r\n\r\n')).toBe('forbidden_host'); // complete, and no Host
    expect(code({ code: 'HPE_UNEXPECTED_CONTENT_LENGTH' }, 'POST / HTTP/1.1\r\nHost: localhost\r\n\r\n')).toBe(
      'invalid_content_length',
    );
    expect(code({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }, 'POST / HTTP/1.1\r\nHost: localhost\r\n\r\n')).toBe(
      'request_timeout',
    );
    expect(
      code(
        { code: 'HPE_INVALID_HEADER_TOKEN', reason: 'Invalid header token' },
        'GET / HTTP/1.1\r\nHost: [::1]:7420\r\n\r\n',
      ),
    ).toBe('malformed_request');
  });

  it('writes a whole HTTP response that closes the connection', () => {
    const problem = clientErrorProblem({ code: 'HPE_HEADER_OVERFLOW' }, rawHeaders(undefined), opts);
    const raw = rawProblemResponse(problem);
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain('Content-Type: application/problem+json; charset=utf-8');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(head).toContain('Connection: close');
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'header_too_large' });
  });
});

describe("Fastify's own errors", () => {
  it("get codes of their own; others are left to the API's handler", () => {
    expect(fastifyProblem({ code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' })).toMatchObject({
      status: 400,
      code: 'invalid_content_length',
    });
    expect(fastifyProblem({ code: 'FST_ERR_BAD_URL' }, '/v1/%zz')).toMatchObject({
      status: 400,
      code: 'invalid_url',
      instance: '/v1/%zz',
    });
    expect(fastifyProblem({ code: 'FST_ERR_VALIDATION' })).toBeUndefined();
  });

  it('name the metadata key a validation error is about', () => {
    const ajv = [
      { instancePath: '/metadata', keyword: 'pattern', message: 'must match pattern "^…$"', propertyName: 'a\nb' },
      {
        instancePath: '/metadata',
        keyword: 'propertyNames',
        message: 'property name must be valid',
        params: { propertyName: 'a\nb' },
      },
      { instancePath: '/amount', keyword: 'type', message: 'must be integer' },
    ];
    expect(clarifyKeyErrors(ajv).map((e) => e.message)).toEqual([
      'key "a\\nb" must not contain control characters (a newline, a tab…)',
      'must be integer',
    ]);
  });
});
