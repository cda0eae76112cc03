// The control channel between the daemon and whoever supervises it (the tray app; later a POS that
// prefers pipes to HTTP): a named pipe on Windows, a unix socket elsewhere, spoken through node-ipc
// 9.2.1 (pinned: later versions carried protestware, 14.x needs Node 22) and kept behind this file.
//
// Wire format (node-ipc's own): UTF-8 JSON messages, each ended by a form feed (\f):
//   request  {"type":"request","data":{"id":"7","command":"status"}}\f
//   reply    {"type":"reply","data":{"id":"7","ok":true,"result":{…}}}\f
//            {"type":"reply","data":{"id":"7","ok":false,"error":"unknown command: foo"}}\f
// A client sends a request with an id of its choosing and matches the reply by that id.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import nodeIpc from 'node-ipc';

type Ipc = typeof nodeIpc;
type IpcSocket = import('node:net').Socket;
const IpcClass = (nodeIpc as unknown as { IPC: new () => Ipc }).IPC;

export interface ControlRequest { readonly id: string; readonly command: string; readonly args?: Record<string, unknown> }
export type ControlReply = { readonly id: string; readonly ok: true; readonly result: unknown } | { readonly id: string; readonly ok: false; readonly error: string };
export type ControlHandler = (command: string, args: Record<string, unknown>) => Promise<unknown>;

/** Where a daemon with this data directory listens: one channel per data directory, as one daemon per data directory. */
export function controlPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\posbridge-${createHash('sha256').update(dataDir.toLowerCase()).digest('hex').slice(0, 16)}`;
  return join(dataDir, 'control.sock');
}

function quiet(ipc: Ipc): void {
  ipc.config.silent = true;
  ipc.config.id = 'posbridge';
  ipc.config.maxConnections = 16;
}

export interface ControlServer {
  readonly path: string;
  close(): Promise<void>;
}

export function serveControl(path: string, handle: ControlHandler): Promise<ControlServer> {
  const ipc = new IpcClass();
  quiet(ipc);
  // A socket file left by a daemon that died is removed before listening (node-ipc's unlink).
  ipc.config.unlink = true;
  return new Promise((resolve, reject) => {
    ipc.serve(path, () => {
      ipc.server.on('request', (data: unknown, socket: IpcSocket) => {
        const req = (data ?? {}) as Partial<ControlRequest>;
        const id = typeof req.id === 'string' ? req.id : '';
        const reply = (r: ControlReply) => ipc.server.emit(socket, 'reply', r);
        if (typeof req.command !== 'string') return reply({ id, ok: false, error: 'a request needs a "command"' });
        handle(req.command, req.args ?? {}).then(
          (result) => reply({ id, ok: true, result: result ?? null }),
          (err: Error) => reply({ id, ok: false, error: err.message }),
        );
      });
    });
    ipc.server.on('error', reject);
    ipc.server.on('start', () => resolve({
      path,
      close: () => new Promise<void>((done) => {
        const sockets = (ipc.server as unknown as { sockets: { destroy(): void }[] }).sockets ?? [];
        for (const s of sockets) s.destroy();
        const server = (ipc.server as unknown as { server: { close(cb: () => void): void } }).server;
        server.close(() => done());
      }),
    }));
    ipc.server.start();
  });
}

export interface ControlClient {
  request(command: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  /** Called once when the connection ends (the daemon stopped or died). */
  onClose(listener: () => void): void;
  close(): void;
}

/** Connects once (no automatic retries: the supervisor decides when to try again); rejects if nobody listens. */
export function connectControl(path: string, timeoutMs = 2_000): Promise<ControlClient> {
  const ipc = new IpcClass();
  quiet(ipc);
  ipc.config.stopRetrying = true;
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  const closeListeners: (() => void)[] = [];
  let next = 0;
  let open = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { ipc.disconnect('posbridge'); reject(new Error(`no answer on ${path}`)); }, timeoutMs);
    ipc.connectTo('posbridge', path, () => {
      const conn = ipc.of.posbridge!;
      conn.on('connect', () => {
        open = true;
        clearTimeout(timer);
        resolve({
          request(command, args = {}, wait = 5_000) {
            if (!open) return Promise.reject(new Error('the control channel is closed'));
            const id = String(++next);
            return new Promise((res, rej) => {
              const t = setTimeout(() => { pending.delete(id); rej(new Error(`${command}: no reply within ${wait} ms`)); }, wait);
              pending.set(id, { resolve: res, reject: rej, timer: t });
              conn.emit('request', { id, command, args });
            });
          },
          onClose: (l) => { closeListeners.push(l); },
          close: () => ipc.disconnect('posbridge'),
        });
      });
      conn.on('reply', (data: ControlReply) => {
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        clearTimeout(p.timer);
        if (data.ok) p.resolve(data.result);
        else p.reject(new Error(data.error));
      });
      conn.on('error', (err: Error) => { if (!open) { clearTimeout(timer); reject(err); } });
      conn.on('destroy', () => {
        const was = open;
        open = false;
        clearTimeout(timer);
        for (const p of pending.values()) { clearTimeout(p.timer); p.reject(new Error('the control channel closed')); }
        pending.clear();
        if (was) for (const l of closeListeners.splice(0)) l();
        else reject(new Error(`nobody listens on ${path}`));
      });
    });
  });
}
