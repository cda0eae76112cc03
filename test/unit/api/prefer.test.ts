// Prefer (RFC 7240): respond-async and wait=N.
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, parsePrefer, waitFor } from '../../../bridge/api/prefer.js';

describe('Prefer', () => {
  it('reads respond-async and wait=N, alone or together, in any case and order', () => {
    expect(parsePrefer(undefined)).toEqual({ async: false });
    expect(parsePrefer('respond-async')).toEqual({ async: true });
    expect(parsePrefer('wait=5')).toEqual({ async: false, waitMs: 5_000 });
    expect(parsePrefer('Wait = "12", foo=bar')).toEqual({ async: false, waitMs: 12_000 });
    expect(parsePrefer(['handling=lenient', 'respond-async; wait=3'])).toEqual({ async: true, waitMs: 3_000 });
  });

  it('ignores a wait that is not delta-seconds, and caps a long one', () => {
    for (const bad of ['wait=-1', 'wait=1.5', 'wait=', 'wait=abc', 'wait=9999999999'])
      expect(parsePrefer(bad)).toEqual({ async: false });
    expect(parsePrefer('wait=100000').waitMs).toBe(MAX_WAIT_MS);
  });

  it('waits as asked, says what it applied, and falls back to the default', () => {
    expect(waitFor(parsePrefer('wait=7'), 60_000)).toEqual({ ms: 7_000, applied: 'wait=7' });
    expect(waitFor(parsePrefer('respond-async, wait=7'), 60_000)).toEqual({ ms: 0, applied: 'respond-async' });
    expect(waitFor(parsePrefer(undefined), 60_000)).toEqual({ ms: 60_000 });
  });
});
