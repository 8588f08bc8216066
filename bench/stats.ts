/** Small, pure statistics for the benchmark reports (unit-tested in test/bench/stats.test.ts). */

/**
 * The p-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value with at least p% of
 * the sample at or below it. Nearest-rank never invents a value that was not measured.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50, p99 and max of a sample of latencies (any order). */
export function summarise(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/**
 * Sequential rounds in a set of calls made for one request: a call is in round k + 1 when some call of
 * round k had finished before it started. Calls issued together are one round however they overlap;
 * a query that waits for another's answer (a chain) adds a round. Paging adds rounds by nature.
 */
export function sequentialRounds(calls: ReadonlyArray<{ start: number; end: number }>): number {
  const byStart = [...calls].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  byStart.forEach((call, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) {
      const before = byStart[j] as { end: number };
      if (before.end <= call.start) d = Math.max(d, (depth[j] as number) + 1);
    }
    depth.push(d);
  });
  return depth.reduce((a, b) => Math.max(a, b), 0);
}

/** A number for a markdown table: fixed decimals, or an em dash when there is none. */
export function fmt(value: number | undefined, decimals = 1): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}
