// Opens a serial port (USB-CDC or RS-232) for ZVT: 9600 Bd, 8 data bits, no parity, 2 stop bits, no
// handshake (zvt.md §2). The only file that opens a port with the serialport native module, loaded on the
// first open rather than at the daemon's start.
import { zvtSerialLink } from '../bridge/terminals/zvt/serial-link.js';
import type { ZvtTransport } from '../bridge/terminals/zvt/transport.js';

export async function openZvtSerial(
  path: string,
  opts: { baudRate?: number; stopBits?: 1 | 2; t2Ms?: number } = {},
): Promise<ZvtTransport> {
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({
    path,
    baudRate: opts.baudRate ?? 9600,
    dataBits: 8,
    parity: 'none',
    stopBits: opts.stopBits ?? 2,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((err) => (err ? reject(new Error(`cannot open ${path}: ${err.message}`)) : resolve())),
  );
  return zvtSerialLink(
    {
      write: (bytes, done) => {
        port.write(bytes, (err) => done(err));
      },
      on: (event: 'data' | 'error' | 'close', listener: (arg?: never) => void) => {
        port.on(event, listener);
      },
      close: (done) => {
        if (port.isOpen) port.close(() => done());
        else done();
      },
    } as Parameters<typeof zvtSerialLink>[0],
    opts.t2Ms,
  );
}
