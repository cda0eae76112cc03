// Opens the transport a ZVT terminal's settings name, and lists the serial ports a technician can pick.
// A USB terminal that Windows gives another COM port after a replug is found again by its USB serial number.
// serialport (a native module) is loaded when a port is first listed or opened, not at the daemon's start.
import type { SerialPort } from 'serialport';
import { ZVT_BAUD_RATE, ZVT_TCP_PORT, type ZvtTransportSettings } from '../bridge/terminals/zvt/config.js';
import { connectZvtTcp } from '../bridge/terminals/zvt/tcp.js';
import type { ZvtTransport } from '../bridge/terminals/zvt/transport.js';
import { openZvtSerial } from './serial-port.js';

export interface SerialPortView {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly serial_number: string | null;
  readonly vendor_id: string | null;
  readonly product_id: string | null;
}

type PortInfo = Awaited<ReturnType<typeof SerialPort.list>>[number];

/** `list`: serialport's own listing; tests pass its mock binding's. */
export async function listSerialPorts(
  list: () => Promise<PortInfo[]> = async () => (await import('serialport')).SerialPort.list(),
): Promise<SerialPortView[]> {
  return (await list()).map((p) => ({
    path: p.path,
    manufacturer: p.manufacturer ?? null,
    serial_number: p.serialNumber ?? null,
    vendor_id: p.vendorId ?? null,
    product_id: p.productId ?? null,
  }));
}

export async function openZvtTransport(
  t: ZvtTransportSettings,
  list: () => Promise<SerialPortView[]> = () => listSerialPorts(),
): Promise<{ transport: ZvtTransport; path?: string }> {
  if (t.type === 'tcp') return { transport: await connectZvtTcp(t.host, t.port ?? ZVT_TCP_PORT) };
  const opts = { baudRate: t.baud_rate ?? ZVT_BAUD_RATE, stopBits: t.stop_bits ?? 2 };
  try {
    return { transport: await openZvtSerial(t.path, opts) };
  } catch (err) {
    if (!t.usb_serial_number) throw err;
    const moved = (await list().catch(() => [])).find(
      (p) => p.serial_number === t.usb_serial_number && p.path !== t.path,
    );
    if (!moved) throw err;
    return { transport: await openZvtSerial(moved.path, opts), path: moved.path };
  }
}
