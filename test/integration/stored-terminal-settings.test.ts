// A terminal whose stored settings do not parse (a row from an older version, or edited by hand) is
// refused before anything is built or sent, with an error naming the terminal and the field; an
// operation already in doubt on it goes to a person rather than being failed as if nothing happened.
// The engine in-process, a real SQLite file, the Payroc sandbox on a loopback port.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { randomIds, systemClock } from '../../bridge/core/clock.js';
import type { PaymentChannel } from '../../bridge/core/channel.js';
import { Engine } from '../../bridge/engine/engine.js';
import { HttpChannel } from '../../bridge/engine/http-channel.js';
import { HttpExecutor } from '../../bridge/engine/http-executor.js';
import { Intake } from '../../bridge/engine/intake.js';
import { createLogger } from '../../bridge/logging.js';
import { payrocConnector } from '../../bridge/providers/payroc/connector.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { openStore, type Store } from '../../bridge/store/store.js';
import { CARD } from '../helpers/daemon.js';
import { eventually } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

let sandbox: RunningSandbox;
let store: Store;
let channels: Map<string, PaymentChannel>;
const tmp = tempDir();
const engines: Engine[] = [];

const GOOD = { processing_terminal_id: '1234001', channel: 'moto' };
// Before the settings were parsed, an unknown channel went out to Payroc as moto.
const BAD = { processing_terminal_id: '1234001', channel: 'phone' };
const MESSAGE =
  'Terminal t1: its stored payroc settings are invalid (channel must be one of pos, web, moto); correct the terminal in the config file, or remove it and register it again';

function storeSettings(settings: Record<string, unknown>): void {
  store.write((w) =>
    store.terminals.upsert({ id: 't1', provider: 'payroc', name: 'T1', currency: null, settings }, w.at),
  );
}

function engine(): Engine {
  const e = new Engine({
    store,
    ids: randomIds,
    log: createLogger('silent'),
    channels,
    backoff: { baseMs: 50, maxMs: 200 },
    maxAttempts: 5,
    resolveWindowMs: 5_000,
    leaseMs: 30_000,
  });
  engines.push(e);
  return e;
}

const settled = (id: string, state: string) =>
  eventually(
    () => {
      const t = store.transactions.get(id);
      return t?.state === state ? t : undefined;
    },
    20_000,
    50,
  );
const paymentPosts = () =>
  sandbox.sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/payments')).length;

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
  store = openStore(join(tmp.dir, 's.sqlite'), systemClock, randomIds);
  channels = new Map([
    [
      'payroc',
      new HttpChannel(
        payrocConnector(cfg, SANDBOX_PAYROC_API_KEY),
        new HttpExecutor({ timeoutMs: 2000, connectTimeoutMs: 1000 }, systemClock),
        store,
        5_000,
      ),
    ],
  ]);
});
afterAll(async () => {
  for (const e of engines) await e.stop(1000);
  store.close();
  await sandbox.close();
  tmp.cleanup();
});

describe('stored terminal settings that do not parse', () => {
  it('a preauth is refused at intake naming the terminal and the field; nothing is written or sent', () => {
    storeSettings(BAD);
    const intake = new Intake(engine().intakeDeps(randomIds));
    const before = { posts: paymentPosts(), rows: store.db.prepare('SELECT COUNT(*) FROM transactions').pluck().get() };
    let refused: unknown;
    try {
      intake.createPreauth({ terminal_id: 't1', amount: 4_200, currency: 'USD', reference: 'bad-1', card: CARD });
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ code: 'invalid_terminal_settings', message: MESSAGE });
    expect({
      posts: paymentPosts(),
      rows: store.db.prepare('SELECT COUNT(*) FROM transactions').pluck().get(),
    }).toEqual(before);
  });

  it('a capture of a hold taken before the settings broke is refused; the hold stays as it was', async () => {
    storeSettings(GOOD);
    const intake = new Intake(engine().intakeDeps(randomIds));
    const { transaction } = intake.createPreauth({
      terminal_id: 't1',
      amount: 5_000,
      currency: 'USD',
      reference: 'held-1',
      card: CARD,
    });
    await settled(transaction.id, 'authorized');
    storeSettings(BAD);
    const before = paymentPosts();
    const { operation } = intake.requestFollowUp(transaction.id, 'capture', 5_000, undefined);
    const op = await eventually(
      () => {
        const o = store.operations.get(operation.id);
        return o?.state === 'failed' ? o : undefined;
      },
      20_000,
      50,
    );
    expect({ code: op.error_code, message: op.error_message }).toEqual({
      code: 'invalid_terminal_settings',
      message: MESSAGE,
    });
    expect(store.transactions.get(transaction.id)!.state).toBe('authorized');
    expect(paymentPosts()).toBe(before);
  });

  it('an operation already in doubt is not failed: it goes to a person, unresolved, with the reason', async () => {
    storeSettings(GOOD);
    // Written while no lane works (a stopped engine), then left in doubt as by a worker that died mid-send,
    // and the settings break before anyone looks it up.
    const idle = engine();
    await idle.stop(0);
    const { transaction, operation } = new Intake(idle.intakeDeps(randomIds)).createPreauth({
      terminal_id: 't1',
      amount: 6_000,
      currency: 'USD',
      reference: 'doubt-1',
      card: CARD,
    });
    storeSettings(BAD);
    store.db
      .prepare('UPDATE operations SET in_doubt = 1, in_doubt_since = ? WHERE id = ?')
      .run(Date.now(), operation.id);
    const before = paymentPosts();
    engine().start();
    const tx = await settled(transaction.id, 'unresolved');
    expect(tx.error_message).toContain(MESSAGE);
    expect(store.operations.get(operation.id)!.state).toBe('unresolved');
    expect(paymentPosts()).toBe(before);
  });
});
