// The machine a run was measured on: figures mean little without it.
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: readonly [number, number, number];
}

export function machine(): Machine {
  const c = cpus();
  const [l1, l5, l15] = loadavg();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: [l1!, l5!, l15!].map((x) => Math.round(x * 100) / 100) as [number, number, number],
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}, load average ${m.loadAverage.join(' / ')}`;
}
