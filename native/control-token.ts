// The control channel's credential: a random token the daemon writes at each start to a file only its
// user may read (0600 in the 0700 data directory on POSIX; the folder's ACL on Windows). A client proves
// it may read the data directory by sending the token; the socket or pipe alone proves nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from './private-files.js';

export const CONTROL_TOKEN_FILE = 'control.token';

export function controlTokenPath(dataDir: string): string {
  return join(dataDir, CONTROL_TOKEN_FILE);
}

/** A new token for this run, written before the channel listens (a token of an earlier run stops working). */
export function issueControlToken(dataDir: string): string {
  const token = randomBytes(32).toString('base64url');
  writePrivateFile(controlTokenPath(dataDir), `${token}\n`);
  return token;
}

/** Throws when the file is missing or unreadable: then no daemon of this data directory can be spoken to. */
export function readControlToken(dataDir: string): string {
  return readFileSync(controlTokenPath(dataDir), 'utf8').trim();
}

/** Constant time whatever `given` is: both sides are hashed to 32 bytes first, so not even the length leaks. */
export function tokensMatch(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected === '') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
