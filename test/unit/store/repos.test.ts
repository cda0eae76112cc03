// The store's guarantees: guarded state changes, lease fencing, events published only after commit.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../../bridge/core/clock.js';
import { StaleStateError } from '../../../bridge/store/transactions.js';
import { LeaseLostError } from '../../../bridge/store/operations.js';
import { openStore, type Store } from '../../../bridge/store/store.js';
import type { BridgeEvent } from '../../../bridge/store/events.js';
import { tempDir } from '../../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let now = 1_800_000_000_000;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 's.sqlite'), { now: () => now }, randomIds);
  store.write((w) => {
    store.terminals.upsert({ id: 't1', provider: 'payroc', name: 'T1', currency: null, settings: {} }, w.at);
    store.transactions.insert(
      {
        id: 'tx1',
        terminalId: 't1',
        provider: 'payroc',
        reference: 'r1',
        fingerprint: 'fp',
        currency: 'USD',
        amount: 100,
        expiresAt: null,
        operator: null,
        metadata: null,
        card: null,
      },
      w.at,
    );
    store.operations.insert(
      {
        id: 'op1',
        transactionId: 'tx1',
        terminalId: 't1',
        kind: 'preauth',
        amount: 100,
        fingerprint: 'fp',
        clientKey: null,
        idempotencyKey: 'k1',
        maxAttempts: 5,
      },
      w.now,
      w.at,
    );
  });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('store', () => {
  it('changes state only from the state the caller saw', () => {
    store.write((w) => store.transactions.transition('tx1', 'pending', 'in_progress', {}, w.at));
    expect(() => store.write((w) => store.transactions.transition('tx1', 'pending', 'in_progress', {}, w.at))).toThrow(
      StaleStateError,
    );
    expect(() => store.write((w) => store.transactions.transition('tx1', 'in_progress', 'captured', {}, w.at))).toThrow(
      /illegal/,
    );
    expect(store.transactions.get('tx1')?.state).toBe('in_progress');
  });

  it('fences results by lease token: a worker that lost its lease writes nothing', () => {
    const lease = { token: 'A', owner: 'me', pid: process.pid, until: now + 1000 };
    expect(store.write((w) => store.operations.claim('op1', lease, w.now, w.at))).toBe(true);
    expect(store.write((w) => store.operations.claim('op1', { ...lease, token: 'B' }, w.now, w.at))).toBe(false);
    // Another worker takes over the expired lease, then the first one tries to finish.
    now += 5000;
    expect(store.write((w) => store.operations.takeOver('op1', 'A', true, w.now, w.at))).toBe(true);
    expect(() => store.write((w) => store.operations.finish('op1', 'A', 'succeeded', null, w.at))).toThrow(
      LeaseLostError,
    );
    const op = store.operations.get('op1')!;
    expect(op.state).toBe('queued');
    expect(op.in_doubt).toBe(1);
  });

  it('does not claim an operation before its next attempt time', () => {
    const lease = { token: 'A', owner: 'me', pid: process.pid, until: now + 1000 };
    store.write((w) => store.operations.claim('op1', lease, w.now, w.at));
    store.write((w) =>
      store.operations.requeue('op1', 'A', now + 10_000, false, { code: 'x', message: 'y' }, w.now, w.at),
    );
    expect(store.write((w) => store.operations.claim('op1', { ...lease, token: 'C' }, w.now, w.at))).toBe(false);
    now += 10_000;
    expect(store.write((w) => store.operations.claim('op1', { ...lease, token: 'C' }, w.now, w.at))).toBe(true);
    expect(store.operations.get('op1')?.attempts).toBe(2);
  });

  it('publishes events only after the transaction commits', () => {
    const seen: BridgeEvent[] = [];
    store.bus.on('event', (e) => seen.push(e));
    expect(() =>
      store.write((w) => {
        w.emit({ type: 'will.roll.back' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(seen).toEqual([]);
    expect(store.events.since(0).map((e) => e.type)).not.toContain('will.roll.back');
    store.write((w) => w.emit({ type: 'kept', data: { n: 1 } }));
    expect(seen.map((e) => e.type)).toEqual(['kept']);
  });

  it('stores API keys only as hashes', () => {
    const created = store.write((w) => store.apiKeys.create('pos', w.at));
    expect(store.apiKeys.verify(created.key)?.name).toBe('pos');
    expect(store.apiKeys.verify(`${created.key}x`)).toBeUndefined();
    const raw = store.db.prepare('SELECT * FROM api_keys').all();
    expect(JSON.stringify(raw)).not.toContain(created.key);
  });
});
