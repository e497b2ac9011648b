/** One measured line of `npm run bench`. */
export interface BenchResult {
  /** What was measured, e.g. "event ingestion via POST /v1/events". */
  name: string;
  /** Which database target the number is for; 'none' for pure computations. */
  target: 'pglite' | 'postgres' | 'none';
  /** The measured median (or throughput). */
  value: number;
  unit: string;
  /** The goal as text, e.g. ">= 50,000 events/s". */
  goal?: string;
  /** Whether the measured value meets the goal. */
  meetsGoal?: boolean;
  /** Free text: sample size, spread, percentiles. */
  detail?: string;
}

export type Bench = (options: { quick: boolean }) => Promise<BenchResult[]>;
