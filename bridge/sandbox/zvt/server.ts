// The ZVT terminal simulator on TCP (real terminals listen on port 20007) or on a serial line.
import { createServer, type Server, type Socket } from 'node:net';
import { openZvtSerial } from '../../../native/serial-port.js';
import { socketTransport } from '../../terminals/zvt/tcp.js';
import { attachTerminal } from './attach.js';
import { SimulatedTerminal } from './terminal.js';

export interface RunningZvtSimulator {
  readonly url: string;
  readonly terminal: SimulatedTerminal;
  close(): Promise<void>;
}

export type RunningZvtTcpSimulator = RunningZvtSimulator & { readonly port: number };

export async function startZvtTcpSimulator(port = 0, opts: { cardMs?: number } = {}): Promise<RunningZvtTcpSimulator> {
  const terminal = new SimulatedTerminal(opts.cardMs);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    attachTerminal(terminal, socketTransport(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    url: `tcp://127.0.0.1:${actual}`,
    terminal,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

export async function startZvtSerialSimulator(path: string, opts: { cardMs?: number } = {}): Promise<RunningZvtSimulator> {
  const terminal = new SimulatedTerminal(opts.cardMs);
  const link = await openZvtSerial(path);
  attachTerminal(terminal, link);
  return { url: `serial:${path}`, terminal, close: () => link.close() };
}
