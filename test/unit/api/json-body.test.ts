import { describe, expect, it } from 'vitest';
import { charsetOf, readJsonBody } from '../../../bridge/api/json-body.js';
import { isMoneyField } from '../../../bridge/api/money-fields.js';
import { AdjustBody, PreauthBody } from '../../../bridge/api/schemas.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; fieldErrors: unknown[] };
  }
  throw new Error('not refused');
};

describe('reading a JSON body from its bytes', () => {
  it('reads the charset parameter, quoted or not', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;charset="windows-1254"')).toBe('windows-1254');
    expect(charsetOf('application/json; foo=bar; Charset=iso-8859-9')).toBe('iso-8859-9');
  });

  it('drops a UTF-8 byte order mark and reads an empty body as none', () => {
    expect(
      readJsonBody(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"a":"Çağlar"}')]),
        'application/json',
        undefined,
      ),
    ).toEqual({ a: 'Çağlar' });
    expect(readJsonBody(Buffer.alloc(0), 'application/json', undefined)).toBeUndefined();
    expect(readJsonBody(Buffer.from([0xef, 0xbb, 0xbf, 0x20]), 'application/json', undefined)).toBeUndefined();
  });

  it('counts the offset of a bad byte from the start of the body as sent, byte order mark included', () => {
    const err = refusal(() => readJsonBody(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xc7, 0x7d]), undefined, undefined));
    expect(err.code).toBe('invalid_encoding');
    expect(err.message).toContain('byte 4 (0xC7)');
  });

  it('refuses a charset other than UTF-8 before reading a byte', () => {
    expect(refusal(() => readJsonBody(utf8('{}'), 'application/json; charset=windows-1254', undefined)).code).toBe(
      'unsupported_charset',
    );
    expect(readJsonBody(utf8('{}'), 'application/json; charset=utf8', undefined)).toEqual({});
  });

  it('says where JSON breaks without quoting the body (it may hold a card number)', () => {
    const err = refusal(() => readJsonBody(utf8('{"number":"4111111111111111",}'), undefined, undefined));
    expect(err.code).toBe('invalid_json');
    expect(err.message).toMatch(/^The body is not valid JSON \(at character \d+\)$/);
  });

  it("refuses decimal amounts only in the route's money fields, all of them named", () => {
    const err = refusal(() => readJsonBody(utf8('{"amount":25.00,"currency":"KWD"}'), undefined, PreauthBody));
    expect(err).toMatchObject({
      code: 'amount_not_minor_units',
      fieldErrors: [{ field: 'amount', message: expect.stringContaining('25.00 KWD is sent as 25000') }],
    });
    expect(refusal(() => readJsonBody(utf8('{"amount":1e2}'), undefined, AdjustBody)).code).toBe(
      'amount_not_minor_units',
    );
    expect(readJsonBody(utf8('{"amount":25.00}'), undefined, undefined)).toEqual({ amount: 25 }); // no schema: nothing to say it is money
    expect(readJsonBody(utf8('{"metadata":{"amount":25.00}}'), undefined, PreauthBody)).toEqual({
      metadata: { amount: 25 },
    });
  });
});

describe('money fields', () => {
  it('are the integer fields named amount, amount_… or …_amount that the schema declares', () => {
    expect(isMoneyField(PreauthBody, ['amount'])).toBe(true);
    expect(
      isMoneyField(
        {
          type: 'object',
          properties: {
            tip_amount: { type: 'integer' },
            amount_due: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          },
        },
        ['tip_amount'],
      ),
    ).toBe(true);
    expect(
      isMoneyField({ type: 'object', properties: { amount_due: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } }, [
        'amount_due',
      ]),
    ).toBe(true);
    expect(isMoneyField(PreauthBody, ['metadata', 'amount'])).toBe(false);
    expect(isMoneyField(PreauthBody, ['card', 'expiry_month'])).toBe(false);
    expect(isMoneyField({ type: 'object', properties: { amount: { type: 'number' } } }, ['amount'])).toBe(false);
    expect(isMoneyField(undefined, ['amount'])).toBe(false);
  });
});
