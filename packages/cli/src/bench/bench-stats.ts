/** Summaries of timing samples. Shared machines are noisy: medians and high percentiles, never the best run. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

/** The nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** Milliseconds elapsed while `work` runs. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** "1,234,567" — the bench table is read by people. */
export const grouped = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Milliseconds with precision that suits their size: 0.42 ms, 12.3 ms, 1,234 ms. */
export const ms = (value: number): string => `${grouped(value, value < 1 ? 3 : value < 100 ? 1 : 0)} ms`;
