// A real pair of pseudo-terminals joined by socat: what one end writes, the other reads, as on a
// null-modem cable. Also lets a test cut the line (kill socat) or watch the raw bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PtyPair {
  readonly a: string;
  readonly b: string;
  readonly proc: ChildProcess;
  /** Resolves when socat has gone (after close(), or on its own). */
  readonly exited: Promise<void>;
  close(): void;
}

export async function ptyPair(dir: string, name = 'zvt'): Promise<PtyPair> {
  const a = join(dir, `${name}-ecr`);
  const b = join(dir, `${name}-pt`);
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const deadline = Date.now() + 5_000;
  while (!(existsSync(a) && existsSync(b))) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error('socat did not create the pty pair');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  return {
    a,
    b,
    proc,
    exited,
    close: () => {
      proc.kill('SIGKILL');
    },
  };
}
