/**
 * `npm run bench`: starts the real server in a child process, measures the four things of the benchmark
 * issue, prints markdown tables and writes bench/results.json. Not part of `npm test`; numbers are never
 * asserted in tests.
 *
 *   npm run bench              full run (about 10 minutes)
 *   npm run bench -- --quick   short runs, to check the harness works
 *   npm run bench -- --floor-only   only the floor ratio, allocation per call and tail, printed (nothing written)
 *   npm run bench -- --ledger-only  only the ledger's cost, merged into bench/results.json
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { buildBenchEntries } from './build.js';
import { measureLedger } from './ledger.js';
import { runLoad, type LoadResult } from './load.js';
import { ServerProcess } from './protocol.js';
import { REALISTIC_PATIENT_ID, draftOrders } from './records.js';
import { floorSummary, markdownReport } from './report.js';
import { readCpuTimes, stolenShare } from './cpu-steal.js';
import { cardRuleIds, discover, hookRequest, postJson, prefetchFrom, prefetchResourceCount } from './requests.js';
import { judgeTargets, type AllocationResult, type FallbackResult, type FloorRow, type GrowthPoint, type OrderSignResult, type Results } from './results.js';
import { median, sequentialRounds } from './stats.js';
import { attributeTail, type TailResult, type TimedCall } from './tail.js';

const quick = process.argv.includes('--quick');
/** Only part 5 (the ledger's cost), merged into the existing bench/results.json. */
const ledgerOnly = process.argv.includes('--ledger-only');
/** Only part 1, the allocation per call and the tail, printed, nothing written: for checking a change quickly. */
const floorOnly = process.argv.includes('--floor-only');
const settings = quick ? { seconds: 2, warmupSeconds: 1, rounds: 1 } : { seconds: 8, warmupSeconds: 2, rounds: 2 };
const CONNECTIONS = [1, 16, 64];
const DRAFT_COUNTS = [1, 10, 50];
const GROWTH_SIZES = [10, 100, 1000, 10_000, 50_000];
const context = { patientId: REALISTIC_PATIENT_ID };

const better = (a: LoadResult | undefined, b: LoadResult): LoadResult => (a && a.rps >= b.rps ? a : b);

/**
 * Best of `settings.rounds` runs by throughput for each target, the targets taking turns, so that a burst
 * of other work on a shared machine hits both sides of a comparison alike and only ever slows a run down.
 */
async function loadEach(targets: ReadonlyArray<{ url: string; body: string }>, connections: number): Promise<LoadResult[]> {
  const best: Array<LoadResult | undefined> = targets.map(() => undefined);
  for (let i = 0; i < settings.rounds; i++) {
    for (const [t, { url, body }] of targets.entries()) {
      best[t] = better(best[t], await runLoad({ url, body, connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds }));
    }
  }
  return best as LoadResult[];
}

async function load(url: string, body: string, connections: number): Promise<LoadResult> {
  const [result] = await loadEach([{ url, body }], connections);
  return result as LoadResult;
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0] ?? NaN;
  const cpuStart = readCpuTimes();
  progress('compiling the server and the growth benchmark');
  const entries = await buildBenchEntries();
  if (ledgerOnly) return ledgerPart(entries.server);
  progress('starting the server (indexing FHIR definitions, loading demo patients)');
  const server = await ServerProcess.start(entries.server);
  const { baseUrl } = server;
  const fhirBase = `${baseUrl}/fhir`;
  try {
    const services = await discover(baseUrl);
    const patientView = services.find((s) => s.hook === 'patient-view');
    if (!patientView) throw new Error('no patient-view service in discovery');
    const serviceUrl = `${baseUrl}/cds-services/${patientView.id}`;

    // 1. Floor ratio with full prefetch, against the out-of-process floor (bench/floor.ts) answering the
    // service's own bytes, the in-app floor route, and the service with mapping and rules from memory; the four
    // take turns in every round.
    const prefetch = await prefetchFrom(fhirBase, patientView, context);
    const prefetchBody = hookRequest('patient-view', context, { prefetch });
    const answer = await postJson(serviceUrl, prefetchBody);
    if (answer.status !== 200) throw new Error(`patient-view with prefetch answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    await server.request({ type: 'set-floor-response', body: answer.body });
    progress('starting the out-of-process floor and the server with mapping and rules from memory');
    const floorProcess = await ServerProcess.start(entries.floor);
    const cannedProcess = await ServerProcess.start(entries.cannedServer);
    const floorRatio: FloorRow[] = [];
    try {
      await floorProcess.request({ type: 'set-response', body: JSON.stringify(answer.body) });
      const floorUrl = `${floorProcess.baseUrl}/cds-services/${patientView.id}`;
      const cannedUrl = `${cannedProcess.baseUrl}/cds-services/${patientView.id}`;
      const cannedAnswer = await postJson(cannedUrl, prefetchBody);
      if (JSON.stringify(cardRuleIds(cannedAnswer.body)) !== JSON.stringify(cardRuleIds(answer.body))) {
        throw new Error('the server with mapping and rules from memory answered other cards than the service');
      }
      for (const connections of CONNECTIONS) {
        progress(`floor ratio at ${connections} connection(s)`);
        const cpuBefore = readCpuTimes();
        const targets = [floorUrl, `${baseUrl}/bench/floor`, cannedUrl, serviceUrl].map((url) => ({ url, body: prefetchBody }));
        const [floor, inAppFloor, domainFromMemory, service] = (await loadEach(targets, connections)) as [LoadResult, LoadResult, LoadResult, LoadResult];
        const stolen = stolenShare(cpuBefore, readCpuTimes());
        floorRatio.push({
          connections, service, floor, throughputRatio: service.rps / floor.rps, inAppFloor, inAppRatio: service.rps / inAppFloor.rps,
          domainFromMemory, domainFromMemoryRatio: domainFromMemory.rps / floor.rps,
          ...(stolen !== undefined ? { stolenShare: stolen } : {}),
        });
      }
    } finally {
      await floorProcess.stop();
      await cannedProcess.stop();
    }
    progress('allocation per call');
    const allocation = await measureAllocation(server, serviceUrl, prefetchBody, quick ? 100 : 400);
    progress('the slowest calls at one connection against the GC pauses');
    const tail = await measureTail(server, serviceUrl, prefetchBody);
    if (floorOnly) {
      console.log(floorSummary(floorRatio, allocation, tail));
      await server.stop();
      return;
    }

    // 2. Fallback: no prefetch, every datum from the FHIR server.
    progress('fallback path');
    const fallbackBody = hookRequest('patient-view', context, { fhirServer: fhirBase });
    const fallback = await measureFallback(server, serviceUrl, fallbackBody, answer.body);
    for (const connections of [1, 16]) {
      const prefetchRun = floorRatio.find((row) => row.connections === connections)?.service;
      if (prefetchRun) fallback.latency.push({ connections, prefetch: prefetchRun, fallback: await load(serviceUrl, fallbackBody, connections) });
    }

    // 4. Order hooks (before growth, while the server runs).
    progress('order-sign');
    const orderSign = await measureOrderSign(baseUrl, fhirBase, services);

    const fhirServerResources = server.fhirResources;
    await server.stop();

    // 3. Growth, in a process of its own with --expose-gc.
    progress('growth (mapping + rules, 10 to 50,000 resources)');
    const growth = await measureGrowth(entries.growth, quick ? 400 : 1500);

    // 5. The ledger's cost, three server processes of its own.
    const ledger = await measureLedger(entries.server, settings, progress);

    const stolen = stolenShare(cpuStart, readCpuTimes());
    const partial: Omit<Results, 'targets'> = {
      generatedAt: new Date().toISOString(),
      machine: {
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        cores: os.availableParallelism(),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadStart,
        loadEnd: os.loadavg()[0] ?? NaN,
        ...(stolen !== undefined ? { stolenShare: stolen } : {}),
      },
      settings,
      record: {
        resources: prefetchResourceCount(prefetch),
        requestBytes: Buffer.byteLength(prefetchBody),
        responseBytes: Buffer.byteLength(JSON.stringify(answer.body)),
        cards: cardRuleIds(answer.body),
        fhirServerResources,
      },
      floorRatio,
      allocation,
      tail,
      fallback,
      growth,
      orderSign,
      ledger,
    };
    const results: Results = { ...partial, targets: judgeTargets(partial) };
    const out = fileURLToPath(new URL('./results.json', import.meta.url));
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(markdownReport(results));
    progress(`wrote ${out}`);
  } catch (err) {
    await server.stop().catch(() => undefined);
    throw err;
  }
}

async function ledgerPart(entry: string): Promise<void> {
  const out = fileURLToPath(new URL('./results.json', import.meta.url));
  const previous = JSON.parse(readFileSync(out, 'utf8')) as Results;
  const ledger = await measureLedger(entry, settings, progress);
  const { targets: _old, ...rest } = previous;
  const partial = { ...rest, ledger };
  const results: Results = { ...partial, targets: judgeTargets(partial) };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(markdownReport(results));
  progress(`wrote the ledger part into ${out}`);
}

/** Bytes the server allocates per patient-view call (one call at a time, after a warm-up), and its GC. */
async function measureAllocation(server: ServerProcess, serviceUrl: string, body: string, calls: number): Promise<AllocationResult> {
  for (let i = 0; i < 50; i++) await postJson(serviceUrl, body);
  await server.request({ type: 'heap-start' });
  for (let i = 0; i < calls; i++) await postJson(serviceUrl, body);
  const heap = await server.heap();
  return { calls, bytesPerCall: heap.allocatedBytes / calls, scavengesPerCall: heap.scavenges / calls, gcMsPerCall: heap.gcMs / calls, markSweeps: heap.markSweeps };
}

/** One connection for a window, each call timed, the server's GC pauses logged meanwhile (bench/tail.ts). */
async function measureTail(server: ServerProcess, url: string, body: string): Promise<TailResult> {
  await runLoad({ url, body, connections: 1, seconds: settings.warmupSeconds, warmupSeconds: 0 });
  const calls: TimedCall[] = [];
  await server.request({ type: 'gc-log-start' });
  const cpuBefore = readCpuTimes();
  await runLoad({ url, body, connections: 1, seconds: settings.seconds, warmupSeconds: 0, onCall: (call) => calls.push(call) });
  const stolen = stolenShare(cpuBefore, readCpuTimes());
  const tail = attributeTail(calls, await server.gcPauses());
  return stolen === undefined ? tail : { ...tail, stolenShare: stolen };
}

/** One hook call at a time, so every FHIR request counted belongs to it; the first calls only warm up. */
async function measureFallback(server: ServerProcess, serviceUrl: string, body: string, prefetchAnswer: unknown): Promise<FallbackResult> {
  const calls: number[] = [];
  const hits: number[] = [];
  const fhirMs: number[] = [];
  let rounds = 0;
  let sameCards = true;
  for (let i = 0; i < 30; i++) {
    await server.request({ type: 'reset-calls' });
    const answer = await postJson(serviceUrl, body);
    if (answer.status !== 200) throw new Error(`patient-view through fhirServer answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    sameCards &&= JSON.stringify(cardRuleIds(answer.body)) === JSON.stringify(cardRuleIds(prefetchAnswer));
    const counted = await server.calls();
    if (i < 10) continue;
    calls.push(counted.calls.length);
    hits.push(counted.fhirHits);
    fhirMs.push(Math.max(...counted.calls.map((c) => c.end)) - Math.min(...counted.calls.map((c) => c.start)));
    rounds = Math.max(rounds, sequentialRounds(counted.calls));
  }
  return {
    callsPerHook: { min: Math.min(...calls), max: Math.max(...calls) },
    hitsPerHook: { min: Math.min(...hits), max: Math.max(...hits) },
    rounds,
    fhirWaitMs: median(fhirMs),
    sameCards,
    latency: [],
  };
}

async function measureOrderSign(baseUrl: string, fhirBase: string, services: Awaited<ReturnType<typeof discover>>): Promise<OrderSignResult> {
  const service = services.find((s) => s.hook === 'order-sign');
  if (!service) return { available: false, reason: 'no order-sign service in discovery (cds-services.json)' };
  const url = `${baseUrl}/cds-services/${service.id}`;
  let prefetch: Record<string, unknown>;
  try {
    prefetch = await prefetchFrom(fhirBase, service, context);
  } catch (err) {
    return { available: false, reason: `its prefetch could not be built (${err instanceof Error ? err.message : String(err)})` };
  }
  const rows = [];
  for (const drafts of DRAFT_COUNTS) {
    const body = hookRequest('order-sign', { ...context, draftOrders: draftOrders(new Date(), drafts) }, { prefetch });
    const answer = await postJson(url, body);
    if (answer.status !== 200) return { available: false, reason: `order-sign answered HTTP ${answer.status} with ${drafts} draft(s)` };
    const runs = [];
    for (const connections of [1, 16]) runs.push(await load(url, body, connections));
    rows.push({ drafts, requestBytes: Buffer.byteLength(body), cards: cardRuleIds(answer.body).length, runs });
  }
  return { available: true, serviceId: service.id, rows };
}

/** `entry`: bench/growth.ts compiled to JavaScript (see build.ts). */
function measureGrowth(entry: string, budgetMs: number): Promise<GrowthPoint[]> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = fork(entry, [GROWTH_SIZES.join(','), String(budgetMs)], { cwd: root, execArgv: ['--expose-gc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (points) => resolve(points as GrowthPoint[]));
    child.once('exit', (code) => reject(new Error(`the growth benchmark exited (code ${code}) without results`)));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
