// What the daemon answers on its control channel (see native/control-channel.ts for the wire format):
// status, pause, resume, shutdown, and login_link (a one-time link into the status window for the tray).
import type { ControlHandler } from '../native/control-channel.js';
import type { ApiContext } from './api/context.js';
import { statusView } from './api/views.js';
import { createLoginLink } from './ui-login.js';

export const CONTROL_COMMANDS = ['status', 'pause', 'resume', 'shutdown', 'login_link'] as const;

export interface ControlDeps {
  readonly ctx: ApiContext;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the daemon as SIGTERM does (the step in flight finishes), then the process exits. */
  shutdown(): void;
}

export function controlHandler(deps: ControlDeps): ControlHandler {
  const status = async () => ({
    pid: process.pid,
    version: deps.ctx.version,
    url: `http://127.0.0.1:${deps.port}`,
    data_dir: deps.dataDir,
    ...(await statusView(deps.ctx)),
  });
  return async (command, args) => {
    switch (command) {
      case 'status':
        return status();
      case 'pause':
        deps.ctx.intake.setPaused(true, 'tray');
        return status();
      case 'resume':
        deps.ctx.intake.setPaused(false, 'tray');
        return status();
      case 'shutdown':
        // Answer first, then stop: the supervisor learns that the stop was asked for.
        setImmediate(deps.shutdown);
        return { stopping: true };
      case 'login_link': {
        const link = createLoginLink(deps.ctx.store, deps.port, typeof args.hash === 'string' ? args.hash : undefined);
        return { url: link.url, expires_at: link.expiresAt };
      }
      default:
        throw new Error(`unknown command: ${command} (known: ${CONTROL_COMMANDS.join(', ')})`);
    }
  };
}
