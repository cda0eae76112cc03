// PRAGMA quick_check of a database file on a worker thread with its own read-only connection, so the
// daemon's event loop keeps answering the POS while SQLite reads every page (minutes on a large file).
// In WAL mode the check reads one consistent snapshot and does not block the daemon's writes.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS, evaluated in the worker: no separate file to find in dist/ or under the test runner.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 30000');
  const rows = db.pragma('quick_check(' + workerData.maxErrors + ')', { simple: false });
  parentPort.postMessage({ lines: rows.map((r) => String(Object.values(r)[0])) });
} catch (err) {
  parentPort.postMessage({ error: (err && err.code ? err.code + ': ' : '') + (err && err.message) });
} finally {
  if (db) db.close();
}
`;

export interface QuickCheckResult {
  readonly ok: boolean;
  /** 'ok', or SQLite's first findings joined (at most maxErrors lines), or why the check could not run. */
  readonly detail: string;
}

export function quickCheck(file: string, signal?: AbortSignal, maxErrors = 10): Promise<QuickCheckResult> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, maxErrors } });
    let settled = false;
    const done = (r: QuickCheckResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    worker.once('message', (m: { lines?: string[]; error?: string }) => {
      // SQLite stops a check at some kinds of damage with SQLITE_CORRUPT instead of listing it: a failure too.
      if (m.error !== undefined)
        done({
          ok: false,
          detail: /^SQLITE_(CORRUPT|NOTADB)/.test(m.error)
            ? m.error
            : `the check could not read the database: ${m.error}`,
        });
      else {
        const lines = m.lines ?? [];
        const ok = lines.length === 1 && lines[0] === 'ok';
        done({ ok, detail: ok ? 'ok' : lines.join('; ') });
      }
    });
    worker.once('error', (err) => done({ ok: false, detail: `the check failed to run: ${err.message}` }));
    worker.once('exit', (code) => done({ ok: false, detail: `the check stopped early (exit ${code})` }));
    // Shutting down: the check is abandoned (its connection is read-only; nothing is left half-done).
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
  });
}
