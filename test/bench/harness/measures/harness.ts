// The hot-path figures (bridge overhead, intake, a lane, memory), on one daemon in this order (memory idle
// first, before any traffic). Sizes: BENCH_SYNC (300), BENCH_FLOOD (20000), BENCH_IDLE_MS (15000), BENCH_OFFERED (2000/s).
import { bridgeOverhead, intake, intakeAtRate, laneDrain, memory } from '../hot-path.js';
import type { BenchRow, Measure } from '../measure.js';
import { pause, PosClient, startRig } from '../rig.js';

const SYNC = Number(process.env.BENCH_SYNC ?? 300);
const FLOOD = Number(process.env.BENCH_FLOOD ?? 20_000);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 15_000);
const OFFERED = Number(process.env.BENCH_OFFERED ?? 2_000);

export const measure: Measure = async () => {
  const rig = await startRig({ terminals: 4 });
  try {
    await pause(2000);
    const idleMb = rig.rssMb();
    const pos = new PosClient(rig.daemonUrl, { authorization: `Bearer ${rig.apiKey}` });
    const rows: BenchRow[] = await bridgeOverhead(rig, pos, SYNC);
    await pos.close();
    let held: string[] = [];
    for (const [clients, count] of [
      [1, 300],
      [10, 1000],
      [50, 2000],
    ] as const) {
      const r = await intake(rig, clients, count);
      rows.push(...r.rows);
      held = r.ids;
    }
    rows.push(...(await laneDrain(rig, held.slice(0, 300))));
    rows.push(...(await intakeAtRate(rig, OFFERED, 5)));
    rows.push(...(await memory(rig, idleMb, FLOOD, IDLE_MS)));
    return rows;
  } finally {
    await rig.stop();
  }
};
