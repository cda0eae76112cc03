import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../native/paths.js';

describe('data directory', () => {
  it('follows POSBRIDGE_DATA_DIR, then the OS convention', () => {
    expect(defaultDataDir({ POSBRIDGE_DATA_DIR: '/srv/pb' }, 'linux')).toBe('/srv/pb');
    expect(defaultDataDir({ ProgramData: 'C:\\ProgramData' }, 'win32')).toMatch(/ProgramData.posbridge$/);
    expect(defaultDataDir({ HOME: '/home/pos' }, 'linux')).toMatch(/\.local\/share\/posbridge$/);
  });
});
