// The code a failed connection test carries: the pairing wizard's advice for the cable or the network
// depends on it.
import { describe, expect, it } from 'vitest';
import { zvtFailureCode } from '../../../bridge/terminals/zvt/failure-code.js';

describe('the code of a failed connection test', () => {
  it('passes network errnos on as they are', () => {
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNRESET'])
      expect(zvtFailureCode({ code, reason: `connect ${code} 10.0.0.5:20007` })).toBe(code);
  });
  it("reads the TCP connect timer's own words as ETIMEDOUT", () => {
    expect(zvtFailureCode({ reason: 'no connection to 10.0.0.5:20007 within 5000 ms' })).toBe('ETIMEDOUT');
  });
  it('reads serialport messages, which carry no errno', () => {
    expect(zvtFailureCode({ reason: 'Error: No such file or directory, cannot open /dev/ttyUSB3' })).toBe(
      'port_missing',
    );
    expect(zvtFailureCode({ reason: 'Opening COM7: File not found' })).toBe('port_missing');
    expect(zvtFailureCode({ reason: 'Error Resource temporarily unavailable Cannot lock port' })).toBe('port_busy');
    expect(zvtFailureCode({ reason: 'Opening COM3: Access denied' })).toBe('port_denied');
    expect(zvtFailureCode({ reason: 'Error: Permission denied, cannot open /dev/ttyS0' })).toBe('port_denied');
  });
  it('tells the link layer giving up from a terminal that answered', () => {
    expect(
      zvtFailureCode({ reason: 'the terminal did not acknowledge the frame within T2 (5000 ms), three times' }),
    ).toBe('no_link_ack');
    expect(zvtFailureCode({ reason: 'the terminal refused the frame three times (NAK)' })).toBe('link_nak');
    expect(zvtFailureCode({ timer: 'T3' })).toBe('no_answer');
    expect(zvtFailureCode({ resultCode: 0x6f })).toBe('refused_by_terminal');
    expect(zvtFailureCode({ reason: 'the terminal closed the connection' })).toBe('connection_lost');
    expect(zvtFailureCode({ reason: 'something new' })).toBe('unknown');
  });
});
