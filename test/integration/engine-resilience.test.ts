// A bug or an unwritable result inside one step must neither crash the daemon nor lose or repeat
// the operation: it goes back to its lane in doubt and is resolved by lookup.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { randomIds, systemClock } from '../../bridge/core/clock.js';
import { Engine } from '../../bridge/engine/engine.js';
import { HttpChannel } from '../../bridge/engine/http-channel.js';
import { HttpExecutor } from '../../bridge/engine/http-executor.js';
import { Intake } from '../../bridge/engine/intake.js';
import { createLogger } from '../../bridge/logging.js';
import type { PayrocTerminalSettings } from '../../bridge/providers/payroc/config.js';
import { payrocConnector } from '../../bridge/providers/payroc/connector.js';
import type { Connector } from '../../bridge/core/connector.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { openStore, type Store } from '../../bridge/store/store.js';
import { CARD } from '../helpers/daemon.js';
import { eventually } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

let sandbox: RunningSandbox;
let store: Store;
let engine: Engine;
let intake: Intake;
let parseCalls = 0;
const tmp = tempDir();

beforeAll(async () => {
  sandbox = await startPayrocSandbox(0);
  const cfg = parseConfig({
    providers: {
      payroc: {
        api_url: `${sandbox.url}/v1`,
        identity_url: `${sandbox.url}/authorize`,
        api_key: SANDBOX_PAYROC_API_KEY,
      },
    },
  }).providers.payroc!;
  const real = payrocConnector(cfg, SANDBOX_PAYROC_API_KEY);
  // The first reply this connector reads makes it throw, as a parsing bug would.
  const flaky: Connector<PayrocTerminalSettings> = {
    ...real,
    parse: (ctx, reply) => {
      if (parseCalls++ === 0) throw new Error('parser bug');
      return real.parse(ctx, reply);
    },
  };
  store = openStore(join(tmp.dir, 'r.sqlite'), systemClock, randomIds);
  store.write((w) =>
    store.terminals.upsert(
      {
        id: 't1',
        provider: 'payroc',
        name: 'T1',
        currency: null,
        settings: { processing_terminal_id: '1234001', channel: 'moto' },
      },
      w.at,
    ),
  );
  engine = new Engine({
    store,
    ids: randomIds,
    log: createLogger('silent'),
    channels: new Map([
      [
        'payroc',
        new HttpChannel(
          flaky,
          new HttpExecutor({ timeoutMs: 2000, connectTimeoutMs: 1000 }, systemClock),
          store,
          5_000,
        ),
      ],
    ]),
    backoff: { baseMs: 50, maxMs: 200 },
    maxAttempts: 5,
    resolveWindowMs: 5_000,
    leaseMs: 30_000,
  });
  engine.start();
  intake = new Intake(engine.intakeDeps(randomIds));
});
afterAll(async () => {
  await engine.stop(1000);
  store.close();
  await sandbox.close();
  tmp.cleanup();
});

describe('engine resilience', () => {
  it('a step that throws puts the operation back in doubt; it is found by lookup, not sent twice', async () => {
    const { transaction } = intake.createPreauth({
      terminal_id: 't1',
      amount: 4_200,
      currency: 'USD',
      reference: 'bug-1',
      card: CARD,
    });
    const tx = await eventually(
      () => {
        const t = store.transactions.get(transaction.id);
        return t?.state === 'authorized' ? t : undefined;
      },
      20_000,
      100,
    );
    expect(tx.amount_authorized).toBe(4_200);
    expect(sandbox.sandbox.ledger.holds().filter((h) => h.reference === transaction.id)).toHaveLength(1);
    expect(sandbox.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payments')).toHaveLength(1);
    const purposes = store.attempts
      .forOperation(store.operations.byTransaction(transaction.id)[0]!.id)
      .map((a) => `${a.purpose}:${a.outcome_kind}`);
    expect(purposes).toEqual(['send:interrupted', 'lookup:approved']);
  });
});
