// A hold whose expires_at cannot be read (stored before the API checked times: a leap second parsed
// to NaN) expires all the same: it used to be warned about, then never expired.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../../bridge/core/clock.js';
import { expireHolds } from '../../../bridge/engine/expiry.js';
import { StateWriter } from '../../../bridge/engine/state-writer.js';
import { openStore, type Store } from '../../../bridge/store/store.js';
import { tempDir } from '../../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
const now = Date.parse('2026-12-01T10:00:00Z');

function authorizedHold(id: string, expiresAt: string): void {
  store.write((w) => {
    store.transactions.insert(
      {
        id,
        terminalId: 't1',
        provider: 'payroc',
        reference: id,
        fingerprint: 'fp',
        currency: 'USD',
        amount: 100,
        expiresAt,
        operator: null,
        metadata: null,
        card: null,
      },
      w.at,
    );
    store.transactions.transition(id, 'pending', 'in_progress', {}, w.at);
    store.transactions.transition(id, 'in_progress', 'authorized', {}, w.at);
  });
}

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 's.sqlite'), { now: () => now }, randomIds);
  store.write((w) =>
    store.terminals.upsert({ id: 't1', provider: 'payroc', name: 'T1', currency: null, settings: {} }, w.at),
  );
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('expiring holds with an unreadable expires_at', () => {
  it('expires a leap-second expiry as the instant after hh:mm:59, and one it cannot read at all', () => {
    authorizedHold('tx-leap', '2020-12-31T23:59:60Z');
    authorizedHold('tx-garbage', '2020-01-01Tnoon');
    authorizedHold('tx-later', '2026-12-31T23:59:60Z');
    const voids: string[] = [];
    expireHolds(store, {
      writer: new StateWriter(store),
      warnBeforeMs: 86_400_000,
      autoVoid: () => false,
      requestVoid: (id) => voids.push(id),
    });
    expect(store.transactions.get('tx-leap')!.state).toBe('expired');
    expect(store.transactions.get('tx-garbage')!.state).toBe('expired');
    expect(store.transactions.get('tx-later')!.state).toBe('authorized');
    expect(voids).toEqual([]);
  });
});
