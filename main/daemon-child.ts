// Starts the daemon as a child of the tray app: the same `posbridge start`, run by Electron's own Node
// (ELECTRON_RUN_AS_NODE), its output appended to the daemon's log folder by the daemon itself.
import { spawn } from 'node:child_process';
import type { DaemonChild } from './supervisor.js';

export interface ChildOptions {
  /** The Node binary: Electron's executable in the packaged app, `node` in tests. */
  readonly execPath: string;
  readonly binPath: string;
  readonly dataDir: string;
  readonly extraArgs?: readonly string[];
}

export function spawnDaemon(o: ChildOptions): DaemonChild {
  const proc = spawn(o.execPath, [o.binPath, 'start', '--data-dir', o.dataDir, ...(o.extraArgs ?? [])], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    windowsHide: true,
  });
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', () => resolve());
  });
  return {
    pid: proc.pid,
    exited,
    kill: () => {
      proc.kill();
    },
  };
}
