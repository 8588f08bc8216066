import autocannon from 'autocannon';
import { summarise, type LatencySummary } from './stats.js';
import type { TimedCall } from './tail.js';

export interface LoadSpec {
  url: string;
  body: string;
  connections: number;
  /** Measured seconds, after `warmupSeconds` of discarded load. */
  seconds: number;
  warmupSeconds: number;
  /** Each measured 2xx call as it ends, in epoch milliseconds (bench/tail.ts). */
  onCall?: (call: TimedCall) => void;
}

export interface LoadResult extends LatencySummary {
  connections: number;
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Non-2xx answers, socket errors and timeouts: any of these makes the run suspect. */
  failures: number;
}

/**
 * Closed-loop load: `connections` keep-alive connections, each sending the next request as soon as the
 * previous answer arrived. Latencies are taken from autocannon's per-response timings (sub-millisecond;
 * its own histogram rounds to whole milliseconds, too coarse at these speeds).
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupSeconds > 0) await once(spec, spec.warmupSeconds, () => undefined);
  const latencies: number[] = [];
  let failures = 0;
  const result = await once(spec, spec.seconds, (status, ms) => {
    if (status >= 200 && status < 300) {
      latencies.push(ms);
      if (spec.onCall) {
        const end = performance.timeOrigin + performance.now();
        spec.onCall({ start: end - ms, end });
      }
    } else failures += 1;
  });
  failures += result.errors + result.timeouts;
  return {
    connections: spec.connections,
    ...summarise(latencies),
    rps: latencies.length / result.duration,
    failures,
  };
}

function once(
  spec: LoadSpec,
  seconds: number,
  onResponse: (status: number, ms: number) => void,
): Promise<{ duration: number; errors: number; timeouts: number }> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: spec.body,
        connections: spec.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 30,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}
