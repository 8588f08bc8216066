/** Small statistics for the soak report. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface MemorySample {
  atS: number;
  rssMb: number;
  heapUsedMb: number;
}

/** Read the service's own process metrics (prom-client default metrics) from `/metrics`. */
export async function sampleMemory(baseUrl: string, atS: number): Promise<MemorySample | undefined> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / (1024 * 1024);
    return { atS, rssMb: value('process_resident_memory_bytes'), heapUsedMb: value('nodejs_heap_size_used_bytes') };
  } catch {
    return undefined;
  }
}

/**
 * Heap growth between the start and the end of the steady phase, judged on floors (the lowest sample of
 * the first and of the last third), so a GC that happened to run just before one sample does not decide it.
 */
export function heapFloorGrowthMb(samples: readonly MemorySample[]): number {
  if (samples.length < 3) return 0;
  const third = Math.max(1, Math.floor(samples.length / 3));
  const floor = (xs: readonly MemorySample[]) => Math.min(...xs.map((s) => s.heapUsedMb));
  return floor(samples.slice(-third)) - floor(samples.slice(0, third));
}
