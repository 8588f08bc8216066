/**
 * One measured run in its own process (so peak RSS is this run's alone): `floor` reads and `JSON.parse`s
 * every line of the export with the audit's own line reader; `audit` runs the population audit. Prints one
 * JSON line with the wall time, the bytes and lines read and `process.resourceUsage().maxRSS` (worker
 * threads included: they share the process).
 */
import { rmSync } from 'node:fs';
import { listBulkFiles } from '../../src/audit/bulk-files.js';
import { readLines } from '../../src/audit/line-stream.js';
import { auditNdjsonFolder } from '../../src/audit/run-audit.js';

const [mode, dir, workers, outDir, workerUrl] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const NOW = new Date('2026-06-01T12:00:00Z');

async function floor(): Promise<Record<string, number>> {
  let lines = 0;
  let parsed = 0;
  for (const file of listBulkFiles(dir)) {
    for await (const { text } of readLines(file)) {
      lines++;
      if (text.length > 0 && JSON.parse(text) !== null) parsed++;
    }
  }
  return { lines, parsed };
}

async function audit(): Promise<Record<string, number>> {
  rmSync(outDir, { recursive: true, force: true });
  const { summary } = await auditNdjsonFolder({
    ndjsonDir: dir,
    outDir,
    now: NOW,
    workers: Number(workers),
    settings: { ruleSet: 'extended', disabledRules: [], rectosigmoidInScope: false },
    ...(workerUrl ? { workerUrl: new URL(workerUrl) } : {}),
  });
  return { lines: summary.input.lines, parsed: summary.input.linesParsed, patients: summary.patientsAudited, inScope: summary.inScope, findings: summary.findings, invalid: summary.input.invalidLines, ...Object.fromEntries(Object.entries(summary.phaseMs).map(([k, v]) => [`${k}Ms`, v])) };
}

const started = process.hrtime.bigint();
const counts = mode === 'floor' ? await floor() : await audit();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const bytes = listBulkFiles(dir).reduce((n, f) => n + f.bytes, 0);
process.stdout.write(`${JSON.stringify({ mode, workers: Number(workers), ms, bytes, maxRssMB: process.resourceUsage().maxRSS / 1024, cpuSeconds: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6, ...counts })}\n`);
