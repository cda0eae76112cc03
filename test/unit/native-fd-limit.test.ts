import { describe, expect, it } from 'vitest';
import { openFileLimit, parseOpenFileLimit } from '../../native/fd-limit.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             96365                96365                processes
Max open files            1024                 524288               files
Max locked memory         8388608              8388608              bytes
`;

describe('the open-file limit', () => {
  it('is the soft limit of /proc/<pid>/limits', () => {
    expect(parseOpenFileLimit(LIMITS)).toBe(1024);
    expect(parseOpenFileLimit(LIMITS.replace('1024   ', 'unlimited'))).toBeUndefined();
    expect(parseOpenFileLimit('')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('is read for this process on Linux', () => {
    expect(openFileLimit()).toBeGreaterThan(0);
  });
});
