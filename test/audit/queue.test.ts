import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Finding } from '../../src/audit/findings.js';
import { auditNdjsonFolder } from '../../src/audit/run-audit.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { projectFile } from '../../src/project-files.js';
import { NOW } from '../support/now.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { type ExportFolder, tempDir, writeExport } from './support/export-folder.js';
import { EXTENDED, readFindings } from './support/run.js';

/**
 * The audit sharded over a pg-boss queue on a real PostgreSQL: three worker processes on loopback, one
 * killed (SIGKILL) while it holds an unfinished job. The report must equal the in-process audit of the same
 * export: the lost job is retried elsewhere and its patients are counted once.
 */
interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

function startWorker(url: string, onLine: (w: WorkerProcess, line: string) => void): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-worker.ts', '--queue', url, '--concurrency', '1'], {
    cwd: projectFile('.'),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const w: WorkerProcess = { child, lines: [], exited: new Promise((r) => child.once('exit', (code) => r(code))) };
  return new Promise((resolve, reject) => {
    let rest = '';
    child.stderr?.on('data', (d: Buffer) => {
      const parts = (rest + d.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        w.lines.push(line);
        if (line.includes('ready')) resolve(w);
        onLine(w, line);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${w.lines.join('\n')}`)));
  });
}

const key = (f: Finding): string =>
  f.kind === 'gap' ? [f.kind, f.patientId, f.ruleId, f.indicator, f.summary, f.firstDetected].join('|') : [f.kind, f.patientId, f.reason, f.firstDetected].join('|');

const folders: ExportFolder[] = [];
let database: { url: string; drop(): Promise<void> };
let client: pg.Client;
let input: ExportFolder;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  database = await freshPostgresDatabase('audit_queue');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  input = writeExport(allScenarios.flatMap((s) => s.record(NOW)), { perFile: 60 });
  folders.push(input);
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  await client?.end();
  await database?.drop();
  folders.forEach((f) => f.remove());
});

test('three queue workers, one killed mid-job: the same report as one thread, no patient counted twice', async () => {
  const reference = tempDir('rectal-cds-audit-ref-');
  const sharded = tempDir('rectal-cds-audit-queue-');
  folders.push(reference, sharded);
  const expected = await auditNdjsonFolder({ ndjsonDir: input.dir, outDir: reference.dir, now: NOW, workers: 1, settings: EXTENDED });

  // The victim: the first worker seen holding a collect or evaluate job it has not stored a result for.
  let killed: { runId: string; index: number; kind: string } | undefined;
  let checking = false;
  const onLine = (w: WorkerProcess, line: string): void => {
    const m = /start (collect|evaluate) (\S+) (\d+)$/.exec(line);
    if (!m || killed || checking) return;
    checking = true;
    // Frozen first, so it cannot finish while the database is asked whether it has.
    w.child.kill('SIGSTOP');
    void client
      .query('select 1 from audit_task_results where run_id = $1 and task_index = $2', [m[2], Number(m[3])])
      .then(({ rowCount }) => {
        if (rowCount === 0 && !killed) {
          killed = { kind: m[1] as string, runId: m[2] as string, index: Number(m[3]) };
          w.child.kill('SIGKILL');
        } else w.child.kill('SIGCONT');
      })
      .finally(() => (checking = false));
  };
  for (let i = 0; i < 3; i++) workers.push(await startWorker(database.url, onLine));

  const result = await auditNdjsonFolder({
    ndjsonDir: input.dir,
    outDir: sharded.dir,
    now: NOW,
    workers: 6,
    settings: EXTENDED,
    queue: { url: database.url, policy: { retryLimit: 3, retryDelaySeconds: 1, expireInSeconds: 3 }, pollMs: 100, maintenanceIntervalSeconds: 1 },
  });

  expect(killed).toBeDefined();
  const victim = killed as { runId: string; index: number; kind: string };
  // The killed worker's job was retried (on another worker) and completed.
  const { rows } = await client.query<{ state: string; retry_count: number }>(
    "select state, retry_count from pgboss.job where data->>'runId' = $1 and (data->>'index')::int = $2",
    [victim.runId, victim.index],
  );
  expect(rows).toEqual([{ state: 'completed', retry_count: expect.any(Number) }]);
  expect(rows[0]?.retry_count).toBeGreaterThanOrEqual(1);

  const same = (s: typeof expected.summary) => ({ ...s, workers: 0, durationMs: 0, phaseMs: {} });
  expect(same(result.summary)).toEqual(same(expected.summary));
  expect(result.summary.patientsAudited).toBe(allScenarios.length);
  // Finding by finding, in report order, and byte for byte: the mapping reads every record in one stable order,
  // so the shard split (which changes the order the lines are read in) changes nothing.
  const findings = readFindings(sharded.dir);
  expect(findings.map(key)).toEqual(readFindings(reference.dir).map(key));
  expect(readFileSync(join(sharded.dir, 'findings.ndjson'), 'utf8')).toBe(readFileSync(join(reference.dir, 'findings.ndjson'), 'utf8'));
  expect(new Set(findings.map(key)).size).toBe(findings.length);
  expect(findings.length).toBeGreaterThan(0);

  // No patient id went into the queue database: jobs name task files, results are files too.
  const stored = await client.query<{ t: string | null }>("select string_agg(data::text || ' ' || coalesce(output::text, ''), ' ') as t from pgboss.job");
  expect(stored.rows[0]?.t).toContain(victim.runId);
  for (const s of allScenarios) expect(stored.rows[0]?.t).not.toContain(s.patientId);

  // The survivors stop on SIGTERM, cleanly.
  const survivors = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  expect(survivors).toHaveLength(2);
  for (const w of survivors) w.child.kill('SIGTERM');
  expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0]);
}, 120_000);
