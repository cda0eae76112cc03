// Bytes straight onto a socket, for requests no HTTP client will send: a bad URL encoding, Content-Length
// twice, a 20 KB header, a body in windows-1254. Reads until the server closes or stops sending.
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  /** The whole body (as Content-Length gives it) is there. */
  complete: boolean;
}

export function parseRawResponse(raw: Buffer): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP response: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
  const bytes = raw.subarray(end + 4, length !== undefined ? end + 4 + length : undefined);
  const text = bytes.toString('utf8');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const complete = length !== undefined && raw.length >= end + 4 + length;
  return { status: Number(statusLine!.split(' ')[1]), headers, body, text, complete };
}

/** Sends `request` as is and returns the first response. */
export function rawRequest(url: string, request: string | Buffer, idleMs = 2_000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    const finish = () => {
      socket.destroy();
      try {
        resolve(parseRawResponse(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    };
    socket.setTimeout(idleMs, finish);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      // One response is enough: stop once its body is all there (keep-alive would wait for the timeout).
      try {
        if (parseRawResponse(Buffer.concat(chunks)).complete) finish();
      } catch {
        /* the headers are not all there yet */
      }
    });
    socket.on('end', finish);
    socket.on('error', (err) => (chunks.length ? finish() : reject(err)));
  });
}

/** A request in HTTP/1.1 wire form; `body` as bytes with its byte length as Content-Length unless given. */
export function wire(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Buffer {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all = {
    connection: 'close',
    ...headers,
    ...(body !== undefined && !('content-length' in headers) ? { 'content-length': String(bytes.length) } : {}),
  };
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

export interface KeptConnection {
  /** Sends one request and resolves with its response; the connection stays open for the next. */
  send(request: string | Buffer): Promise<RawResponse>;
  close(): void;
}

/** One connection used for request after request, as a POS with HTTP keep-alive (.NET's ServicePoint) uses it. */
export function keptConnection(url: string): Promise<KeptConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let chunks: Buffer[] = [];
    let waiting: { resolve(r: RawResponse): void; reject(err: Error): void } | undefined;
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      let response: RawResponse | undefined;
      try {
        response = parseRawResponse(Buffer.concat(chunks));
      } catch {
        /* the headers are not all there yet */
      }
      if (response?.complete && waiting) {
        chunks = [];
        const w = waiting;
        waiting = undefined;
        w.resolve(response);
      }
    });
    socket.on('close', () => waiting?.reject(new Error('the connection was closed before the response was complete')));
    socket.on('error', (err) => {
      if (waiting) waiting.reject(err);
      else reject(err);
    });
    socket.once('connect', () =>
      resolve({
        send: (request) =>
          new Promise<RawResponse>((res, rej) => {
            if (socket.destroyed) return rej(new Error('the connection is closed'));
            waiting = { resolve: res, reject: rej };
            socket.write(request);
          }),
        close: () => socket.destroy(),
      }),
    );
  });
}
