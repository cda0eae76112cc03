// Binds the API to both loopback addresses, 127.0.0.1 and ::1, and never to any other. Resolving
// "localhost" is not enough: many hosts files map it to 127.0.0.1 only, leaving ::1 callers refused.
import { createServer, type Server } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logging.js';

export interface Bound {
  readonly port: number;
  readonly addresses: readonly string[];
  close(): Promise<void>;
}

export async function listenLoopback(app: FastifyInstance, port: number, log: Logger): Promise<Bound> {
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const v6: Server = createServer((socket) => app.server.emit('connection', socket));
  const addresses = ['127.0.0.1'];
  try {
    await new Promise<void>((resolve, reject) => {
      v6.once('error', reject);
      v6.listen({ host: '::1', port: bound, ipv6Only: true }, () => resolve());
    });
    addresses.push('::1');
  } catch (err) {
    // A machine without IPv6 loopback still serves 127.0.0.1.
    log.warn({ err }, 'could not listen on [::1]; serving 127.0.0.1 only');
  }
  return {
    port: bound,
    addresses,
    close: () => new Promise<void>((resolve) => (v6.listening ? v6.close(() => resolve()) : resolve())),
  };
}
