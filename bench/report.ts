/** bench/results.json as markdown tables (printed by `npm run bench`, pasted into the README). */
import type { LoadResult } from './load.js';
import type { Results } from './results.js';
import { fmt } from './stats.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
const flag = (load: LoadResult) => (load.failures > 0 ? ` (${load.failures} failed)` : '');
const optionalRps = (load: LoadResult | undefined) => (load ? `${fmt(load.rps, 0)}${flag(load)}` : '—');

export function markdownReport(r: Results): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(
    `Machine: ${m.cpuModel}, ${m.cores} cores, Node ${m.node} (${m.platform}); 1-min load ${m.loadStart.toFixed(2)} at start, ${m.loadEnd.toFixed(2)} at end${m.stolenShare !== undefined ? `; CPU time stolen by the hypervisor (steal) ${percent(m.stolenShare)} over the run` : ''}.`,
    `Load: ${r.settings.seconds} s per run after ${r.settings.warmupSeconds} s warm-up, best of ${r.settings.rounds} by req/s; server in a child process, load generator (autocannon) in the parent.`,
    '',
    `### 1. Floor ratio: patient-view with full prefetch`,
    '',
    `${r.record.resources} resources in the prefetch (${kb(r.record.requestBytes)} request, ${kb(r.record.responseBytes)} response, cards ${r.record.cards.join(', ') || 'none'}).`,
    'The floor is a separate plain `node:http` process that reads the same body, `JSON.parse`s it and answers the bytes of the service\'s own answer; the in-app floor is a route of the service\'s express app (same middleware and body parser, canned answer), so it hides the stack\'s own cost. "Mapping and rules from memory" is a second server process, the same bundle except that each patient is mapped and judged once and then answered from memory: the rest of the hook path alone. All four take turns in every round; the load generator, the servers and the floor share the same cores.',
    '',
    '| connections | service p50 ms | service p99 ms | service req/s | floor p50 ms | floor p99 ms | floor req/s | service/floor req/s | in-app floor req/s | service/in-app floor | mapping and rules from memory req/s | its /floor | CPU stolen |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.floorRatio.map(
      (row) =>
        `| ${row.connections} | ${fmt(row.service.p50, 2)} | ${fmt(row.service.p99, 2)} | ${fmt(row.service.rps, 0)}${flag(row.service)} | ${fmt(row.floor.p50, 2)} | ${fmt(row.floor.p99, 2)} | ${fmt(row.floor.rps, 0)}${flag(row.floor)} | ${fmt(row.throughputRatio, 2)} | ${optionalRps(row.inAppFloor)} | ${fmt(row.inAppRatio, 2)} | ${optionalRps(row.domainFromMemory)} | ${fmt(row.domainFromMemoryRatio, 2)} | ${row.stolenShare !== undefined ? percent(row.stolenShare) : '—'} |`,
    ),
    ...allocationLines(r),
    ...tailLines(r.tail),
    '',
    `### 2. Fallback path: no prefetch, fhirServer = the embedded FHIR server (${r.record.fhirServerResources} resources, all demo patients)`,
    '',
    `FHIR requests per hook call: ${range(r.fallback.callsPerHook)} sent by the service, ${range(r.fallback.hitsPerHook)} received by the FHIR server, in ${r.fallback.rounds} sequential round(s); from the first request sent to the last answer in ${fmt(r.fallback.fhirWaitMs, 1)} ms (median, one call at a time). Same cards as with prefetch: ${r.fallback.sameCards ? 'yes' : 'NO'}.`,
    '',
    '| connections | prefetch p50 ms | fallback p50 ms | added p50 ms | prefetch p99 ms | fallback p99 ms | fallback req/s |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...r.fallback.latency.map(
      ({ connections, prefetch, fallback }) =>
        `| ${connections} | ${fmt(prefetch.p50, 2)} | ${fmt(fallback.p50, 2)} | ${fmt(fallback.p50 - prefetch.p50, 2)} | ${fmt(prefetch.p99, 2)} | ${fmt(fallback.p99, 2)} | ${fmt(fallback.rps, 0)}${flag(fallback)} |`,
    ),
    '',
    '### 3. Growth: mapping + rules, in process (CEA series and chemotherapy courses)',
    '',
    'Fastest of at least five passes per size; allocation counted with V8\'s GC profiler; retained = heap held by the Case and recommendations after a full GC.',
    '',
    '| resources | record MB | mapping ms | rules ms | µs per resource | allocated MB | allocated KB per resource | retained MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.growth.map(
      (p) =>
        `| ${p.resources.toLocaleString('en')} | ${mb(p.recordBytes)} | ${fmt(p.mapMs, 2)} | ${fmt(p.rulesMs, 2)} | ${fmt(p.usPerResource, 1)} | ${mb(p.allocatedBytes)} | ${fmt(p.allocatedBytes / p.resources / 1024, 1)} | ${mb(p.retainedBytes)} |`,
    ),
    '',
    '### 4. Order hooks: order-sign',
    '',
    ...orderSignLines(r),
    '',
    ...ledgerLines(r),
    '### Targets',
    '',
    '| target | met | measured |',
    '|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.met ? 'yes' : 'no'} | ${t.detail} |`),
  );
  return lines.join('\n');
}

/** Part 1 alone (`--floor-only`). */
export function floorSummary(rows: Results['floorRatio'], allocation: NonNullable<Results['allocation']>, tail?: Results['tail']): string {
  return [
    ...rows.map(
      (row) =>
        `c${row.connections}: service ${fmt(row.service.rps, 0)} req/s p50 ${fmt(row.service.p50, 2)} p99 ${fmt(row.service.p99, 2)} | floor ${fmt(row.floor.rps, 0)} req/s p50 ${fmt(row.floor.p50, 2)} p99 ${fmt(row.floor.p99, 2)} | ratio ${fmt(row.throughputRatio, 2)} | in-app floor ${fmt(row.inAppFloor?.rps, 0)} ratio ${fmt(row.inAppRatio, 2)} | mapping and rules from memory ${fmt(row.domainFromMemory?.rps, 0)} ratio ${fmt(row.domainFromMemoryRatio, 2)}${row.stolenShare !== undefined ? ` | CPU stolen ${percent(row.stolenShare)}` : ''}`,
    ),
    ...allocationLines({ allocation } as Results),
    ...tailLines(tail),
  ].join('\n');
}

function allocationLines(r: Results): string[] {
  const a = r.allocation;
  if (!a) return [];
  return [
    '',
    `Allocation: ${fmt(a.bytesPerCall / 1024, 0)} KB per call in the server (${a.calls} calls one at a time, V8 GC profiler), a scavenge every ${fmt(1 / a.scavengesPerCall, 1)} calls, ${fmt(a.gcMsPerCall * 1000, 0)} µs of main-thread GC per call, ${a.markSweeps} mark-sweep(s).`,
  ];
}

function tailLines(t: Results['tail']): string[] {
  if (!t) return [];
  const stolen = t.stolenShare !== undefined ? `; CPU stolen by the hypervisor meanwhile ${percent(t.stolenShare)}` : '';
  return [
    '',
    `Tail at one connection (${t.calls} calls, the server's GC pauses logged meanwhile): the slowest ${t.slowCalls} took ${fmt(t.slowMedianMs, 2)} ms at their median against ${fmt(t.medianMs, 2)} ms for all calls; ${t.slowWithGc} of them overlapped a GC pause, ${fmt(t.gcMsPerSlowCall, 2)} ms of GC per slow call (of the ${t.fastCalls} calls faster than the median, ${t.fastWithGc} overlapped one)${stolen}.`,
  ];
}

function range({ min, max }: { min: number; max: number }): string {
  return min === max ? String(min) : `${min}-${max}`;
}

function orderSignLines(r: Results): string[] {
  const o = r.orderSign;
  if (!o.available) return [`Not available: ${o.reason}.`];
  const connections = o.rows[0]?.runs.map((run) => run.connections) ?? [];
  return [
    `Service \`${o.serviceId}\`, full prefetch, draft MedicationRequests in \`context.draftOrders\`.`,
    '',
    `| draft orders | request | cards | ${connections.map((c) => `c${c} p50 ms | c${c} p99 ms | c${c} req/s`).join(' | ')} |`,
    `|---:|---:|---:|${connections.map(() => '---:|---:|---:').join('|')}|`,
    ...o.rows.map(
      (row) =>
        `| ${row.drafts} | ${kb(row.requestBytes)} | ${row.cards} | ${row.runs.map((run) => `${fmt(run.p50, 2)} | ${fmt(run.p99, 2)} | ${fmt(run.rps, 0)}${flag(run)}`).join(' | ')} |`,
    ),
  ];
}

function ledgerLines(r: Results): string[] {
  const l = r.ledger;
  if (!l) return [];
  return [
    `### 5. The card ledger's cost: patient-view with full prefetch at ${l.connections} connections`,
    '',
    'Off: `LEDGER=off`. On (the default): every card recorded before the answer leaves (group commit) and the snooze step reading the store on each call.' +
      (l.rounds ? ` Median of ${l.rounds} rounds, the servers taking turns; "vs off" compares each round with its own "off".` : ''),
    '',
    '| ledger | p50 ms | p99 ms | req/s | req/s vs off |',
    '|---|---:|---:|---:|---:|',
    ...l.rows.map((row) => `| ${row.mode === 'off' ? 'off' : `on, ${row.mode === 'embedded' ? 'embedded (SQLite)' : 'PostgreSQL'}`} | ${fmt(row.result.p50, 2)} | ${fmt(row.result.p99, 2)} | ${fmt(row.result.rps, 0)}${flag(row.result)} | ${fmt(row.ratioToOff, 2)} |`),
    '',
  ];
}
