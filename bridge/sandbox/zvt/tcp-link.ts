// One ECR connection of the simulated terminal over TCP, as a transport. Junk is set aside (ecr-stream.ts);
// an APDU whose remainder does not come within T3 ends the connection, as PA00P016 §5.2.5 "time-out
// case b" says: "the receiver should close the socket … If the socket is closed prematurely, then the
// whole process is judged to be aborted". The ECR reconnects and starts afresh.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ZvtTransport } from '../../terminals/zvt/transport.js';
import { EcrStream } from './ecr-stream.js';

/** Events: 'apdu' (Buffer), 'junk' (Buffer), 'cut' (Buffer, the APDU given up), 'error', 'close'. */
export function ecrSocketLink(socket: Socket, t3Ms: number): ZvtTransport {
  const events = new EventEmitter();
  const stream = new EcrStream();
  let partial: NodeJS.Timeout | undefined;
  socket.setNoDelay(true);
  socket.on('data', (chunk) => {
    let completed = false;
    for (const item of stream.push(chunk)) {
      if (item.type === 'apdu') {
        completed = true;
        events.emit('apdu', item.apdu);
      } else {
        events.emit('junk', item.bytes);
      }
    }
    // T3 runs from the first byte of the message that stays incomplete: a new one restarts it.
    if (stream.pending === 0 || completed) {
      clearTimeout(partial);
      partial = undefined;
    }
    if (stream.pending > 0)
      partial ??= setTimeout(() => {
        events.emit('cut', stream.discard());
        socket.destroy();
      }, t3Ms);
  });
  socket.on('error', (err) => events.emit('error', err));
  socket.on('close', () => {
    clearTimeout(partial);
    events.emit('close');
  });
  return {
    events,
    send: (apdu) =>
      new Promise((resolve, reject) => {
        if (socket.destroyed) return reject(new Error('the ECR connection is closed'));
        socket.write(apdu, (err) => (err ? reject(err) : resolve()));
      }),
    close: () =>
      new Promise((resolve) => {
        clearTimeout(partial);
        socket.destroy();
        resolve();
      }),
  };
}
