// The integrity check is off the start path and runs in the background; a failure shows in health and
// GET /v1/status. Real SQLite files, damaged as a disk or a bug would damage them, and the daemon on loopback.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { DATABASE_FILE, startDaemon, type RunningDaemon } from '../../bridge/daemon.js';
import { createLogger } from '../../bridge/logging.js';
import { migrate } from '../../bridge/store/migration.js';
import { MIGRATIONS } from '../../bridge/store/migrations/index.js';
import { openDatabase } from '../../native/sqlite.js';
import { http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dataDir(): string {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  return tmp.dir;
}

/** A database with history: transactions, operations and attempts with sizeable bodies. */
function databaseWithHistory(dir: string) {
  const db = openDatabase(join(dir, DATABASE_FILE));
  migrate(db, MIGRATIONS);
  db.prepare(
    `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('bar','payroc','Bar','x','x')`,
  ).run();
  const tx = db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at) VALUES (?, 'bar', 'payroc', ?, 'f', 'captured', 'USD', 100, ?, ?)`,
  );
  const op = db.prepare(
    `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'bar', 'preauth', 'succeeded', 'f', ?, 8, 0, 'x', 'x')`,
  );
  const attempt = db.prepare(
    `INSERT INTO attempts (operation_id, number, purpose, request_json, started_at) VALUES (?, 1, 'send', ?, 'x')`,
  );
  for (let i = 0; i < 40; i++) {
    tx.run(`tx${i}`, `room-${i}`, `2025-01-01T00:00:${String(i).padStart(2, '0')}Z`, `2025-02-01T00:00:00Z`);
    op.run(`op${i}`, `tx${i}`, `k${i}`);
    attempt.run(`op${i}`, `{"body":"${'Q'.repeat(1500)}${i}"}`);
  }
  return db;
}

/** A damage only PRAGMA integrity_check finds: an index whose entries disagree with its table's rows. */
function damageAnIndex(dir: string) {
  const db = databaseWithHistory(dir);
  db.unsafeMode(true); // lets writable_schema edit the schema, as only a damaged file would
  db.pragma('writable_schema = ON');
  db.prepare(
    `UPDATE sqlite_master SET sql = 'CREATE INDEX transactions_by_created ON transactions (updated_at, id)' WHERE name = 'transactions_by_created'`,
  ).run();
  db.close();
}

/** A damaged page of old history (an attempts leaf), as a failing disk leaves it: the quick check finds it. */
function damageAPage(dir: string) {
  const file = join(dir, DATABASE_FILE);
  const db = databaseWithHistory(dir);
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const at = readFileSync(file).indexOf('QQQQQQQQQQ');
  expect(at).toBeGreaterThan(pageSize);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, Math.floor(at / pageSize) * pageSize);
  closeSync(fd);
}

async function start(dir: string, integrity: Record<string, number> = {}): Promise<RunningDaemon> {
  const d = await startDaemon({
    dataDir: dir,
    port: 0,
    config: parseConfig({ database: { integrity_check: { first_after_ms: 3_600_000, ...integrity } } }),
    sandbox: false,
    log: createLogger('silent'),
    shutdownGraceMs: 500,
  });
  cleanups.push(() => d.stop());
  return d;
}

const fullCheck = (dir: string) => {
  const db = openDatabase(join(dir, DATABASE_FILE));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
};

describe('start-up', () => {
  it('runs no full integrity check: a database whose damage only a full check finds starts healthy', async () => {
    const dir = dataDir();
    damageAnIndex(dir);
    expect(fullCheck(dir)).not.toBe('ok'); // the damage is real
    const d = await start(dir);
    const health = await http('GET', `${d.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { ok: true }, integrity: null });
  });
});

describe('the background quick check', () => {
  it('reports a damaged page in health and GET /v1/status, degraded, and keeps it across a restart', async () => {
    const dir = dataDir();
    damageAPage(dir);
    const d = await start(dir);
    expect((await http('GET', `${d.url}/v1/health`)).body).toMatchObject({ status: 'ok', integrity: null });

    const result = await d.integrity.runNow();
    expect(result.ok).toBe(false);
    expect(d.store.integrity.last()).toEqual(result);
    const health = await http('GET', `${d.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      database: { ok: true },
      integrity: { ok: false, at: result.at, detail: expect.stringMatching(/malformed|page|btree|Tree/i) },
    });
    const key = d.store.write((w) => d.store.apiKeys.create('test', w.at)).key;
    const status = await http('GET', `${d.url}/v1/status`, { headers: { authorization: `Bearer ${key}` } });
    expect(status.body.level).toBe('degraded');
    expect(status.body.problems).toContainEqual(
      expect.objectContaining({ level: 'degraded', text: expect.stringMatching(/integrity check/) }),
    );
    await d.stop();

    // After a restart, before any new check, the failure is still reported.
    const again = await start(dir);
    expect((await http('GET', `${again.url}/v1/health`)).body).toMatchObject({
      status: 'degraded',
      integrity: { ok: false, at: result.at },
    });
  });

  it('passes on a sound database and runs on its own after start', async () => {
    const dir = dataDir();
    databaseWithHistory(dir).close();
    const d = await start(dir, { first_after_ms: 0 });
    const deadline = Date.now() + 20_000;
    while (d.store.integrity.last() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(d.store.integrity.last()).toMatchObject({ ok: true, detail: 'ok' });
    expect((await http('GET', `${d.url}/v1/health`)).body).toMatchObject({ status: 'ok', integrity: { ok: true } });
  });
});
