// <data-dir>/daemon.json: where the daemon of this data directory listens, written once it listens. Other
// commands (`posbridge ui`) read it to reach this data directory's daemon, not whichever other posbridge
// answers on the default port; a file left by a daemon that died is recognised by its process id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../native/private-files.js';
import { processAlive } from '../native/process.js';

export const DAEMON_FILE = 'daemon.json';

export interface DaemonFile {
  readonly port: number;
  readonly pid: number;
  readonly started_at: string;
}

export function writeDaemonFile(dataDir: string, port: number, now = new Date()): void {
  const body: DaemonFile = { port, pid: process.pid, started_at: now.toISOString() };
  writePrivateFile(join(dataDir, DAEMON_FILE), `${JSON.stringify(body)}\n`);
}

/** The running daemon of this data directory, if its file names a live process. */
export function runningDaemonOf(
  dataDir: string,
  isAlive: (pid: number) => boolean = processAlive,
): DaemonFile | undefined {
  try {
    const f = JSON.parse(readFileSync(join(dataDir, DAEMON_FILE), 'utf8')) as Partial<DaemonFile>;
    if (typeof f.port !== 'number' || typeof f.pid !== 'number') return undefined;
    return isAlive(f.pid) ? (f as DaemonFile) : undefined;
  } catch {
    return undefined;
  }
}
