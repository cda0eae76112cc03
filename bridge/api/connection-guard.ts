// Holds the API to its connection cap: every connection the HTTP server takes (from the 127.0.0.1
// listener and the [::1] one, which hands its sockets over) is entered in a ConnectionTable, and at the
// cap the table names the idle one to close so the newcomer gets in. A health check or a POS connecting
// through a flood of idle sockets is therefore answered: the flood only displaces itself.
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ConnectionTable } from './connection-table.js';

export interface ShedReport {
  readonly max: number;
  /** Connections closed to make room since the last report. */
  readonly shed: number;
  /** Newcomers refused since the last report (every connection had an authorised request in flight). */
  readonly refused: number;
}

export interface ConnectionGuard {
  /** An authorised request is being served on this response's connection: keep it until answered. */
  protect(response: ServerResponse): void;
}

// Under a flood the cap is hit thousands of times a second: say so in the log once a minute at most.
const REPORT_EVERY_MS = 60_000;

export function guardConnections(
  server: Server,
  max: number,
  report: (r: ShedReport) => void,
  now: () => number = Date.now,
): ConnectionGuard {
  const table = new ConnectionTable<Socket>(max);
  let shed = 0;
  let refused = 0;
  let lastReport = -Infinity;
  const maybeReport = () => {
    if (now() - lastReport < REPORT_EVERY_MS) return;
    lastReport = now();
    report({ max, shed, refused });
    shed = 0;
    refused = 0;
  };
  server.on('connection', (socket: Socket) => {
    const admission = table.admit(socket);
    if (!admission.admitted) {
      refused++;
      socket.destroy();
      maybeReport();
      return;
    }
    socket.once('close', () => table.remove(socket));
    if (admission.shed) {
      shed++;
      admission.shed.destroy();
      maybeReport();
    }
  });
  server.on('request', (request, response: ServerResponse) => {
    const socket = request.socket;
    table.touch(socket);
    response.once('close', () => table.touch(socket));
  });
  return {
    protect(response) {
      const socket = response.socket;
      if (!socket) return;
      table.protect(socket);
      // 'close' comes once the answer is sent, or when the connection ends before it is.
      response.once('close', () => table.release(socket));
    },
  };
}
