import { describe, expect, it } from 'vitest';
import { Breaker } from '../../../bridge/engine/breaker.js';

const make = () => new Breaker({ threshold: 3, backoff: { baseMs: 1000, maxMs: 8000 }, random: () => 1 });

describe('circuit breaker', () => {
  it('opens after the threshold of failures in a row, not before', () => {
    const b = make();
    expect(b.failure(0, 'ECONNREFUSED')).toBeUndefined();
    expect(b.failure(1, 'ECONNREFUSED')).toBeUndefined();
    expect(b.allow(2)).toBe(true);
    expect(b.failure(2, 'ECONNREFUSED')).toEqual({ from: 'closed', to: 'open', error: 'ECONNREFUSED' });
    expect(b.allow(3)).toBe(false);
    expect(b.view()).toMatchObject({ state: 'open', reachable: false, last_error: 'ECONNREFUSED' });
  });

  it('a success in between resets the count', () => {
    const b = make();
    b.failure(0, 'x');
    b.failure(1, 'x');
    b.success(2);
    expect(b.failure(3, 'x')).toBeUndefined();
    expect(b.allow(4)).toBe(true);
  });

  it('lets exactly one probe through when half-open; its result decides', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure(0, 'x');
    expect(b.allow(999)).toBe(false);
    expect(b.allow(1000)).toBe(true); // the probe
    expect(b.allow(1000)).toBe(false); // nobody else meanwhile
    expect(b.view().state).toBe('half_open');
    expect(b.success(1001)).toEqual({ from: 'half_open', to: 'closed', error: null });
    expect(b.allow(1002)).toBe(true);
  });

  it('a failed probe opens it again for longer', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure(0, 'x');
    b.allow(1000);
    expect(b.failure(1000, 'still down')).toEqual({ from: 'half_open', to: 'open', error: 'still down' });
    expect(b.allow(2999)).toBe(false);
    expect(b.allow(3000)).toBe(true);
  });

  it('a probe handed back without a report lets the next request probe at once, and only its own ticket does that', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure(0, 'x');
    expect(b.allow(1000)).toBe(true);
    const ticket = b.probeTicket!;
    expect(b.allow(1001)).toBe(false);
    b.endProbe(ticket - 1); // a stale ticket changes nothing
    expect(b.allow(1002)).toBe(false);
    b.endProbe(ticket);
    expect(b.allow(1003)).toBe(true);
    expect(b.probeTicket).toBe(ticket + 1);
  });

  it('forward-now lets a probe through at once', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure(0, 'x');
    b.probeNow();
    expect(b.allow(1)).toBe(true);
  });
});

describe('failing: reached, but no usable answer', () => {
  it('a run of `threshold` requests without a usable answer marks it failing, and lets everything through', () => {
    const b = make();
    b.trouble(0, 'answered HTTP 500');
    b.trouble(1, 'UND_ERR_SOCKET: other side closed');
    expect(b.view().failing).toBe(false);
    b.trouble(2, 'answered HTTP 503');
    expect(b.view()).toMatchObject({ state: 'closed', failing: true, last_error: 'answered HTTP 503' });
    for (let i = 0; i < 10; i++) b.trouble(3 + i, 'answered HTTP 500');
    expect(b.allow(20)).toBe(true);
    expect(b.view().state).toBe('closed');
  });

  it('an answer clears it; failures before sending count toward it too', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.trouble(i, 'answered HTTP 500');
    b.success(5);
    expect(b.view()).toMatchObject({ failing: false, last_error: null });
    b.trouble(6, 'answered HTTP 500');
    b.failure(7, 'ECONNREFUSED');
    b.trouble(8, 'answered HTTP 500');
    expect(b.view()).toMatchObject({ state: 'closed', failing: true });
  });

  it('an open breaker is unreachable, not failing', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.failure(i, 'ECONNREFUSED');
    expect(b.view()).toMatchObject({ state: 'open', failing: false });
  });
});
