// What one finished transaction writes today, taken from a real run: the daemon in-process with its Payroc
// sandbox, a preauth and its follow-ups over HTTP, then every row those requests left in SQLite. The
// generator copies these rows a million times with new ids and times, so the big database holds exactly
// what the project's own code writes (no hand-written imitation to drift from it).
import { parseConfig } from '../../../bridge/config/load.js';
import { startDaemon } from '../../../bridge/daemon.js';
import { createLogger } from '../../../bridge/logging.js';
import { http } from '../../helpers/http.js';
import { tempDir } from '../../helpers/tmp.js';

export type Row = Record<string, unknown>;

export interface TxTemplate {
  readonly name: string;
  readonly transaction: Row;
  readonly operations: Row[];
  readonly attempts: Row[];
  readonly events: Row[];
}

const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' };

/** The life cycles a hotel or fuel station sees most, each run once against the sandbox. */
const FLOWS: ReadonlyArray<{ name: string; followUps: ReadonlyArray<{ path: string; body: unknown }> }> = [
  { name: 'capture', followUps: [{ path: 'capture', body: {} }] },
  { name: 'void', followUps: [{ path: 'void', body: {} }] },
  {
    name: 'adjust-capture',
    followUps: [
      { path: 'adjust', body: { amount: 15_000 } },
      { path: 'capture', body: {} },
    ],
  },
];

export async function recordTemplates(): Promise<TxTemplate[]> {
  const tmp = tempDir();
  const daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: parseConfig({}),
    sandbox: true,
    log: createLogger('silent'),
    shutdownGraceMs: 2_000,
  });
  const headers = { authorization: `Bearer ${daemon.sandboxApiKey!}` };
  const templates: TxTemplate[] = [];
  try {
    for (const flow of FLOWS) {
      const created = await http('POST', `${daemon.url}/v1/preauths`, {
        headers,
        body: {
          terminal_id: 'sandbox-payroc',
          amount: 10_000,
          currency: 'USD',
          reference: `tpl-${flow.name}`,
          card: CARD,
        },
      });
      if (created.status !== 201) throw new Error(`template preauth answered ${created.status}: ${created.text}`);
      const id = created.body.id as string;
      for (const step of flow.followUps) {
        const r = await http('POST', `${daemon.url}/v1/preauths/${id}/${step.path}`, { headers, body: step.body });
        if (r.status !== 200) throw new Error(`template ${step.path} answered ${r.status}: ${r.text}`);
      }
      // The POS looks its payment up by reference once more, as a POS that lost an answer does.
      await http('GET', `${daemon.url}/v1/preauths?terminal_id=sandbox-payroc&reference=tpl-${flow.name}`, { headers });
      templates.push(read(daemon.store.db, flow.name, id));
    }
  } finally {
    await daemon.stop();
    tmp.cleanup();
  }
  return templates;
}

function read(db: import('../../../native/sqlite.js').SqliteDb, name: string, id: string): TxTemplate {
  const transaction = db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as Row;
  const operations = db.prepare('SELECT * FROM operations WHERE transaction_id = ? ORDER BY seq').all(id) as Row[];
  const attempts = db
    .prepare(
      'SELECT a.* FROM attempts a JOIN operations o ON o.id = a.operation_id WHERE o.transaction_id = ? ORDER BY a.id',
    )
    .all(id) as Row[];
  const events = db.prepare('SELECT * FROM events WHERE transaction_id = ? ORDER BY seq').all(id) as Row[];
  return { name, transaction, operations, attempts, events };
}
