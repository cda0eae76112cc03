// The data directory's files are the daemon user's alone (POSIX): real files in a temp dir.
import { mkdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrivateFile, preparePrivateDir, tightenFile, writePrivateFile } from '../../native/private-files.js';
import { tempDir } from '../helpers/tmp.js';

const modeOf = (p: string) => statSync(p).mode & 0o777;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const tmp = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

describe.skipIf(process.platform === 'win32')(
  'private files (skipped on Windows: the installer sets the folder ACL there)',
  () => {
    it('creates the data directory 0700 with its parents, and tightens an open one, saying from what', () => {
      const dir = join(tmp(), 'a', 'b');
      expect(preparePrivateDir(dir)).toEqual({});
      expect(modeOf(dir)).toBe(0o700);
      const open = tmp();
      chmodSync(open, 0o755);
      expect(preparePrivateDir(open)).toEqual({ tightenedFrom: 0o755 });
      expect(modeOf(open)).toBe(0o700);
      expect(preparePrivateDir(open)).toEqual({});
    });

    it('writes 0600, and an existing 0644 file is 0600 before it holds the new content', () => {
      const dir = tmp();
      const fresh = join(dir, 'fresh');
      writePrivateFile(fresh, 'one');
      expect([modeOf(fresh), readFileSync(fresh, 'utf8')]).toEqual([0o600, 'one']);
      const old = join(dir, 'old');
      writeFileSync(old, 'written by an older version', { mode: 0o644 });
      chmodSync(old, 0o644);
      writePrivateFile(old, Buffer.from('two'));
      expect([modeOf(old), readFileSync(old, 'utf8')]).toEqual([0o600, 'two']);
    });

    it('tightens existing files, leaves missing ones missing, and creates empty ones 0600', () => {
      const dir = tmp();
      const f = join(dir, 'log');
      writeFileSync(f, 'x');
      chmodSync(f, 0o644);
      tightenFile(f);
      expect(modeOf(f)).toBe(0o600);
      tightenFile(join(dir, 'missing'));
      expect(() => statSync(join(dir, 'missing'))).toThrow();
      mkdirSync(join(dir, 'db'));
      createPrivateFile(join(dir, 'db', 'x.sqlite'));
      expect(modeOf(join(dir, 'db', 'x.sqlite'))).toBe(0o600);
    });
  },
);
