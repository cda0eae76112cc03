// The data directory and what the daemon writes into it are for the daemon's own user only: the folder
// 0700, every file 0600 (POSIX). On Windows Node cannot set ACLs and chmod only toggles the read-only
// bit, so these are no-ops there: the installer restricts the folder's ACL (build/installer.nsh).
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = (platform: NodeJS.Platform) => platform !== 'win32';

/**
 * Creates the directory 0700 (parents too), or tightens an existing one that others may enter.
 * Returns the mode it had when it was tightened, so the caller can say so once in its log.
 */
export function preparePrivateDir(
  dir: string,
  platform: NodeJS.Platform = process.platform,
): { tightenedFrom?: number } {
  // mkdir's mode is filtered by the umask, which may only take bits away: 0700 stays at most 0700.
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!posix(platform)) return {};
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return {};
  chmodSync(dir, PRIVATE_DIR_MODE);
  return { tightenedFrom: mode };
}

/** An existing file that others may read becomes 0600; a missing one is left missing. */
export function tightenFile(file: string, platform: NodeJS.Platform = process.platform): void {
  if (!posix(platform)) return;
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if ((mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Writes a file readable only by this user. The mode given to open applies only when the file is new, so
 * an existing file (written by an older version with 0644) is chmod-ed through the descriptor before a
 * byte of the new content is in it.
 */
export function writePrivateFile(
  file: string,
  data: string | Buffer,
  platform: NodeJS.Platform = process.platform,
): void {
  const fd = openSync(file, 'w', PRIVATE_FILE_MODE);
  try {
    if (posix(platform)) fchmodSync(fd, PRIVATE_FILE_MODE);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}

/** Creates an empty file 0600 if it does not exist (for files another library then opens, as SQLite does). */
export function createPrivateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tightenFile(file, platform);
}
