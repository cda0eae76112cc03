// Intake cost: one POS request → transaction + operation + events in one SQLite transaction,
// with synchronous=FULL (each commit waits for the disk). No network: the engine is not started.
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { randomIds, systemClock } from '../../bridge/core/clock.js';
import { Engine } from '../../bridge/engine/engine.js';
import { HttpChannel } from '../../bridge/engine/http-channel.js';
import { HttpExecutor } from '../../bridge/engine/http-executor.js';
import { Intake } from '../../bridge/engine/intake.js';
import { createLogger } from '../../bridge/logging.js';
import { payrocConnector } from '../../bridge/providers/payroc/connector.js';
import { openStore } from '../../bridge/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { secretBoxFromKey, type SecretBox } from '../../native/secret-box.js';
import { randomBytes } from 'node:crypto';

const tmp = tempDir();
const store = openStore(join(tmp.dir, 'bench.sqlite'), systemClock, randomIds);
const config = parseConfig({ providers: { payroc: { api_key: 'k' } } });
/** An intake as the daemon builds it, its lane never woken: intake measured alone. */
function intakeWith(secrets?: SecretBox): Intake {
  const engine = new Engine({
    store,
    ids: randomIds,
    log: createLogger('silent'),
    ...(secrets ? { secrets } : {}),
    channels: new Map([
      [
        'payroc',
        new HttpChannel(
          payrocConnector(config.providers.payroc!, 'k'),
          new HttpExecutor({ timeoutMs: 1000, connectTimeoutMs: 1000 }, systemClock),
          store,
          1000,
        ),
      ],
    ]),
    backoff: { baseMs: 100, maxMs: 1000 },
    maxAttempts: 3,
    resolveWindowMs: 1000,
    leaseMs: 10_000,
  });
  engine.wake = () => {};
  return new Intake(engine.intakeDeps(randomIds));
}
const intake = intakeWith();
// As the daemon runs it: with a secret box, every keyed card is sealed into its row and fingerprinted by HMAC.
const sealingIntake = intakeWith(secretBoxFromKey(randomBytes(32)));
store.write((w) =>
  store.terminals.upsert(
    { id: 't1', provider: 'payroc', name: 'T1', currency: null, settings: { processing_terminal_id: '1234001' } },
    w.at,
  ),
);
let n = 0;

afterAll(() => {
  store.close();
  tmp.cleanup();
});

describe('intake', () => {
  bench(
    'createPreauth (durable write)',
    () => {
      intake.createPreauth({
        terminal_id: 't1',
        amount: 1000,
        currency: 'USD',
        reference: `r-${n++}`,
        card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2035 },
      });
    },
    { time: 2000 },
  );

  bench(
    'createPreauth with the secret box (card sealed, HMAC fingerprint)',
    () => {
      sealingIntake.createPreauth({
        terminal_id: 't1',
        amount: 1000,
        currency: 'USD',
        reference: `s-${n++}`,
        card: { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' },
      });
    },
    { time: 2000 },
  );
});
