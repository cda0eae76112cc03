// Storage faults: a full disk, a database locked past the busy timeout, a corrupt database file.
// posbridge refuses new work with 503 storage_unavailable, writes nothing half, says why in health,
// and does not crash (or crash-loop).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../native/sqlite.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { http } from '../helpers/http.js';
import { startChild } from '../helpers/child.js';
import { tempDir } from '../helpers/tmp.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({ database: { busy_timeout_ms: 200 } });
});
afterAll(async () => {
  await d.stop();
});

const counts = () =>
  ['transactions', 'operations', 'attempts', 'events'].map((t) =>
    d.daemon.store.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get(),
  );

describe('storage faults', () => {
  it('disk full: 503 storage_unavailable, nothing half-written, health says why, and it recovers', async () => {
    const pages = d.daemon.store.db.pragma('page_count', { simple: true }) as number;
    d.daemon.store.db.pragma(`max_page_count = ${pages}`);
    const before = counts();
    let r;
    // Fill what room is left, until a write finds no more.
    for (let i = 0; i < 200; i++) {
      r = await d.call(
        'POST',
        '/v1/preauths',
        preauthBody(`full-${i}`, 1_000, { metadata: { pad: 'x'.repeat(400) } }),
        { prefer: 'respond-async' },
      );
      if (r.status === 503) break;
    }
    expect(r!.status).toBe(503);
    expect(r!.body.code).toBe('storage_unavailable');
    const refusedRef = r!.body.instance;
    expect(refusedRef).toBe('/v1/preauths');
    const health = await d.call('GET', '/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.database).toMatchObject({ ok: false, detail: expect.stringContaining('SQLITE_FULL') });
    expect(counts()[0]).toBeGreaterThanOrEqual(before[0] as number);
    d.daemon.store.db.pragma('max_page_count = 1073741823');
    const ok = await d.call('POST', '/v1/preauths', preauthBody('full-after'));
    expect(ok.status).toBe(201);
    expect((await d.call('GET', '/v1/health')).body.database.ok).toBe(true);
  });

  it('locked past the busy timeout: 503 storage_unavailable, then fine once the lock goes', async () => {
    const other = openDatabase(join(d.dataDir, 'posbridge.sqlite'), { busyTimeoutMs: 100 });
    other.exec('BEGIN EXCLUSIVE');
    const before = counts();
    try {
      const r = await d.call('POST', '/v1/preauths', preauthBody('locked-1'), { prefer: 'respond-async' });
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('storage_unavailable');
      expect(r.body.detail).toMatch(/nothing was recorded/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(counts()).toEqual(before);
    expect((await d.call('POST', '/v1/preauths', preauthBody('locked-1'))).status).toBe(201);
  });
});

describe('a corrupt database', () => {
  it('starts degraded rather than crash-looping: health says why, everything else is 503', async () => {
    const tmp = tempDir();
    writeFileSync(
      join(tmp.dir, 'posbridge.sqlite'),
      Buffer.from('this is not a SQLite database, it was overwritten'.repeat(100)),
    );
    const c = await startChild(['--data-dir', tmp.dir, '--port', '0']);
    try {
      expect(c.output()).toMatch(/DEGRADED/);
      const health = await http('GET', `${c.url}/v1/health`);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'down',
        database: { ok: false, detail: expect.stringMatching(/cannot be opened|integrity/) },
      });
      const r = await http('POST', `${c.url}/v1/preauths`, {
        body: preauthBody('x'),
        headers: { authorization: 'Bearer whatever' },
      });
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('storage_unavailable');
    } finally {
      c.proc.kill('SIGTERM');
      expect((await c.exited).code).toBe(0);
      tmp.cleanup();
    }
  });
});
