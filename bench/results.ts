/** The shape of bench/results.json, and the targets of the benchmark issue judged from it. */
import type { LoadResult } from './load.js';
import type { TailResult } from './tail.js';

/** Mapping + rules cost at one record size (measured by bench/growth.ts). */
export interface GrowthPoint {
  resources: number;
  runs: number;
  /** Fastest of the timed passes. */
  mapMs: number;
  rulesMs: number;
  /** (map + rules) / resources, microseconds. */
  usPerResource: number;
  /** Bytes allocated by one mapping + rules pass. */
  allocatedBytes: number;
  /** Heap still held by the Case and the recommendations after a full GC. */
  retainedBytes: number;
  /** The record itself in JSON, for scale. */
  recordBytes: number;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started and ended (other work on the machine shows here). */
  loadStart: number;
  loadEnd: number;
  /** Share of all CPU time the hypervisor stole from the run (bench/cpu-steal.ts); absent where not reported. */
  stolenShare?: number;
}

export interface FloorRow {
  connections: number;
  service: LoadResult;
  /** The out-of-process floor (bench/floor.ts): plain `node:http`, parse, answer the service's own bytes. */
  floor: LoadResult;
  /** service req/s divided by the out-of-process floor's req/s. */
  throughputRatio: number;
  /** The in-app floor: a route of the same express app, same middleware and body parser, canned answer. */
  inAppFloor?: LoadResult;
  inAppRatio?: number;
  /**
   * The whole hook path with mapping and rules answered from memory (bench/canned-assess-record.ts), and its
   * req/s divided by the floor's: what the rest of the path leaves of the floor.
   */
  domainFromMemory?: LoadResult;
  domainFromMemoryRatio?: number;
  /** Share of CPU time stolen by the hypervisor while this row's loads ran (bench/cpu-steal.ts). */
  stolenShare?: number;
}

/** What one patient-view call allocates in the server, and the collections that follow. */
export interface AllocationResult {
  calls: number;
  bytesPerCall: number;
  scavengesPerCall: number;
  /** Main-thread milliseconds in GC per call. */
  gcMsPerCall: number;
  markSweeps: number;
}

export interface FallbackResult {
  /** FHIR requests per hook call, as counted by the service's reader and by the FHIR server. */
  callsPerHook: { min: number; max: number };
  hitsPerHook: { min: number; max: number };
  /** Most sequential rounds seen in one hook call (1 = every query issued at once). */
  rounds: number;
  /** Median time from the first FHIR request sent to the last answer received, one hook call at a time. */
  fhirWaitMs: number;
  /** The fallback answer carried the same cards as the prefetch answer. */
  sameCards: boolean;
  latency: Array<{ connections: number; prefetch: LoadResult; fallback: LoadResult }>;
}

export type OrderSignResult =
  | { available: false; reason: string }
  | { available: true; serviceId: string; rows: Array<{ drafts: number; requestBytes: number; cards: number; runs: LoadResult[] }> };

export type LedgerMode = 'off' | 'embedded' | 'postgres';

/** Patient-view throughput with the card ledger off and on (bench/ledger.ts). */
export interface LedgerCost {
  connections: number;
  /** Rounds per mode; `result` is the median round's run, `ratioToOff` the median of the rounds' ratios. */
  rounds?: number;
  rows: Array<{ mode: LedgerMode; result: LoadResult; ratioToOff: number }>;
}

/** The ledger may cost at most this share of the patient-view throughput. */
export const LEDGER_MIN_RATIO = 0.9;

export interface Results {
  generatedAt: string;
  machine: Machine;
  settings: { seconds: number; warmupSeconds: number; rounds: number };
  record: { resources: number; requestBytes: number; responseBytes: number; cards: string[]; fhirServerResources: number };
  floorRatio: FloorRow[];
  allocation?: AllocationResult;
  /** The slowest calls at one connection set against the server's GC pauses (bench/tail.ts). */
  tail?: TailResult;
  fallback: FallbackResult;
  growth: GrowthPoint[];
  orderSign: OrderSignResult;
  ledger?: LedgerCost;
  targets: Target[];
}

export interface Target {
  name: string;
  met: boolean;
  detail: string;
}

/** The growth is "linear" when time and allocation per resource at the largest size stay within this of 1,000's. */
export const FLAT_TOLERANCE = 1.5;

/** Service throughput as a share of the out-of-process floor's, at 16 connections. */
export const FLOOR_MIN_RATIO = 0.5;
/** p99 at one connection, milliseconds. */
export const P99_ONE_CLIENT_MS = 5;

/** Growth of time per resource between two record sizes (bigger / smaller). */
function growthBetween(growth: readonly GrowthPoint[], small: number, large: number): { time: number; alloc: number } {
  const a = growth.find((p) => p.resources === small);
  const b = growth.find((p) => p.resources === large);
  if (!a || !b) return { time: NaN, alloc: NaN };
  return { time: b.usPerResource / a.usPerResource, alloc: b.allocatedBytes / b.resources / (a.allocatedBytes / a.resources) };
}

export function judgeTargets(r: Omit<Results, 'targets'>): Target[] {
  const c1 = r.floorRatio.find((row) => row.connections === 1);
  const c16 = r.floorRatio.find((row) => row.connections === 16);
  const mid = growthBetween(r.growth, 100, 10_000);
  const ref = r.growth.find((p) => p.resources === 1000);
  const largest = r.growth[r.growth.length - 1];
  const timeGrowth = ref && largest ? largest.usPerResource / ref.usPerResource : NaN;
  const memGrowth = ref && largest ? largest.allocatedBytes / largest.resources / (ref.allocatedBytes / ref.resources) : NaN;
  return [
    {
      name: `throughput >= ${FLOOR_MIN_RATIO} x out-of-process floor at 16 connections`,
      met: c16 !== undefined && c16.throughputRatio >= FLOOR_MIN_RATIO,
      detail: `service/floor ${r.floorRatio.map((row) => `c${row.connections}: ${row.throughputRatio.toFixed(2)}`).join(', ')}`,
    },
    {
      name: `p99 < ${P99_ONE_CLIENT_MS} ms at one connection`,
      met: c1 !== undefined && c1.service.p99 < P99_ONE_CLIENT_MS,
      detail: c1 ? `service p99 ${c1.service.p99.toFixed(1)} ms; the floor itself ${c1.floor.p99.toFixed(1)} ms` : 'not measured',
    },
    {
      name: 'p99 < 10 ms at concurrency 16',
      met: c16 !== undefined && c16.service.p99 < 10,
      detail: c16 ? `service p99 ${c16.service.p99.toFixed(1)} ms; the floor itself ${c16.floor.p99.toFixed(1)} ms` : 'not measured',
    },
    {
      name: 'one round of parallel FHIR requests',
      met: r.fallback.rounds === 1,
      detail: `${r.fallback.callsPerHook.max} requests per hook call in ${r.fallback.rounds} round(s)`,
    },
    ...(r.ledger ? [ledgerTarget(r.ledger)] : []),
    {
      name: 'cost per resource flat from 100 to 10,000 resources',
      met: mid.time <= FLAT_TOLERANCE && mid.alloc <= FLAT_TOLERANCE,
      detail: `per resource at 10,000 vs 100 resources: time x${mid.time.toFixed(2)}, allocation x${mid.alloc.toFixed(2)} (flat = within x${FLAT_TOLERANCE})`,
    },
    {
      name: 'linear growth (time and memory per resource flat)',
      met: timeGrowth <= FLAT_TOLERANCE && memGrowth <= FLAT_TOLERANCE,
      detail: `per resource at ${largest?.resources ?? '?'} vs 1,000 resources: time x${timeGrowth.toFixed(2)}, allocation x${memGrowth.toFixed(2)} (flat = within x${FLAT_TOLERANCE})`,
    },
  ];
}

function ledgerTarget(l: LedgerCost): Target {
  const on = l.rows.filter((row) => row.mode !== 'off');
  return {
    name: `ledger on >= ${LEDGER_MIN_RATIO} x off at ${l.connections} connections`,
    met: on.every((row) => row.ratioToOff >= LEDGER_MIN_RATIO),
    detail: on.map((row) => `${row.mode}: ${row.ratioToOff.toFixed(2)}`).join(', '),
  };
}
