// The tray's end of the control channel (protocol in control-channel.ts): connects, says hello with the
// token, and then sends requests and matches their replies by id.
import { createConnection } from 'node:net';
import { controlPath, MAX_MESSAGE_BYTES, type ControlReply } from './control-channel.js';
import { encodeMessage, LineBuffer } from './control-framing.js';
import { readControlToken } from './control-token.js';

export interface ControlClient {
  request(command: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  /** Called once when the connection ends (the daemon stopped or died). */
  onClose(listener: () => void): void;
  close(): void;
}

/** The daemon's replies are trusted, but still bounded: a status is a few kB. */
const MAX_REPLY_BYTES = 16 * MAX_MESSAGE_BYTES;

/**
 * Connects once and says hello (no automatic retries: the supervisor decides when to try again); rejects
 * if nobody listens, or the daemon does not accept the token, within `timeoutMs`.
 */
export function connectControl(path: string, token: string, timeoutMs = 2_000): Promise<ControlClient> {
  const socket = createConnection({ path });
  const lines = new LineBuffer(MAX_REPLY_BYTES);
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  const closeListeners: (() => void)[] = [];
  let next = 0;
  let open = false;

  const send = (command: string, args: Record<string, unknown>, wait: number): Promise<unknown> => {
    if (socket.destroyed || !socket.writable) return Promise.reject(new Error('the control channel is closed'));
    const id = String(next++);
    return new Promise((res, rej) => {
      const t = setTimeout(() => {
        pending.delete(id);
        rej(new Error(`${command}: no reply within ${wait} ms`));
      }, wait);
      pending.set(id, { resolve: res, reject: rej, timer: t });
      socket.write(encodeMessage({ id, command, args }));
    });
  };
  const onReply = (data: ControlReply) => {
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    clearTimeout(p.timer);
    if (data.ok) p.resolve(data.result);
    else p.reject(new Error(data.error));
  };

  socket.on('data', (chunk: Buffer) => {
    const got = lines.push(chunk);
    if (got === 'overflow') return socket.destroy(new Error('the daemon sent a reply too large to be one'));
    for (const line of got) {
      try {
        onReply(JSON.parse(line) as ControlReply);
      } catch {
        /* not a reply: ignored */
      }
    }
  });
  socket.on('error', () => {
    /* 'close' follows and says what it means */
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer on ${path}`));
    }, timeoutMs);
    socket.on('close', () => {
      clearTimeout(timer);
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('the control channel closed'));
      }
      pending.clear();
      if (open) for (const l of closeListeners.splice(0)) l();
      else reject(new Error(`nobody accepted the control connection on ${path}`));
    });
    socket.on('connect', () => {
      send('hello', { token }, timeoutMs).then(
        () => {
          open = true;
          clearTimeout(timer);
          resolve({
            request: (command, args = {}, wait = 5_000) => send(command, args, wait),
            onClose: (l) => {
              closeListeners.push(l);
            },
            close: () => {
              socket.destroy();
            },
          });
        },
        (err: Error) => {
          clearTimeout(timer);
          socket.destroy();
          reject(err);
        },
      );
    });
  });
}

/** This data directory's daemon, with the token it wrote at its start (read anew each time: it changes). */
export function connectToDaemon(dataDir: string, timeoutMs = 2_000): Promise<ControlClient> {
  let token: string;
  try {
    token = readControlToken(dataDir);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  return connectControl(controlPath(dataDir), token, timeoutMs);
}
