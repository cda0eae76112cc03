import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../bridge/core/backoff.js';

const policy = { baseMs: 100, maxMs: 1_000 };

describe('backoff', () => {
  it('doubles per attempt between half and the full step', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
  });

  it('is capped at maxMs', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(30, policy, () => 0)).toBe(500);
  });

  it('clamps a misbehaving random source', () => {
    expect(backoffDelay(1, policy, () => 7)).toBe(100);
    expect(backoffDelay(1, policy, () => -3)).toBe(50);
  });
});
