/**
 * Growth: mapping + rules time and memory against the size of the record, in a child process of its own
 * started with --expose-gc (bench/run.ts forks it). No HTTP: this is the service's own cost per resource.
 * Memory is counted with V8's GC profiler: bytes allocated = heap growth + everything collected meanwhile.
 */
import v8 from 'node:v8';
import type { Resource } from 'fhir/r4.js';
import { evaluate } from '../src/engine/evaluate.js';
import { allRules } from '../src/engine/rules/index.js';
import { mapCase } from '../src/fhir-mapping/map-case.js';
import { GROWTH_PATIENT_ID, growthRecord } from './records.js';
import type { GrowthPoint } from './results.js';

const gc = (globalThis as { gc?: () => void }).gc;
const now = new Date('2026-06-01T12:00:00Z');
const evaluation = { hook: 'patient-view' as const, ruleSet: 'extended' as const, disabledRules: new Set<string>(), now };

function pass(resources: Resource[]): { mapMs: number; rulesMs: number; result: unknown } {
  const t0 = performance.now();
  const c = mapCase(resources, { patientId: GROWTH_PATIENT_ID, now, rectosigmoidInScope: false });
  const t1 = performance.now();
  const recs = evaluate(allRules, c, evaluation);
  const t2 = performance.now();
  return { mapMs: t1 - t0, rulesMs: t2 - t1, result: [c, recs] };
}

function measure(size: number, budgetMs: number): GrowthPoint {
  const json = JSON.stringify(growthRecord(now, size));
  // Parsed afresh, as the HTTP layer hands it over (no objects shared between resources).
  const resources = JSON.parse(json) as Resource[];
  const started = performance.now();
  for (let i = 0; i < 3 || performance.now() - started < budgetMs / 4; i++) pass(resources); // warm-up
  const maps: number[] = [];
  const rules: number[] = [];
  const timing = performance.now();
  while (maps.length < 5 || performance.now() - timing < budgetMs) {
    const { mapMs, rulesMs } = pass(resources);
    maps.push(mapMs);
    rules.push(rulesMs);
  }
  const { allocatedBytes, retainedBytes } = memory(resources);
  // The fastest pass: on a shared machine other work only ever slows a pass down.
  const mapMs = Math.min(...maps);
  const rulesMs = Math.min(...rules);
  return {
    resources: size,
    runs: maps.length,
    mapMs,
    rulesMs,
    usPerResource: ((mapMs + rulesMs) * 1000) / size,
    allocatedBytes,
    retainedBytes,
    recordBytes: Buffer.byteLength(json),
  };
}

/** Holds a pass's result across the GC that measures what it retains. */
let kept: unknown;

function memory(resources: Resource[]): { allocatedBytes: number; retainedBytes: number } {
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const profiler = new v8.GCProfiler();
  profiler.start();
  kept = pass(resources).result;
  const end = process.memoryUsage().heapUsed;
  const collected = (profiler.stop()?.statistics ?? []).reduce(
    (sum, s) => sum + Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize),
    0,
  );
  gc();
  // Clamped: for small results the heap can end a little below where it started (other garbage went too).
  const retainedBytes = Math.max(0, process.memoryUsage().heapUsed - before);
  kept = undefined;
  return { allocatedBytes: end - before + collected, retainedBytes };
}

const sizes = (process.argv[2] ?? '10,100,1000,10000,50000').split(',').map(Number);
const budgetMs = Number(process.argv[3] ?? 1500);
const points: GrowthPoint[] = [];
for (const size of sizes) points.push(measure(size, budgetMs));
process.send?.(points, () => process.disconnect());
