// The process's open-file limit (the soft one, which Node raises to the hard one at start-up): every
// socket the API holds takes one, so the connection cap is sized below it. Read from /proc on Linux.
// Windows has no such per-process limit on sockets, and elsewhere (macOS, a development machine) none is
// known: undefined leaves the configured cap as it is.
import { readFileSync } from 'node:fs';

/** The soft "Max open files" of /proc/<pid>/limits, or undefined when unlimited or absent. */
export function parseOpenFileLimit(limits: string): number | undefined {
  const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits);
  return m?.[1] !== undefined && m[1] !== 'unlimited' ? Number(m[1]) : undefined;
}

export function openFileLimit(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return undefined;
  }
}
