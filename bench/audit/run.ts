/**
 * `npm run audit:bench`: synthetic populations (bench/audit/population.ts, cached under node_modules/.cache)
 * audited against a floor that only reads and JSON.parses every line of the same files, in one run, each
 * measurement in its own child process built to plain JavaScript (as bench/build.ts does for the server).
 *
 *   npm run audit:bench                              100k and 1M patients
 *   npm run audit:bench -- --sizes 100000,300000     other sizes
 *   npm run audit:bench -- --rounds 2                best of 2 runs per measurement
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleForNode } from '../build.js';
import { generatePopulation } from './population.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = `${root}node_modules/.cache/rectal-cds-audit-bench`;
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const sizes = (arg('sizes') ?? '100000,1000000').split(',').map(Number);
const rounds = Number(arg('rounds') ?? 1);
const log = (s: string): void => void process.stderr.write(`audit:bench: ${s}\n`);

interface Measured {
  mode: string;
  workers: number;
  scanMs?: number;
  collectMs?: number;
  evaluateMs?: number;
  writeMs?: number;
  ms: number;
  bytes: number;
  maxRssMB: number;
  cpuSeconds?: number;
  lines: number;
  patients?: number;
}

async function measure(entry: string, args: string[]): Promise<Measured> {
  const { stdout } = await run(process.execPath, [entry, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measured;
}

async function main(): Promise<void> {
  await bundleForNode({ measure: `${root}bench/audit/measure.ts`, worker: `${root}src/audit/worker.ts` }, cache);
  const entry = `${cache}/measure.mjs`;
  const workerUrl = pathToFileURL(`${cache}/worker.mjs`).href;
  const rows: Record<string, unknown>[] = [];
  for (const size of sizes) {
    const t = Date.now();
    const pop = generatePopulation(`${cache}/population-${size}`, size, log);
    log(`${size} patients: ${(pop.bytes / 1e6).toFixed(0)} MB, ${pop.lines} lines (${((Date.now() - t) / 1000).toFixed(0)} s to generate or reuse)`);
    const out = `${cache}/out-${size}`;
    const best = new Map<string, Measured>();
    for (let r = 0; r < rounds; r++) {
      for (const [mode, workers] of [['floor', 1], ['audit', 1], ['audit', 2]] as const) {
        const m = await measure(entry, [mode, pop.dir, String(workers), out, workerUrl]);
        log(`${size} ${mode} x${workers}: ${(m.ms / 1000).toFixed(1)} s, peak RSS ${m.maxRssMB.toFixed(0)} MB`);
        const key = `${mode}:${workers}`;
        const prev = best.get(key);
        if (!prev || m.ms < prev.ms) best.set(key, m);
      }
    }
    const floor = best.get('floor:1') as Measured;
    for (const m of best.values()) {
      rows.push({
        patients: size,
        run: m.mode === 'floor' ? 'floor (read + JSON.parse)' : `audit, ${m.workers} worker${m.workers > 1 ? 's' : ''}`,
        seconds: Math.round(m.ms) / 1000,
        patientsPerSecond: Math.round(size / (m.ms / 1000)),
        mbPerSecond: Math.round(pop.bytes / 1e6 / (m.ms / 1000)),
        peakRssMB: Math.round(m.maxRssMB),
        // CPU time of the whole process (all threads): with other load on the machine, wall time can lag it.
        cpuSeconds: Math.round((m.cpuSeconds ?? 0) * 10) / 10,
        vsFloor: Math.round((floor.ms / m.ms) * 100) / 100,
        ...(m.mode === 'audit' ? { phaseSeconds: { scan: (m.scanMs ?? 0) / 1000, collect: (m.collectMs ?? 0) / 1000, evaluate: (m.evaluateMs ?? 0) / 1000, write: (m.writeMs ?? 0) / 1000 } } : {}),
        loadAverage: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
      });
    }
  }
  const table = [
    '| patients | run | s | patients/s | MB/s | peak RSS MB | x floor |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r['patients']} | ${r['run']} | ${r['seconds']} | ${r['patientsPerSecond']} | ${r['mbPerSecond']} | ${r['peakRssMB']} | ${r['vsFloor']} |`),
  ].join('\n');
  process.stdout.write(`${table}\n`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
  // Sizes measured in earlier runs are kept, so that a run of other sizes adds to the file.
  const path = `${root}bench/audit/results.json`;
  const earlier = existsSync(path) ? ((JSON.parse(readFileSync(path, 'utf8')) as { rows?: Record<string, unknown>[] }).rows ?? []) : [];
  const measuredAt = new Date().toISOString();
  const merged: Record<string, unknown>[] = [...earlier.filter((r) => !sizes.includes(r['patients'] as number)), ...rows.map((r) => ({ ...r, measuredAt }))];
  merged.sort((a, b) => (a['patients'] as number) - (b['patients'] as number));
  writeFileSync(path, `${JSON.stringify({ machine, rows: merged }, null, 2)}\n`);
}

await main();
