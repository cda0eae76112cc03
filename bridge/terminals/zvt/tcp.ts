// ZVT over TCP: raw APDUs, no framing, reassembled by their length field. The ECR opens the socket.
// (Plain sockets need no native module; the serial transport, which does, is opened in native/.)
import { createConnection, type Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { ApduReassembler } from './apdu.js';
import type { ZvtTransport } from './transport.js';

export async function connectZvtTcp(host: string, port: number, connectTimeoutMs = 5_000): Promise<ZvtTransport> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = createConnection({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no connection to ${host}:${port} within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  socket.setNoDelay(true);
  return socketTransport(socket);
}

/** Either end of a ZVT TCP connection as a transport (the simulator uses it for the sockets it accepts). */
export function socketTransport(socket: Socket): ZvtTransport {
  const events = new EventEmitter();
  const reassembler = new ApduReassembler();
  socket.on('data', (chunk) => {
    for (const apdu of reassembler.push(chunk)) events.emit('apdu', apdu);
  });
  socket.on('error', (err) => events.emit('error', err));
  socket.on('close', () => events.emit('close'));
  return {
    events,
    send: (apdu) => new Promise((resolve, reject) => socket.write(apdu, (err) => (err ? reject(err) : resolve()))),
    close: () =>
      new Promise((resolve) => {
        if (socket.destroyed) resolve();
        else
          socket.end(() => {
            socket.destroy();
            resolve();
          });
      }),
  };
}
