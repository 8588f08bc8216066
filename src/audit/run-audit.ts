import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClinicalConfig } from '../config/types.js';
import { liveRuleSettings } from '../learning/shadow-rules.js';
import { listBulkFiles } from './bulk-files.js';
import type { CollectStats } from './collect.js';
import { AuditError } from './errors.js';
import { InvalidLines } from './invalid-lines.js';
import { type QueueRunnerOptions, pgBossRunner } from './queue/pg-boss-runner.js';
import type { ProgressSink, ReadProgress } from './progress-counter.js';
import { renderReport } from './report-html.js';
import { type TaskRunner, inProcessRunner, workerPoolRunner } from './runner.js';
import type { ScanResult } from './scan-conditions.js';
import { splitFiles } from './split-files.js';
import { type AuditSummary, summarise } from './summary.js';
import { type Tally, mergeTallies } from './tally.js';
import type { AuditTask, TaskSettings } from './tasks.js';
import { writeFindings } from './write-findings.js';

export interface AuditOptions {
  /** A Bulk Data export folder: `Type[.n].ndjson[.gz]` files. */
  ndjsonDir: string;
  /** Where the outputs (PHI) go; created if missing. Nothing is written anywhere else. */
  outDir: string;
  /** The audit date: the rules' `now`. */
  now: Date;
  /** Threads: 1 runs in this thread, more use worker threads. */
  workers: number;
  settings: ClinicalConfig & { shadowRules?: string[] };
  /** Progress of the reading and the evaluation (counts only). */
  onProgress?: (p: AuditProgress) => void;
  /** The worker entry (a built bundle passes its own). */
  workerUrl?: URL;
  /** Tasks go to a pg-boss job queue, worked by `npm run audit:worker` processes; `workers` is then the shards a phase. */
  queue?: Omit<QueueRunnerOptions, 'shards' | 'workDir'>;
}

export interface AuditProgress extends ReadProgress {
  phase: 'scan' | 'collect' | 'evaluate';
  totalBytes: number;
  totalFiles: number;
  /** Evaluation: candidates to evaluate. */
  totalPatients: number;
}

export interface AuditResult {
  summary: AuditSummary;
  /** True when some lines could not be read (the outputs list them). */
  partial: boolean;
}

/** Patients per evaluation bucket: bounds the records held in memory at once. */
const BUCKET_PATIENTS = 200;
/** Never fewer buckets, whatever the thread count: the bucket order (the findings' order) is the same for any `--workers`. */
const MIN_BUCKETS = 16;

/**
 * Audit a Bulk Data NDJSON export: pass 1 finds the patients with a rectal cancer Condition, pass 2 gathers
 * their resources (spilled to disk by bucket), then each bucket's patients run through the hooks' mapping and
 * rules. Memory holds one bucket of records, not the export. Outputs: findings.ndjson, findings.csv,
 * summary.json, report.html in `outDir`.
 */
/** A write to the output folder: its failure is an `output-failed` AuditError (exit code 5). */
function outputStep<T>(write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw new AuditError('output-failed', `cannot write the outputs: ${(e as Error).message}`);
  }
}

export async function auditNdjsonFolder(options: AuditOptions): Promise<AuditResult> {
  const started = Date.now();
  // Queue workers may run in other folders (or on other machines mounting the same paths): absolute paths only.
  const o = options.queue ? { ...options, ndjsonDir: resolve(options.ndjsonDir), outDir: resolve(options.outDir) } : options;
  const files = listBulkFiles(o.ndjsonDir);
  outputStep(() => mkdirSync(o.outDir, { recursive: true }));
  const conditionFiles = files.filter((f) => f.resourceType === 'Condition');
  const allBytes = files.reduce((n, f) => n + f.bytes, 0);
  const state: AuditProgress = {
    phase: 'scan',
    bytes: 0,
    files: 0,
    patients: 0,
    totalBytes: allBytes + conditionFiles.reduce((n, f) => n + f.bytes, 0),
    totalFiles: files.length + conditionFiles.length,
    totalPatients: 0,
  };
  const sink: ProgressSink = (d) => {
    state.bytes += d.bytes ?? 0;
    state.files += d.files ?? 0;
    state.patients += d.patients ?? 0;
    o.onProgress?.(state);
  };
  const threads = Math.max(1, Math.floor(o.workers));
  const runner: TaskRunner = o.queue
    ? await pgBossRunner({ ...o.queue, shards: threads, workDir: o.outDir }, sink)
    : threads === 1
      ? inProcessRunner(sink)
      : workerPoolRunner(threads, sink, o.workerUrl);
  // Spilled records are PHI: they stay inside the operator's output folder and are removed at the end.
  const spillDir = outputStep(() => mkdtempSync(join(o.outDir, '.audit-work-')));
  try {
    const live = { ...o.settings, ...liveRuleSettings(o.settings) };
    const phaseMs: Record<string, number> = {};
    let mark = Date.now();
    const lap = (name: string): void => {
      phaseMs[name] = Date.now() - mark;
      mark = Date.now();
    };
    const scans = (await runner.run(
      splitFiles(conditionFiles, threads).filter((g) => g.length > 0).map((g): AuditTask => ({ kind: 'scan', files: g, rectosigmoidInScope: live.rectosigmoidInScope })),
    )) as ScanResult[];
    const candidates = [...new Set(scans.flatMap((s) => s.candidates))];
    const buckets = Math.max(MIN_BUCKETS, Math.ceil(candidates.length / BUCKET_PATIENTS));

    lap('scan');
    state.phase = 'collect';
    state.patients = 0;
    const groups = splitFiles(files, threads);
    const collected = (await runner.run(groups.map((g, part): AuditTask => ({ kind: 'collect', files: g, candidates, buckets, spillDir, part })))) as CollectStats[];

    lap('collect');
    state.phase = 'evaluate';
    state.patients = 0;
    state.totalPatients = candidates.length;
    const settings: TaskSettings = { now: o.now.toISOString(), ruleSet: live.ruleSet, disabledRules: live.disabledRules, rectosigmoidInScope: live.rectosigmoidInScope };
    const perThread = Array.from({ length: threads }, (_, t) => Array.from({ length: buckets }, (_, b) => b).filter((b) => b % threads === t));
    const tallies = (await runner.run(
      perThread.filter((bs) => bs.length > 0).map((bs): AuditTask => ({ kind: 'evaluate', input: { buckets: bs, parts: groups.length, spillDir }, settings })),
    )) as Tally[];

    lap('evaluate');
    const invalid = new InvalidLines();
    for (const r of [...scans, ...collected]) invalid.addAll(r.invalid, r.unlistedInvalid);
    const findings = await writeFindings(spillDir, buckets, o.outDir).catch((e: Error) => outputStep(() => {
      throw e;
    }));
    lap('write');
    const sum = (k: 'lines' | 'parsed' | 'skipped' | 'patients' | 'unattributed'): number => collected.reduce((n, c) => n + c[k], 0);
    const summary = summarise(mergeTallies(tallies), {
      auditDate: o.now.toISOString().slice(0, 10),
      ruleSet: live.ruleSet,
      rectosigmoidInScope: live.rectosigmoidInScope,
      input: {
        files: files.length,
        bytes: allBytes,
        lines: sum('lines'),
        linesParsed: sum('parsed'),
        linesSkippedUnparsed: sum('skipped'),
        invalidLines: invalid.count,
        invalid: invalid.listed,
        unattributedResources: sum('unattributed'),
      },
      patientsAudited: sum('patients'),
      findings,
      workers: threads,
      durationMs: Date.now() - started,
      phaseMs,
    });
    outputStep(() => {
      writeFileSync(join(o.outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
      writeFileSync(join(o.outDir, 'report.html'), renderReport(summary));
    });
    return { summary, partial: summary.input.invalidLines > 0 };
  } finally {
    await runner.close();
    rmSync(spillDir, { recursive: true, force: true });
  }
}
