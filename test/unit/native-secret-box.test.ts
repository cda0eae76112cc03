import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretBox } from '../../native/secret-box.js';
import { tempDir } from '../helpers/tmp.js';

describe('secret box', () => {
  it('seals and opens, bound to its context, under a 0600 key file', () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'keys', 'secret.key');
    const box = fileSecretBox(file);
    const sealed = box.seal('client_secret=s3cr3t', 'terminal:a');
    expect(sealed.toString('latin1')).not.toContain('s3cr3t');
    expect(box.open(sealed, 'terminal:a')).toBe('client_secret=s3cr3t');
    expect(() => box.open(sealed, 'terminal:b')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(() => box.open(tampered, 'terminal:a')).toThrow();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // The same key file opens what an earlier process sealed.
    expect(fileSecretBox(file).open(sealed, 'terminal:a')).toBe('client_secret=s3cr3t');
    expect(readFileSync(file)).toHaveLength(32);
    tmp.cleanup();
  });
});
