// Another program's web server on this PC, on a port of its own (a dev server, a printer's page, any
// app's localhost UI): it keeps the headers of every request it gets. A browser sends it everything it
// holds for the host on its own — cookies of 127.0.0.1 included, whatever their port — so what it keeps
// is what such a server could steal.
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface OtherLocalApp {
  readonly url: string;
  readonly seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startOtherLocalApp(): Promise<OtherLocalApp> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>another app</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
