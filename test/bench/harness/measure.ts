// test/bench/harness/measure.ts
export interface BenchRow {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly goal?: { readonly op: '<=' | '>='; readonly value: number };
  readonly note?: string;
}
export type Measure = () => Promise<BenchRow[]>;
