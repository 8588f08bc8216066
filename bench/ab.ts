/**
 * `npx tsx bench/ab.ts <server-a.mjs> <server-b.mjs> [connections] [seconds] [rounds]`: two bench server bundles
 * (e.g. before and after a change, each built from bench/server.ts) under the same patient-view load, their
 * windows interleaved, best window of each by req/s. For comparing a change on a busy machine. A bundle may carry
 * node flags for its process: `dist/bench/server.mjs@--max-semi-space-size=32`.
 */
import { runLoad, type LoadResult } from './load.js';
import { ServerProcess } from './protocol.js';
import { REALISTIC_PATIENT_ID } from './records.js';
import { discover, hookRequest, prefetchFrom } from './requests.js';
import { fmt } from './stats.js';

const [a, b] = [process.argv[2], process.argv[3]];
const connections = Number(process.argv[4] ?? 16);
const seconds = Number(process.argv[5] ?? 3);
const rounds = Number(process.argv[6] ?? 4);

async function main(): Promise<void> {
  if (!a || !b) throw new Error('usage: bench/ab.ts <server-a.mjs> <server-b.mjs> [connections] [seconds] [rounds]');
  // `file.mjs@--flag,--flag`: node flags for that server.
  const start = (spec: string) => {
    const [file, flags] = spec.split('@') as [string, string | undefined];
    return ServerProcess.start(file, {}, flags ? flags.split(',') : []);
  };
  const servers = [await start(a), await start(b)];
  try {
    const service = (await discover(servers[0]!.baseUrl)).find((s) => s.hook === 'patient-view');
    if (!service) throw new Error('no patient-view service');
    const context = { patientId: REALISTIC_PATIENT_ID };
    const body = hookRequest('patient-view', context, { prefetch: await prefetchFrom(`${servers[0]!.baseUrl}/fhir`, service, context) });
    const best: Array<LoadResult | undefined> = [undefined, undefined];
    for (let r = 0; r < rounds; r++) {
      for (const [i, s] of servers.entries()) {
        const result = await runLoad({ url: `${s.baseUrl}/cds-services/${service.id}`, body, connections, seconds, warmupSeconds: 1 });
        if (!best[i] || result.rps > best[i]!.rps) best[i] = result;
      }
    }
    for (const [i, name] of [a, b].entries()) {
      const r = best[i]!;
      console.log(`${name}: ${fmt(r.rps, 0)} req/s, p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms${r.failures ? `, ${r.failures} failed` : ''}`);
    }
    console.log(`b/a req/s: ${fmt(best[1]!.rps / best[0]!.rps, 2)}`);
  } finally {
    for (const s of servers) await s.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
