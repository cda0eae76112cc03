// The last hook before any reply: it waits for the store's sync, and when the disk cannot confirm it,
// a transaction's answer becomes "not known yet" (202, result unknown) and anything else a 503 problem.
// Real Store on a SQLite file; the sync fails for real, on a closed connection. Fastify's inject, no socket.
import Fastify, { type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForDiskBeforeReplying } from '../../../bridge/api/synced-replies.js';
import { randomIds } from '../../../bridge/core/clock.js';
import { openStore, type Store } from '../../../bridge/store/store.js';
import { tempDir } from '../../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let app: FastifyInstance;
const errors: string[] = [];
/** The disk gives up between the commit and the reply: the connection closes, so the sync throws. */
let failTheSync = false;
const TX = { id: 'tx1', state: 'authorized', result: 'approved', final: true, message: 'Approved', amount: 1000 };

beforeEach(async () => {
  failTheSync = false;
  tmp = tempDir();
  store = openStore(join(tmp.dir, 's.sqlite'), { now: () => 1_800_000_000_000 }, randomIds);
  app = Fastify();
  waitForDiskBeforeReplying(app, store, { error: (_o, msg) => errors.push(msg) });
  app.post('/tx', async (_req, reply) => {
    store.writeUnsynced((w) =>
      store.terminals.upsert({ id: 't1', provider: 'payroc', name: 'T1', currency: null, settings: {} }, w.at),
    );
    if (failTheSync) store.db.close();
    return reply.code(201).send(TX);
  });
  app.get('/status', async () => {
    store.writeUnsynced((w) =>
      store.terminals.upsert({ id: 't2', provider: 'payroc', name: 'T2', currency: null, settings: {} }, w.at),
    );
    if (failTheSync) store.db.close();
    return { ok: true };
  });
  await app.ready();
});
afterEach(async () => {
  await app.close();
  store.close();
  tmp.cleanup();
});

describe('replies wait for the disk', () => {
  it('answers once the sync is made, and nothing is left unsynced', async () => {
    const r = await app.inject({ method: 'POST', url: '/tx' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual(TX);
    expect(store.awaitingSync).toBe(false);
  });

  it('turns a transaction answer into "not known yet" when the disk cannot confirm it', async () => {
    failTheSync = true;
    const r = await app.inject({ method: 'POST', url: '/tx' });
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ id: 'tx1', state: 'authorized', result: 'unknown', final: false });
    expect(r.json().message).toMatch(/could not confirm/);
    expect(errors).toContain('storage failure: the disk did not confirm a write');
  });

  it('answers any other reply 503 storage_unavailable when the disk cannot confirm it', async () => {
    failTheSync = true;
    const r = await app.inject({ method: 'GET', url: '/status' });
    expect(r.statusCode).toBe(503);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json()).toMatchObject({ code: 'storage_unavailable', status: 503 });
  });
});
