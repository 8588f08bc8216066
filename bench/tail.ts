/**
 * Where the slow calls' time went: the slowest calls of a window set against the server's GC pauses over the
 * same window. A p99 made of GC pauses asks for less allocation; one that GC does not explain points at the
 * machine (CPU taken by the load generator, other processes or the hypervisor) or at the code path itself.
 * Times are epoch milliseconds (`performance.timeOrigin + performance.now()`) taken in two processes on one
 * machine, so they agree to well within a GC pause.
 */
import { median } from './stats.js';

/** One call as the load generator saw it. */
export interface TimedCall {
  start: number;
  end: number;
}

/** One GC pause of the server's main thread (V8's `gc` performance entries). */
export interface GcPause {
  start: number;
  ms: number;
}

export interface TailResult {
  calls: number;
  /** The slowest `share` of the calls. */
  slowCalls: number;
  medianMs: number;
  slowMedianMs: number;
  /** Slow calls during which the server paused for GC at least once, and the GC milliseconds within them per slow call. */
  slowWithGc: number;
  gcMsPerSlowCall: number;
  /** For comparison: calls faster than the median during which the server paused for GC. */
  fastCalls: number;
  fastWithGc: number;
  /** Share of CPU time stolen by the hypervisor during the window (bench/cpu-steal.ts). */
  stolenShare?: number;
}

/** Milliseconds of `pauses` inside the call (pauses overlapping its start or end count for their part inside). */
function gcMsWithin(call: TimedCall, pauses: readonly GcPause[]): number {
  let ms = 0;
  for (const p of pauses) ms += Math.max(0, Math.min(call.end, p.start + p.ms) - Math.max(call.start, p.start));
  return ms;
}

export function attributeTail(calls: readonly TimedCall[], pauses: readonly GcPause[], share = 0.05): TailResult {
  const byDuration = [...calls].sort((a, b) => a.end - a.start - (b.end - b.start));
  const durations = byDuration.map((c) => c.end - c.start);
  const slow = byDuration.slice(byDuration.length - Math.max(1, Math.round(byDuration.length * share)));
  const medianMs = median(durations);
  const fast = byDuration.filter((c) => c.end - c.start < medianMs);
  const gcOfSlow = slow.map((c) => gcMsWithin(c, pauses));
  return {
    calls: calls.length,
    slowCalls: slow.length,
    medianMs,
    slowMedianMs: median(slow.map((c) => c.end - c.start)),
    slowWithGc: gcOfSlow.filter((ms) => ms > 0).length,
    gcMsPerSlowCall: slow.length === 0 ? NaN : gcOfSlow.reduce((sum, ms) => sum + ms, 0) / slow.length,
    fastCalls: fast.length,
    fastWithGc: fast.filter((c) => gcMsWithin(c, pauses) > 0).length,
  };
}
