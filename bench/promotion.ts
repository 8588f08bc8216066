/**
 * `npx tsx bench/promotion.ts [server.mjs[@node-flags]] [connections] [seconds] [hook|floor]`: the bytes a bench server promotes to the old
 * generation per patient-view call under closed-loop load, summed from V8's `--trace-gc-nvp` lines. Request-sized
 * data that survives two scavenges shows here; unlike throughput, the figure barely depends on the machine's load.
 * `floor`: the same body to the bench server's floor route (body parser alone, canned answer), for comparison.
 * Without a bundle, bench/server.ts is built first (dist/bench/server.mjs).
 */
import { buildBenchEntries } from './build.js';
import { runLoad } from './load.js';
import { ServerProcess } from './protocol.js';
import { REALISTIC_PATIENT_ID } from './records.js';
import { discover, hookRequest, prefetchFrom } from './requests.js';
import { fmt } from './stats.js';

const connections = Number(process.argv[3] ?? 16);
const seconds = Number(process.argv[4] ?? 5);
const route = process.argv[5] ?? 'hook';

interface GcTotals {
  scavenges: number;
  markCompacts: number;
  promoted: number;
  survived: number;
  pauseMs: number;
}

function field(line: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|\\s)${name}=(\\d+(?:\\.\\d+)?)`).exec(line);
  return match ? Number(match[1]) : undefined;
}

async function main(): Promise<void> {
  const entry = process.argv[2] && process.argv[2] !== '-' ? process.argv[2] : (await buildBenchEntries()).server;
  let counting = false;
  const totals: GcTotals = { scavenges: 0, markCompacts: 0, promoted: 0, survived: 0, pauseMs: 0 };
  // `file.mjs@--flag,--flag`: more node flags for the server (as in bench/ab.ts).
  const [file, flags] = entry.split('@') as [string, string | undefined];
  const server = await ServerProcess.start(file, {}, ['--trace-gc-nvp', ...(flags ? flags.split(',') : [])], (line) => {
    if (!counting) return;
    const gc = /(?:^|\s)gc=(\w+)/.exec(line)?.[1];
    if (gc === undefined) return;
    if (gc === 's') totals.scavenges += 1;
    else if (gc === 'mc' || gc === 'mmc') totals.markCompacts += 1;
    totals.promoted += field(line, 'promoted') ?? 0;
    totals.survived += field(line, 'new_space_survived') ?? 0;
    totals.pauseMs += field(line, 'pause') ?? 0;
  });
  try {
    const service = (await discover(server.baseUrl)).find((s) => s.hook === 'patient-view');
    if (!service) throw new Error('no patient-view service');
    const context = { patientId: REALISTIC_PATIENT_ID };
    const body = hookRequest('patient-view', context, { prefetch: await prefetchFrom(`${server.baseUrl}/fhir`, service, context) });
    const url = route === 'floor' ? `${server.baseUrl}/bench/floor` : `${server.baseUrl}/cds-services/${service.id}`;
    await runLoad({ url, body, connections, seconds: 2, warmupSeconds: 0 });
    counting = true;
    const result = await runLoad({ url, body, connections, seconds, warmupSeconds: 0 });
    counting = false;
    const calls = result.rps * seconds;
    console.log(
      `${entry} ${route} at ${connections} connections: ${fmt(calls, 0)} calls (${result.failures} failed), ` +
        `${totals.scavenges} scavenges, ${totals.markCompacts} mark-compacts, ` +
        `promoted ${fmt(totals.promoted / calls / 1e6, 3)} MB/call, survived a scavenge ${fmt(totals.survived / calls / 1e6, 3)} MB/call, GC pauses ${fmt((totals.pauseMs * 1000) / calls, 0)} µs/call`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
