// While posbridge shuts down, every request is answered 503 shutting_down in problem+json (Fastify's
// own 503 while closing is plain JSON) — after the Host check, as every answer.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installGuards } from '../../../bridge/api/guards.js';
import type { Store } from '../../../bridge/store/store.js';

describe('the guards while shutting down', () => {
  it('answer 503 shutting_down, and forbidden_host first', async () => {
    let accepting = true;
    const app = Fastify();
    installGuards(app, { store: {} as Store, allowedOrigins: [], port: () => 7420, accepting: () => accepting });
    app.get('/v1/health', async () => ({ status: 'ok' }));
    expect((await app.inject({ url: '/v1/health', headers: { host: 'localhost' } })).statusCode).toBe(200);
    accepting = false;
    const r = await app.inject({ url: '/v1/health', headers: { host: 'localhost' } });
    expect(r.statusCode).toBe(503);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers.connection).toBe('close');
    expect(r.json()).toMatchObject({ code: 'shutting_down' });
    expect((await app.inject({ url: '/v1/health', headers: { host: 'evil.example' } })).json()).toMatchObject({
      code: 'forbidden_host',
    });
    await app.close();
  });
});
