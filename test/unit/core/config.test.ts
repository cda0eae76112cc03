import { describe, expect, it } from 'vitest';
import { parseConfig, resolveSecret } from '../../../bridge/config/load.js';

describe('config', () => {
  it('fills defaults', () => {
    const c = parseConfig({});
    expect(c.wait_timeout_ms).toBe(60_000);
    expect(c.retry.max_attempts).toBe(8);
    expect(c.terminals).toEqual([]);
  });

  it('lists every problem of an invalid file', () => {
    expect(() => parseConfig({ wait_timeout_ms: -1, bogus: true })).toThrow(/wait_timeout_ms|bogus/);
  });

  it('refuses terminals of unconfigured providers and duplicate ids', () => {
    const t = { id: 'a', provider: 'payroc', processing_terminal_id: '1234001' };
    expect(() => parseConfig({ terminals: [t] })).toThrow(/not configured/);
    expect(() => parseConfig({ providers: { payroc: { api_key: 'k' } }, terminals: [t, t] })).toThrow(/duplicate/);
    expect(parseConfig({ providers: { payroc: { api_key: 'k' } }, terminals: [t] }).terminals[0]?.channel).toBe('moto');
  });

  it('reads secrets from the environment when asked', () => {
    expect(resolveSecret(undefined, 'PAYROC_KEY', { PAYROC_KEY: 's' })).toBe('s');
    expect(resolveSecret('direct', 'PAYROC_KEY', { PAYROC_KEY: 's' })).toBe('direct');
    expect(resolveSecret(undefined, undefined, {})).toBeUndefined();
  });
});
