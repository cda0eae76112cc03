// Connects the simulated terminal to one ECR link (TCP socket or serial line): commands are handled one
// at a time, as a terminal does; the ECR's acknowledgements go to the command in progress. The next
// command may arrive in the same read as the ECR's acknowledgement of the last, so commands queue apart.
import { ACK_APDU } from '../../terminals/zvt/command-machine.js';
import type { ZvtTransport } from '../../terminals/zvt/transport.js';
import type { SimulatedTerminal } from './terminal.js';

export function attachTerminal(terminal: SimulatedTerminal, link: ZvtTransport): void {
  const inbox: Buffer[] = [];
  const waiters: Array<(b: Buffer) => void> = [];
  const commands: Buffer[] = [];
  let aborted = false;
  let busy = false;
  const io = {
    send: (b: Buffer) => link.send(b).catch(() => undefined),
    receive: () => new Promise<Buffer>((resolve) => { const b = inbox.shift(); if (b) resolve(b); else waiters.push(resolve); }),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    aborted: () => aborted,
  };
  const pump = () => {
    if (busy) return;
    const next = commands.shift();
    if (!next) return;
    busy = true;
    aborted = false;
    void terminal.handle(next, io).finally(() => { busy = false; pump(); });
  };
  link.events.on('error', () => undefined);
  link.events.on('apdu', (a: Buffer) => {
    if (a[0] === 0x06 && a[1] === 0xb0) {
      // Abort while a command waits for the card; answered at once.
      aborted = true;
      void io.send(ACK_APDU);
    } else if (a[0] === 0x80 || a[0] === 0x84) {
      const w = waiters.shift();
      if (w) w(a); else inbox.push(a);
    } else {
      commands.push(a);
      pump();
    }
  });
}
