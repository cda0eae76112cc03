// Lab4Pay's pairing answer is the only copy of the terminal's credentials ("a one-time operation, and these
// credentials cannot be recovered later": https://docs.lab4pay.com/api-reference/pay-connect/pairing), and
// unpairing to start over needs a token made from them (…/pay-connect/unpair.md). So bridge/engine/pairing.ts
// seals a successful answer as it came before any parser looks at it. Here a Lab4Pay stand-in on loopback
// answers pairings in the ways the docs allow or a real server might, through the real executor, store and
// secret box.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { secretBoxFromKey } from '../../native/secret-box.js';
import { systemClock, randomIds } from '../../bridge/core/clock.js';
import { BridgeError } from '../../bridge/core/errors.js';
import { credentialContext } from '../../bridge/engine/credentials.js';
import { HttpChannel } from '../../bridge/engine/http-channel.js';
import { HttpExecutor } from '../../bridge/engine/http-executor.js';
import { pairTerminal } from '../../bridge/engine/pairing.js';
import { parseConfig } from '../../bridge/config/load.js';
import { lab4payConnector } from '../../bridge/providers/lab4pay/connector.js';
import type { Connector } from '../../bridge/core/connector.js';
import { openStore, type Store } from '../../bridge/store/store.js';
import { tempDir } from '../helpers/tmp.js';

/** What the stand-in answers to the next pairing: status, content type and raw body text. */
let answer = { status: 200, type: 'application/json', text: '{}' };
let server: Server;
let apiUrl = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.text));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let executor: HttpExecutor;
const secrets = secretBoxFromKey(randomBytes(32));
beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 's.sqlite'), systemClock, randomIds);
  store.write((w) =>
    store.terminals.upsert(
      { id: 'counter', provider: 'lab4pay', name: 'Counter', currency: 'EUR', settings: {} },
      w.at,
    ),
  );
  executor = new HttpExecutor({ timeoutMs: 2_000, connectTimeoutMs: 1_000 }, systemClock);
});
afterEach(async () => {
  await executor.close();
  store.close();
  tmp.cleanup();
});

const connector = () =>
  lab4payConnector(parseConfig({ providers: { lab4pay: { api_url: apiUrl, integrator_id: 'i' } } }).providers.lab4pay!);
/** pairTerminal asks the engine only for the provider's runtime. */
const engineWith = (c: Connector) => ({ channel: () => new HttpChannel(c, executor, store, 1_000) });
const stored = () => {
  const sealed = store.credentials.get('counter');
  return sealed
    ? (JSON.parse(secrets.open(sealed, credentialContext('counter'))) as Record<string, string>)
    : undefined;
};
const DOC = {
  pay_connect_id: 'P-1',
  pay_connect_name: 'Counter',
  terminal_id: 'L4P-1',
  client_id: 'cid',
  client_secret: 'csecret',
};

describe('lab4pay pairing keeps the one-time credentials', () => {
  it('pairs on the documented answer with webhook_secret_key null', async () => {
    answer = { status: 200, type: 'application/json', text: JSON.stringify({ ...DOC, webhook_secret_key: null }) };
    const r = await pairTerminal(store, engineWith(connector()), secrets, 'counter', '246810');
    expect(r).toEqual({ terminal_id: 'counter', paired: true, provider_terminal_id: 'L4P-1', pay_connect_id: 'P-1' });
    expect(stored()).toEqual(DOC);
  });

  it('reads an answer labelled text/plain', async () => {
    answer = { status: 200, type: 'text/plain', text: JSON.stringify({ ...DOC, webhook_secret_key: 'w' }) };
    await pairTerminal(store, engineWith(connector()), secrets, 'counter', '246810');
    expect(stored()).toEqual({ ...DOC, webhook_secret_key: 'w' });
  });

  it('keeps a success it cannot use sealed, says so, and never quotes a secret', async () => {
    answer = {
      status: 200,
      type: 'application/json',
      text: JSON.stringify({ pay_connect_id: 'P-2', client: { id: 'cid', secret: 'hunter2' } }),
    };
    const err = await pairTerminal(store, engineWith(connector()), secrets, 'counter', '246810').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).code).toBe('pairing_failed');
    expect((err as Error).message).toMatch(/kept sealed/);
    expect((err as Error).message).not.toContain('hunter2');
    expect(stored()).toEqual({ pairing_reply: answer.text });
    expect(readFileRaw()).not.toContain('hunter2'); // sealed, not in the clear
  });

  it('seals before parsing: even a parser that throws on a good answer loses nothing, and the token still works', async () => {
    answer = { status: 200, type: 'application/json', text: JSON.stringify({ ...DOC, webhook_secret_key: null }) };
    const strict = connector();
    const refusing: Connector = {
      ...strict,
      pairing: {
        request: strict.pairing!.request,
        parse: () => {
          throw new Error('webhook_secret_key must be a string');
        },
      },
    };
    await expect(pairTerminal(store, engineWith(refusing), secrets, 'counter', '246810')).rejects.toThrow(
      /kept sealed/,
    );
    const kept = stored()!;
    expect(JSON.parse(kept.pairing_reply!)).toMatchObject({ client_id: 'cid', client_secret: 'csecret' });
    // The connector recovers the client credentials from the kept answer.
    const auth = strict.authFor!({ id: 'counter', currency: 'EUR', settings: {}, credentials: kept })!;
    expect(auth.tokenRequest().body).toEqual({
      grant_type: 'client_credentials',
      client_id: 'cid',
      client_secret: 'csecret',
    });
  });

  it('keeps nothing from a refusal (no credentials were issued) and leaves earlier credentials alone', async () => {
    answer = { status: 200, type: 'application/json', text: JSON.stringify(DOC) };
    await pairTerminal(store, engineWith(connector()), secrets, 'counter', '246810');
    answer = { status: 400, type: 'application/json', text: JSON.stringify({ otp: ['Invalid or expired OTP.'] }) };
    await expect(pairTerminal(store, engineWith(connector()), secrets, 'counter', '000000')).rejects.toThrow(
      /Invalid or expired OTP/,
    );
    expect(stored()).toEqual(DOC);
  });
});

/** The database file and its write-ahead log, as bytes on disk. */
function readFileRaw(): string {
  return ['s.sqlite', 's.sqlite-wal']
    .map((f) => join(tmp.dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
}
