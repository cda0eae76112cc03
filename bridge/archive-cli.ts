// `posbridge archive run|search`: the retention run by hand (the daemon also runs it on a schedule; a lock
// keeps the two apart), and finding transactions in the archives by id or by reference.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../native/paths.js';
import { presentArchived } from './api/archived.js';
import { presentTransaction } from './api/present.js';
import { loadConfigFile } from './config/load.js';
import { randomIds, systemClock } from './core/clock.js';
import { archiveDirOf, DATABASE_FILE } from './daemon.js';
import { archiveCrashFromEnv, runArchive } from './engine/archive-run.js';
import { ArchiveLookup } from './store/archive-lookup.js';
import { openStore } from './store/store.js';

export const ARCHIVE_USAGE = `  posbridge archive run [--data-dir D] [--config F]
  posbridge archive search --id ID | --reference R [--terminal T] [--data-dir D] [--config F]`;

function options(args: string[]) {
  return parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      id: { type: 'string' },
      reference: { type: 'string' },
      terminal: { type: 'string' },
    },
  }).values;
}

/** Returns the exit code: 0 done (search: found), 1 nothing found, 2 usage. */
export async function archiveCommand(args: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'run' && sub !== 'search') {
    out(`usage:\n${ARCHIVE_USAGE}`);
    return 2;
  }
  const values = options(rest);
  const config = loadConfigFile(values.config);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const dir = archiveDirOf(config, dataDir);
  const store = openStore(join(dataDir, DATABASE_FILE), systemClock, randomIds, config.database.busy_timeout_ms);
  try {
    if (sub === 'run') {
      const crash = archiveCrashFromEnv();
      const report = await runArchive(store, {
        dir,
        hotMonths: config.retention.hot_months,
        compactAfterMs: config.retention.compact_after_ms,
        maxPerPart: config.retention.max_per_part,
        chunk: config.retention.chunk_transactions,
        ...(crash ? { crash } : {}),
      });
      out(JSON.stringify(report));
      return report.skipped ? 1 : 0;
    }
    if ((values.id === undefined) === (values.reference === undefined)) {
      out('give either --id ID or --reference R');
      return 2;
    }
    // The hot database first, then the archives' index, in one read snapshot: a transaction is in exactly
    // one of the two at every commit, also while a run (the daemon's) moves chunks between them.
    const lookup = new ArchiveLookup(store.archives, dir);
    const found = store.db.transaction(() => {
      const found: unknown[] = [];
      if (values.id !== undefined) {
        const tx = store.transactions.get(values.id);
        if (tx && (values.terminal === undefined || tx.terminal_id === values.terminal))
          found.push({ ...presentTransaction(tx, store.operations.byTransaction(tx.id)), archived: false });
        else {
          const a = lookup.byId(values.id);
          if (a && (values.terminal === undefined || a.transaction.terminal_id === values.terminal))
            found.push({ ...presentArchived(a), archive_file: a.file });
        }
      } else {
        for (const tx of store.transactions.list({
          reference: values.reference!,
          terminalId: values.terminal,
          limit: 100,
        }))
          found.push({ ...presentTransaction(tx, store.operations.byTransaction(tx.id)), archived: false });
        for (const a of lookup.byReference(values.reference!, values.terminal))
          found.push({ ...presentArchived(a), archive_file: a.file });
      }
      return found;
    })();
    for (const f of found) out(JSON.stringify(f));
    return found.length ? 0 : 1;
  } finally {
    store.close();
  }
}
