// The control channel between the daemon and whoever supervises it (the tray app; later a POS that
// prefers pipes to HTTP): a named pipe on Windows, a unix socket elsewhere, served with node:net
// (control-server.ts) and spoken by control-client.ts.
//
// Wire format: UTF-8 JSON, one message a line (ended by \n), at most MAX_MESSAGE_BYTES a line:
//   hello    {"id":"0","command":"hello","args":{"token":"<the content of <data-dir>/control.token>"}}
//   request  {"id":"7","command":"status","args":{}}
//   reply    {"id":"7","ok":true,"result":{…}}
//            {"id":"7","ok":false,"error":"unknown command: foo"}
// The first message must be the hello with the daemon's token, within AUTH_TIMEOUT_MS; until then
// nothing else is answered, and a wrong token, another command, or silence closes the connection.
// A client sends a request with an id of its choosing and matches the reply by that id.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface ControlRequest {
  readonly id: string;
  readonly command: string;
  readonly args?: Record<string, unknown>;
}
export type ControlReply =
  | { readonly id: string; readonly ok: true; readonly result: unknown }
  | { readonly id: string; readonly ok: false; readonly error: string };
export type ControlHandler = (command: string, args: Record<string, unknown>) => Promise<unknown>;

/** A line longer than this is no control message: its sender is disconnected. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long a new connection has to send its hello. */
export const AUTH_TIMEOUT_MS = 2_000;
/**
 * How many connections may wait for their hello at once; a new one beyond this pushes out the oldest
 * waiting one. Connections that said hello are not counted: idle strangers never lock the tray out.
 */
export const MAX_UNAUTHENTICATED = 4;

/** Where a daemon with this data directory listens: one channel per data directory, as one daemon per data directory. */
export function controlPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32')
    return `\\\\.\\pipe\\posbridge-${createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16)}`;
  return join(dataDir, 'control.sock');
}
