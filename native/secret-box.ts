// Secret storage for the headless daemon: AES-256-GCM under a 32-byte key kept in a file readable only
// by the service account. (The tray app will keep the key in the OS store instead.) Sealed values are
// bound to a context string, so a ciphertext copied to another row does not open there.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenFile } from './private-files.js';

export interface SecretBox {
  seal(plain: string, context: string): Buffer;
  open(sealed: Buffer, context: string): string;
  /**
   * A keyed hash (HMAC-SHA256, hex) of `data` under a key derived from the secret key for `context`:
   * equal inputs give equal values on this PC, and nobody without the key can test a guess against it.
   */
  mac(data: string, context: string): string;
}

const VERSION = 1;

export function secretBoxFromKey(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  // A separate key per purpose (HKDF), so a MAC never doubles as anything sealed with the key itself;
  // derived once per purpose, not on every preauth.
  const macKeys = new Map<string, Buffer>();
  const macKeyFor = (context: string): Buffer => {
    let k = macKeys.get(context);
    if (!k)
      macKeys.set(
        context,
        (k = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `posbridge mac: ${context}`, 32))),
      );
    return k;
  };
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    mac(data, context) {
      return createHmac('sha256', macKeyFor(context)).update(data, 'utf8').digest('hex');
    },
    open(sealed, context) {
      if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('not a sealed secret of a known version');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The key file is created on first use with mode 0600 (an older, looser one is tightened); an existing one
 * must be exactly 32 bytes. On Windows a file mode means nothing: the data folder's ACL, set by the
 * installer (build/installer.nsh), is what keeps the key from other users there.
 */
export function fileSecretBox(keyFile: string): SecretBox {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: PRIVATE_DIR_MODE });
    writeFileSync(keyFile, randomBytes(32), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  }
  tightenFile(keyFile);
  return secretBoxFromKey(readFileSync(keyFile));
}
