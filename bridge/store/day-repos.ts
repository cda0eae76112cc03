// The end-of-day repos over a store's connection, made once per store: the day's reads and the ZVT runs.
import { DayReads } from './day-reads.js';
import { EndOfDayRuns } from './end-of-day-runs.js';
import type { Store } from './store.js';

const made = new WeakMap<Store, { runs: EndOfDayRuns; day: DayReads }>();

export function dayRepos(store: Store): { runs: EndOfDayRuns; day: DayReads } {
  let r = made.get(store);
  if (!r) {
    r = { runs: new EndOfDayRuns(store.db), day: new DayReads(store.db) };
    made.set(store, r);
  }
  return r;
}
