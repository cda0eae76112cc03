import { describe, expect, it } from 'vitest';
import { ConnectionTable } from '../../../bridge/api/connection-table.js';

function full(max: number, keys: string[]): ConnectionTable<string> {
  const table = new ConnectionTable<string>(max);
  for (const k of keys) expect(table.admit(k)).toEqual({ admitted: true });
  return table;
}

describe('which connection goes at the cap', () => {
  it('lets the newcomer in and closes the longest-idle one that never carried an authorised request', () => {
    const table = full(3, ['a', 'b', 'c']);
    expect(table.admit('d')).toEqual({ admitted: true, shed: 'a' });
    expect(table.admit('e')).toEqual({ admitted: true, shed: 'b' });
    expect(table.size).toBe(3);
  });

  it('counts activity: a connection that just began or answered a request goes last', () => {
    const table = full(3, ['a', 'b', 'c']);
    table.touch('a');
    expect(table.admit('d')).toEqual({ admitted: true, shed: 'b' });
  });

  it("never closes one with an authorised request in flight, and keeps a POS's idle connection until no flood connection is left", () => {
    const table = full(3, ['pos', 'x', 'y']);
    table.protect('pos');
    expect(table.admit('z')).toEqual({ admitted: true, shed: 'x' });
    table.release('pos');
    // pos is now an idle connection that carried an authorised request: older than z, but kept.
    expect(table.admit('w')).toEqual({ admitted: true, shed: 'y' });
    expect(table.admit('v')).toEqual({ admitted: true, shed: 'z' });
    expect(table.admit('u')).toEqual({ admitted: true, shed: 'w' });
    table.protect('v');
    table.protect('u');
    expect(table.admit('t')).toEqual({ admitted: true, shed: 'pos' });
  });

  it('refuses the newcomer when every connection has an authorised request in flight', () => {
    const table = full(2, ['a', 'b']);
    table.protect('a');
    table.protect('b');
    expect(table.admit('c')).toEqual({ admitted: false });
    expect(table.size).toBe(2);
    table.release('b');
    expect(table.admit('c')).toEqual({ admitted: true, shed: 'b' });
  });

  it('keeps a pipelined connection protected until its last authorised request is answered', () => {
    const table = full(2, ['a', 'b']);
    table.protect('a');
    table.protect('a');
    table.release('a');
    table.protect('b');
    expect(table.admit('c')).toEqual({ admitted: false });
    table.release('a');
    expect(table.admit('c')).toEqual({ admitted: true, shed: 'a' });
  });

  it('forgets closed connections, and ignores events of ones it does not hold', () => {
    const table = full(2, ['a', 'b']);
    table.remove('a');
    table.touch('gone');
    table.protect('gone');
    table.release('gone');
    expect(table.size).toBe(1);
    expect(table.admit('c')).toEqual({ admitted: true });
    expect(table.admit('c')).toEqual({ admitted: true });
    expect(table.size).toBe(2);
  });
});
