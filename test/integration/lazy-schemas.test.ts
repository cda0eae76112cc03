// The API's validators and serializers are compiled on their route's first use, not before the daemon
// listens: the first request of each kind is refused or answered exactly as a later one is, and every
// schema does compile (compileAll), so a broken schema fails here rather than at a POS's first request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => {
  await d.stop();
});

describe('route schemas compiled on first use', () => {
  it('has compiled none of them when it starts listening', () => {
    expect(d.daemon.schemas.size).toBeGreaterThan(50);
  });

  it('refuses a bad body on its very first request, with the field errors', async () => {
    const before = d.daemon.schemas.size;
    const r = await d.call('POST', '/v1/preauths', { ...preauthBody('lazy-1'), amount: '100', card: 'x' });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'card']);
    expect(d.daemon.schemas.size).toBeLessThan(before);
    const again = await d.call('POST', '/v1/preauths', { ...preauthBody('lazy-1'), amount: '100', card: 'x' });
    expect(again.body).toEqual(r.body);
  });

  it('coerces and defaults a query string on its first request, and refuses a bad one', async () => {
    const bad = await d.call('GET', '/v1/preauths?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'querystring:limit', message: expect.any(String) }]);
    const created = await d.call('POST', '/v1/preauths', preauthBody('lazy-2', 2_500));
    expect(created.status).toBe(201);
    const one = await d.call('GET', '/v1/preauths?limit=1&reference=lazy-2');
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual([expect.objectContaining({ reference: 'lazy-2', amount_requested: 2_500 })]);
  });

  it('compiles every remaining schema without error, and answers the same afterwards', async () => {
    const first = await d.call('GET', '/v1/preauths?reference=lazy-2');
    d.daemon.schemas.compileAll();
    expect(d.daemon.schemas.size).toBe(0);
    expect((await d.call('GET', '/v1/preauths?reference=lazy-2')).body).toEqual(first.body);
    const r = await d.call('POST', '/v1/preauths', { ...preauthBody('lazy-3'), amount: '100' });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
  });
});
