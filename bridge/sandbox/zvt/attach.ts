// Connects the simulated terminal to one ECR link (TCP socket or serial line): commands are handled one
// at a time, as a terminal does; the ECR's acknowledgements go to the command in progress. The next
// command may arrive in the same read as the ECR's acknowledgement of the last, so commands queue apart.
import { ACK_APDU } from '../../terminals/zvt/command-machine.js';
import type { ZvtTransport } from '../../terminals/zvt/transport.js';
import type { SimulatedTerminal } from './terminal.js';

export function attachTerminal(terminal: SimulatedTerminal, link: ZvtTransport): void {
  const inbox: Buffer[] = [];
  const waiters: Array<(b: Buffer | undefined) => void> = [];
  const commands: Buffer[] = [];
  let aborted = false;
  let busy = false;
  const io = {
    send: (b: Buffer) => link.send(b).catch(() => undefined),
    receive: (timeoutMs: number) => new Promise<Buffer | undefined>((resolve) => {
      const b = inbox.shift();
      if (b || closed) return resolve(b);
      const t = setTimeout(() => { waiters.splice(waiters.indexOf(done), 1); resolve(undefined); }, timeoutMs);
      const done = (x: Buffer | undefined) => { clearTimeout(t); resolve(x); };
      waiters.push(done);
    }),
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
  let closed = false;
  link.events.on('error', () => undefined);
  link.events.on('close', () => {
    // The ECR is gone: whatever waits for its acknowledgement hears nothing.
    closed = true;
    for (const w of waiters.splice(0)) w(undefined);
  });
  link.events.on('apdu', (a: Buffer) => {
    if (a[0] === 0x06 && a[1] === 0xb0) {
      // Abort while a command waits for the card; answered at once.
      aborted = true;
      void io.send(ACK_APDU);
    } else if (a[0] === 0x80 || a[0] === 0x84) {
      if (terminal.deafToAcks) return;
      const w = waiters.shift();
      if (w) w(a); else inbox.push(a);
    } else {
      commands.push(a);
      pump();
    }
  });
}
