// Sign-in to the status window. The one-time login token arrives in the link's fragment (/ui/#login=…),
// which no browser sends to a server; the page posts it here and gets a session token back in the body.
// The window keeps that token to itself and sends it as `Authorization: Bearer pbs_…`. No cookie is set:
// browsers share cookies between all ports of a host, so any other local server would receive it.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '../../core/typebox.js';
import { LOGIN_PREFIX, SESSION_PREFIX } from '../../store/ui-sessions.js';
import type { ApiContext } from '../context.js';
import { bearerKey } from '../guards.js';
import { problemOf, sendProblem } from '../problem.js';
import { Problem } from '../schemas.js';
import { uiPage } from './ui.js';

const TOKEN = new RegExp(`^${LOGIN_PREFIX}[A-Za-z0-9_-]{1,100}$`);
const USED_LINK =
  'This sign-in link has already been used or has expired; open the status window from the posbridge icon in the tray, or run "posbridge ui" on this PC for a new link';

const Session = Type.Object({
  session: Type.String({ description: 'Send as Authorization: Bearer <session> on every request' }),
  expires_at: Type.String({ format: 'date-time' }),
});

function noStore(reply: FastifyReply): FastifyReply {
  // The answer carries a credential: no cache keeps it, and no page it leads to learns where it came from.
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

export function uiSessionRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post(
    '/ui/session',
    {
      schema: {
        hide: true,
        body: Type.Object({ login: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 201: Session, 401: Problem },
      },
    },
    async (request, reply) => {
      const { login } = request.body as { login: string };
      const redeemed = ctx.store.write((w) => {
        const r = ctx.store.uiSessions.redeem(login, w.now);
        if (r) w.emit({ type: 'ui_session.started', data: { id: r.id } });
        return r;
      });
      noStore(reply);
      if (!redeemed) return sendProblem(reply, problemOf('login_link_invalid', USED_LINK, { instance: request.url }));
      return reply.code(201).send({ session: redeemed.session, expires_at: redeemed.expiresAt });
    },
  );

  // Sign-out: the session named in the Authorization header ends now.
  app.delete('/ui/session', { schema: { hide: true } }, async (request, reply) => {
    const token = bearerKey(request.headers.authorization);
    const ended = token?.startsWith(SESSION_PREFIX)
      ? ctx.store.write((w) => {
          const e = ctx.store.uiSessions.end(token, w.now);
          if (e) w.emit({ type: 'ui_session.ended', data: { id: e.id } });
          return e;
        })
      : undefined;
    if (!ended)
      return sendProblem(
        reply,
        problemOf('unauthorized', 'Send Authorization: Bearer <session> of a session that has not ended', {
          instance: request.url,
        }),
      );
    return reply.code(204).send();
  });

  // Links of earlier versions carried the token in the query. Sent on to the fragment form, unredeemed:
  // the page redeems it as any other link, and a GET (a link preview, a prefetch) never uses a token up.
  app.get(
    '/ui/login',
    {
      schema: { hide: true, querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }) },
    },
    async (request, reply) => {
      const token = (request.query as { token?: string }).token ?? '';
      noStore(reply);
      if (!TOKEN.test(token)) {
        return uiPage(
          reply,
          401,
          'This sign-in link is not valid',
          'Open the status window from the posbridge icon in the tray, or run "posbridge ui" on this PC for a new link.',
        );
      }
      return reply.code(303).redirect(`/ui/#login=${token}`);
    },
  );
}
