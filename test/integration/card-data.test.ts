// Card-not-present preauths with 4111111111111111 and CVV 123 through SmartRetry and PayPorter; then the
// database file, its WAL and the log file are searched for the card number and for any CVV field.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { DATABASE_FILE, startDaemon, type RunningDaemon } from '../../bridge/daemon.js';
import { createDaemonLogger } from '../../bridge/logging.js';
import { http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir();
const logFile = join(tmp.dir, 'logs', 'posbridge.log');
let daemon: RunningDaemon;
const call = (method: string, path: string, body?: unknown) =>
  http(method, `${daemon.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${daemon.sandboxApiKey}` },
  });

beforeAll(async () => {
  // Everything the daemon logs, down to trace, goes to the file that is searched afterwards.
  daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: parseConfig({ log_level: 'trace' }),
    sandbox: true,
    log: createDaemonLogger('trace', logFile),
    shutdownGraceMs: 1000,
  });
});
afterAll(() => tmp.cleanup());

describe('card data at rest', () => {
  it('keeps no card number and no CVV in the database, its WAL or the logs', async () => {
    const card = {
      number: '4111111111111111',
      expiry_month: 12,
      expiry_year: 2034,
      cvv: '123',
      holder_name: 'Jane Doe',
    };
    const results = [];
    for (const [terminal, currency] of [
      ['sandbox-smartretry', 'USD'],
      ['sandbox-payporter', 'TRY'],
    ] as const) {
      const r = await call('POST', '/v1/preauths', {
        terminal_id: terminal,
        amount: 4_999,
        currency,
        reference: `scan-${terminal}`,
        card,
      });
      results.push(r);
      expect(r.status).toBe(201);
      expect(r.body.card.masked_pan).toBe('411111******1111');
      expect((await call('POST', `/v1/preauths/${r.body.id}/capture`, {})).body.state).toBe('captured');
    }
    // A declined one and a refused one take other paths through the code.
    await call('POST', '/v1/preauths', {
      terminal_id: 'sandbox-payporter',
      amount: 5_101,
      currency: 'TRY',
      reference: 'scan-declined',
      card,
    });
    await call('POST', '/v1/preauths', {
      terminal_id: 'sandbox-smartretry',
      amount: 5_105,
      currency: 'USD',
      reference: 'scan-refused',
      card,
    });
    const wal = join(tmp.dir, `${DATABASE_FILE}-wal`);
    const walBefore = existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0);
    await daemon.stop();

    const files = {
      database: readFileSync(join(tmp.dir, DATABASE_FILE)),
      wal: Buffer.concat([walBefore, existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]),
      log: readFileSync(logFile),
    };
    expect(files.wal.length).toBeGreaterThan(0);
    expect(files.log.toString()).toContain('operation step');
    for (const [name, bytes] of Object.entries(files)) {
      const text = bytes.toString('latin1');
      expect({ name, pan: text.includes('4111111111111111') }).toEqual({ name, pan: false });
      expect({ name, cvv: /"cvv"\s*:/i.test(text) }).toEqual({ name, cvv: false });
    }
    // What is kept is the masked form.
    expect(files.database.toString('latin1')).toContain('411111******1111');
  });
});
