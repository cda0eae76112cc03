// Group commit: writeUnsynced commits without waiting for the disk, synced() puts every commit so far on
// disk with one fully synced commit shared by every caller of the turn, and a synced write covers the
// unsynced ones before it (a WAL file is synced as a whole). Real SQLite file.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../../bridge/core/clock.js';
import { openStore, type Store } from '../../../bridge/store/store.js';
import { tempDir } from '../../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
let store: Store;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(join(tmp.dir, 's.sqlite'), { now: () => 1_800_000_000_000 }, randomIds);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const syncs = () => (store.db.prepare('SELECT syncs FROM sync_mark').get() as { syncs: number }).syncs;
const level = () => Number(store.db.pragma('synchronous', { simple: true }));
const FULL = 2;
const NORMAL = 1;
let n = 0;
const addTerminal = (w: { at: string }) =>
  store.terminals.upsert({ id: `t${n++}`, provider: 'payroc', name: 'T', currency: null, settings: {} }, w.at);

describe('group commit', () => {
  it('commits unsynced with synchronous=NORMAL, and a plain write with FULL', () => {
    store.writeUnsynced(addTerminal);
    expect(level()).toBe(NORMAL);
    expect(store.awaitingSync).toBe(true);
    store.write(addTerminal);
    expect(level()).toBe(FULL);
    // The synced commit covered the unsynced one before it.
    expect(store.awaitingSync).toBe(false);
  });

  it('puts fifty unsynced commits on disk with one synced commit, shared by every caller of the turn', async () => {
    const before = syncs();
    const waits: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      store.writeUnsynced(addTerminal);
      waits.push(store.synced());
    }
    expect(syncs()).toBe(before);
    await Promise.all(waits);
    expect(syncs()).toBe(before + 1);
    expect(level()).toBe(FULL);
    expect(store.awaitingSync).toBe(false);
    expect(store.terminals.list()).toHaveLength(50);
  });

  it('costs nothing when every commit is already on disk', async () => {
    store.write(addTerminal);
    const before = syncs();
    await store.synced();
    store.writeUnsynced(addTerminal);
    store.write(addTerminal);
    await store.synced();
    expect(syncs()).toBe(before);
  });

  it('lets the outermost write decide: an unsynced write inside a synced one is synced', () => {
    store.write((w) => {
      store.writeUnsynced(addTerminal);
      addTerminal(w);
    });
    expect(level()).toBe(FULL);
    expect(store.awaitingSync).toBe(false);
  });

  it('leaves nothing to sync when the unsynced write rolls back', () => {
    expect(() =>
      store.writeUnsynced((w) => {
        addTerminal(w);
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(store.awaitingSync).toBe(false);
    expect(store.terminals.list()).toHaveLength(0);
  });

  it('rejects every waiter when the sync cannot be made, and keeps waiting for a later one', async () => {
    store.writeUnsynced(addTerminal);
    const a = store.synced();
    const b = store.synced();
    store.db.close();
    await expect(a).rejects.toThrow();
    await expect(b).rejects.toThrow();
    expect(store.awaitingSync).toBe(true);
  });
});
