// The status window at /ui: its built files (renderer/, built by Vite into dist/renderer) and the
// one-time login link that turns into a session cookie, as notebook servers do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { packageRoot } from '../../version.js';
import type { ApiContext } from '../context.js';
import { SESSION_COOKIE } from '../guards.js';

/** Only the window's own files run; it talks only to this origin; no framing (clickjacking). */
export const UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

function page(reply: FastifyReply, status: number, title: string, text: string) {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return reply.code(status).header('content-security-policy', UI_CSP).type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>posbridge</title><body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`);
}

export async function uiRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get('/ui/login', {
    schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }) },
  }, async (request, reply) => {
    const token = (request.query as { token?: string }).token ?? '';
    const redeemed = token ? ctx.store.write((w) => {
      const r = ctx.store.uiSessions.redeem(token, w.now);
      if (r) w.emit({ type: 'ui_session.started', data: { id: r.id } });
      return r;
    }) : undefined;
    if (!redeemed) {
      return page(reply, 401, 'This sign-in link has already been used or has expired',
        'Open the status window from the posbridge icon in the tray, or run "posbridge ui" on this PC for a new link.');
    }
    reply.setCookie(SESSION_COOKIE, redeemed.session, { path: '/', httpOnly: true, sameSite: 'strict', expires: new Date(redeemed.expiresAt) });
    // 303 drops the token from the address bar, so a reload does not try to use it a second time.
    return reply.code(303).header('cache-control', 'no-store').redirect('/ui/');
  });

  app.get('/ui', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/ui/'));

  const root = rendererDir();
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/ui/*', { schema: { hide: true } }, async (_request, reply) =>
      page(reply, 503, 'The status window is not built', 'Run "npm run build" in the posbridge folder, then reload this page.'));
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
