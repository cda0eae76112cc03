// The daemon's end of the control channel (protocol in control-channel.ts). Plain node:net rather than
// node-ipc: node-ipc 9.2.1 buffers a message without its delimiter whole and offers no bound, lets the
// client name the event it raises on the server's own bus, and caps all connections alike (16 idle
// strangers locked the tray out). Here every connection must say hello with the token first; until it
// has, it is counted, timed and bounded.
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import {
  AUTH_TIMEOUT_MS,
  MAX_MESSAGE_BYTES,
  MAX_UNAUTHENTICATED,
  type ControlHandler,
  type ControlReply,
  type ControlRequest,
} from './control-channel.js';
import { encodeMessage, LineBuffer } from './control-framing.js';
import { tokensMatch } from './control-token.js';
import { PRIVATE_FILE_MODE } from './private-files.js';

/** How long a refused client has to read its refusal before the connection is cut. */
const LINGER_MS = 1_000;

export type ControlRefusal = 'auth_timeout' | 'bad_hello' | 'crowded_out' | 'too_large';

export interface ServeOptions {
  readonly token: string;
  readonly handle: ControlHandler;
  readonly authTimeoutMs?: number;
  readonly maxUnauthenticated?: number;
  readonly maxMessageBytes?: number;
  /** A connection was closed by the daemon, and why (for a debug log; never the token). */
  readonly onRefused?: (reason: ControlRefusal) => void;
}

export interface ControlServer {
  readonly path: string;
  close(): Promise<void>;
}

interface Connection {
  readonly socket: Socket;
  readonly lines: LineBuffer;
  authenticated: boolean;
  timer: NodeJS.Timeout | undefined;
}

export function serveControl(path: string, o: ServeOptions): Promise<ControlServer> {
  const maxWaiting = o.maxUnauthenticated ?? MAX_UNAUTHENTICATED;
  const all = new Set<Connection>();
  // Insertion order is arrival order: the first one is the longest waiting.
  const waiting = new Set<Connection>();

  const send = (c: Connection, reply: ControlReply) => {
    if (c.socket.writable) c.socket.write(encodeMessage(reply));
  };
  const settle = (c: Connection) => {
    waiting.delete(c);
    clearTimeout(c.timer);
    c.timer = undefined;
  };
  const refuse = (c: Connection, reason: ControlRefusal, answer?: ControlReply) => {
    settle(c);
    all.delete(c);
    if (answer && c.socket.writable) {
      // Half-closed, and what the client still sends is read and dropped: closing a unix socket with
      // unread input resets the peer, which may then lose the answer. Closed for good after a grace time
      // whether or not the client ever closes its side.
      c.socket.end(encodeMessage(answer));
      const linger = setTimeout(() => c.socket.destroy(), LINGER_MS);
      c.socket.once('close', () => clearTimeout(linger));
    } else {
      c.socket.destroy();
    }
    o.onRefused?.(reason);
  };

  const onLine = (c: Connection, line: string) => {
    let msg: Partial<ControlRequest> | undefined;
    try {
      const parsed = JSON.parse(line) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) msg = parsed as Partial<ControlRequest>;
    } catch {
      /* not JSON: handled below as no message */
    }
    const id = typeof msg?.id === 'string' ? msg.id : '';
    const args = msg?.args && typeof msg.args === 'object' ? msg.args : {};
    if (!c.authenticated) {
      if (msg?.command === 'hello' && tokensMatch(args.token, o.token)) {
        c.authenticated = true;
        settle(c);
        send(c, { id, ok: true, result: { hello: 'posbridge' } });
      } else {
        refuse(c, 'bad_hello', {
          id,
          ok: false,
          error: 'not authenticated: the first message must be hello with the token of control.token',
        });
      }
      return;
    }
    if (!msg) return send(c, { id, ok: false, error: 'a message must be a JSON object on one line' });
    if (msg.command === 'hello') return send(c, { id, ok: true, result: { hello: 'posbridge' } });
    if (typeof msg.command !== 'string') return send(c, { id, ok: false, error: 'a request needs a "command"' });
    o.handle(msg.command, args).then(
      (result) => send(c, { id, ok: true, result: result ?? null }),
      (err: Error) => send(c, { id, ok: false, error: err.message }),
    );
  };

  const server = createServer((socket) => {
    const c: Connection = {
      socket,
      lines: new LineBuffer(o.maxMessageBytes ?? MAX_MESSAGE_BYTES),
      authenticated: false,
      timer: undefined,
    };
    all.add(c);
    waiting.add(c);
    socket.on('error', () => {
      /* a client that vanished mid-write; 'close' follows */
    });
    socket.on('close', () => {
      settle(c);
      all.delete(c);
    });
    if (waiting.size > maxWaiting) refuse(waiting.values().next().value!, 'crowded_out');
    c.timer = setTimeout(() => refuse(c, 'auth_timeout'), o.authTimeoutMs ?? AUTH_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      if (!all.has(c)) return;
      const lines = c.lines.push(chunk);
      if (lines === 'overflow') return refuse(c, 'too_large');
      for (const line of lines) {
        if (!all.has(c)) return;
        onLine(c, line);
      }
    });
  });

  const unix = !path.startsWith('\\\\.\\pipe\\');
  return new Promise((resolve, reject) => {
    // A socket file left by a daemon that died is removed before listening.
    if (unix) {
      try {
        unlinkSync(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return reject(err as Error);
      }
    }
    server.once('error', reject);
    server.listen({ path, readableAll: false, writableAll: false }, () => {
      server.off('error', reject);
      // In the 0700 data directory already; the socket itself is the user's alone too.
      if (unix) chmodSync(path, PRIVATE_FILE_MODE);
      resolve({
        path,
        close: () =>
          new Promise<void>((done) => {
            for (const c of all) {
              settle(c);
              c.socket.destroy();
            }
            all.clear();
            server.close(() => done());
          }),
      });
    });
  });
}
