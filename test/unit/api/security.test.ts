import { describe, expect, it } from 'vitest';
import { hostnameOf, isAllowedOrigin, isLoopbackHost } from '../../../bridge/api/security.js';
import { bearerKey } from '../../../bridge/api/guards.js';
import { fieldErrorsOf } from '../../../bridge/api/errors.js';

describe('host and origin checks', () => {
  it('accepts loopback names and addresses only', () => {
    for (const h of [
      'localhost',
      'localhost:7420',
      '127.0.0.1:7420',
      '127.1.2.3',
      '[::1]:7420',
      'LOCALHOST',
      'app.localhost',
    ])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of [
      undefined,
      '',
      'evil.com',
      'localhost.evil.com',
      '127.0.0.1.evil.com',
      '10.0.0.1',
      '[::2]',
      '0.0.0.0',
      '127.0.0.256',
    ])
      expect(isLoopbackHost(h)).toBe(false);
    expect(hostnameOf('[::1]:80')).toBe('::1');
  });

  it("allows no Origin, listed origins and the daemon's own pages", () => {
    expect(isAllowedOrigin(undefined, [], 7420)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:7420', [], 7420)).toBe(true);
    expect(isAllowedOrigin('http://localhost:7420', [], 7420)).toBe(true);
    expect(isAllowedOrigin('http://localhost:3000', [], 7420)).toBe(false);
    expect(isAllowedOrigin('https://pos.example', ['https://pos.example'], 7420)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', ['https://pos.example'], 7420)).toBe(false);
    expect(isAllowedOrigin('null', [], 7420)).toBe(false);
  });

  it('reads bearer keys strictly', () => {
    expect(bearerKey('Bearer abc')).toBe('abc');
    expect(bearerKey('bearer abc')).toBe('abc');
    expect(bearerKey('Basic abc')).toBeUndefined();
    expect(bearerKey('Bearer a b')).toBeUndefined();
  });

  it('turns schema errors into per-field errors', () => {
    expect(
      fieldErrorsOf(
        [
          { instancePath: '/amount', keyword: 'minimum', message: 'must be >= 1' },
          {
            instancePath: '',
            keyword: 'required',
            params: { missingProperty: 'currency' },
            message: "must have required property 'currency'",
          },
          {
            instancePath: '/card',
            keyword: 'additionalProperties',
            params: { additionalProperty: 'pin' },
            message: 'x',
          },
        ],
        'body',
      ),
    ).toEqual([
      { field: 'amount', message: 'must be >= 1' },
      { field: 'currency', message: "must have required property 'currency'" },
      { field: 'card.pin', message: 'is not a known field' },
    ]);
  });
});
