// The status window at /ui: its built files (renderer/, built by Vite into dist/renderer). Sign-in is
// in ui-session.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRoot } from '../../version.js';

/** Only the window's own files run; it talks only to this origin; no framing (clickjacking). */
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

/** A plain page of the window's own (not built, link not valid), under the same CSP. */
export function uiPage(reply: FastifyReply, status: number, title: string, text: string) {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return reply
    .code(status)
    .header('content-security-policy', UI_CSP)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>posbridge</title><body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`,
    );
}

export async function uiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/ui', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/ui/'));

  const root = rendererDir();
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/ui/*', { schema: { hide: true } }, async (_request, reply) =>
      uiPage(
        reply,
        503,
        'The status window is not built',
        'Run "npm run build" in the posbridge folder, then reload this page.',
      ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/ui/',
    index: ['index.html'],
    setHeaders: (res, path) => {
      res.setHeader('content-security-policy', UI_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      // Asset names carry a content hash; the page itself must always be fresh.
      res.setHeader('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
