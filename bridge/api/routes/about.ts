// GET /v1/about — what a technician is asked for on the phone: the version, and where posbridge keeps its
// data and its log on this PC. Read-only, and nothing in it is secret (paths, not contents).
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { Problem } from '../schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AboutView = Type.Object({
  version: Type.String(),
  data_dir: Nullable(Type.String({ description: 'The folder of the database, its keys and its archives' })),
  log_file: Nullable(Type.String({ description: 'The log file; null when the daemon logs elsewhere (tests)' })),
});

export function aboutRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/about',
    {
      schema: {
        summary: 'The version of posbridge and where its data folder and log file are',
        response: { 200: AboutView, 401: Problem },
      },
    },
    async () => ({
      version: ctx.version,
      data_dir: ctx.paths?.dataDir ?? null,
      log_file: ctx.paths?.logFile ?? null,
    }),
  );
}
