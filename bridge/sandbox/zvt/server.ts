// The ZVT terminal simulator over TCP (port 20007 by default on real terminals).
import { createServer, type Server, type Socket } from 'node:net';
import { ApduReassembler } from '../../terminals/zvt/apdu.js';
import { SimulatedTerminal } from './terminal.js';

export interface RunningZvtSimulator {
  readonly port: number;
  readonly url: string;
  readonly terminal: SimulatedTerminal;
  close(): Promise<void>;
}

export async function startZvtTcpSimulator(port = 0, opts: { cardMs?: number } = {}): Promise<RunningZvtSimulator> {
  const terminal = new SimulatedTerminal(opts.cardMs);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reassembler = new ApduReassembler();
    const inbox: Buffer[] = [];
    const waiters: Array<(b: Buffer) => void> = [];
    const commands: Buffer[] = [];
    let aborted = false;
    let busy = false;
    const io = {
      send: (b: Buffer) => new Promise<void>((resolve) => socket.write(b, () => resolve())),
      receive: () => new Promise<Buffer>((resolve) => { const b = inbox.shift(); if (b) resolve(b); else waiters.push(resolve); }),
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      aborted: () => aborted,
    };
    // One command at a time, as a terminal does; the next one may arrive in the same TCP chunk as the
    // ECR's acknowledgement of the last, so commands queue apart from acknowledgements.
    const pump = () => {
      if (busy) return;
      const next = commands.shift();
      if (!next) return;
      busy = true;
      aborted = false;
      void terminal.handle(next, io).finally(() => { busy = false; pump(); });
    };
    socket.on('data', (chunk) => {
      for (const a of reassembler.push(chunk)) {
        if (a[0] === 0x06 && a[1] === 0xb0) {
          // Abort while a command waits for the card; answered at once.
          aborted = true;
          socket.write(Buffer.from([0x80, 0x00, 0x00]));
        } else if (a[0] === 0x80 || a[0] === 0x84) {
          const w = waiters.shift();
          if (w) w(a); else inbox.push(a);
        } else {
          commands.push(a);
          pump();
        }
      }
    });
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
