// The ZVT terminal simulator on TCP (real terminals listen on port 20007) or on a serial line.
import { createServer, type Server, type Socket } from 'node:net';
import { openZvtSerial } from '../../../native/serial-port.js';
import { attachTerminal } from './attach.js';
import { ecrSocketLink } from './tcp-link.js';
import { SimulatedTerminal } from './terminal.js';

export interface RunningZvtSimulator {
  readonly url: string;
  readonly terminal: SimulatedTerminal;
  close(): Promise<void>;
}

export type RunningZvtTcpSimulator = RunningZvtSimulator & { readonly port: number };

export interface ZvtSimulatorOptions {
  /** How long the simulated customer takes to present the card (ms). */
  readonly cardMs?: number;
  /** T3: how long the terminal waits for the ECR's answer to a message (PA00P016 §5.2.5; 5 s). */
  readonly t3Ms?: number;
  /** Serial only: T2, how long a frame waits for the ECR's ACK before it is repeated (§3.4.2; 5 s). */
  readonly t2Ms?: number;
}

const T3_MS = 5_000;

export async function startZvtTcpSimulator(port = 0, opts: ZvtSimulatorOptions = {}): Promise<RunningZvtTcpSimulator> {
  const terminal = new SimulatedTerminal(opts.cardMs);
  const t3Ms = opts.t3Ms ?? T3_MS;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    attachTerminal(terminal, ecrSocketLink(socket, t3Ms), { t3Ms, closeOnSilence: true });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    url: `tcp://127.0.0.1:${actual}`,
    terminal,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startZvtSerialSimulator(
  path: string,
  opts: ZvtSimulatorOptions = {},
): Promise<RunningZvtSimulator> {
  const terminal = new SimulatedTerminal(opts.cardMs);
  const t3Ms = opts.t3Ms ?? T3_MS;
  const link = await openZvtSerial(path, opts.t2Ms !== undefined ? { t2Ms: opts.t2Ms } : {});
  // A serial line has no connection to close: after silence the terminal is idle for the next command.
  attachTerminal(terminal, link, { t3Ms, closeOnSilence: false });
  return { url: `serial:${path}`, terminal, close: () => link.close() };
}
