import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuditCli } from '../../src/audit/cli.js';
import { parseCliArgs } from '../../src/audit/cli-args.js';
import { EXIT } from '../../src/audit/exit-codes.js';
import { AuditError } from '../../src/audit/errors.js';
import { pgBossRunner } from '../../src/audit/queue/pg-boss-runner.js';
import { startQueueWorker } from '../../src/audit/queue/queue-worker.js';
import { parseWorkerArgs } from '../../src/audit/queue/worker-args.js';
import { noProgress } from '../../src/audit/progress-counter.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { NOW } from '../support/now.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { tempDir, writeExport } from './support/export-folder.js';

/** The command with `--queue`; a task that fails on every attempt fails the run with a queue error (exit code 7), not a hang. */
let database: { url: string; drop(): Promise<void> };
beforeAll(async () => {
  database = await freshPostgresDatabase('audit_queue_fail');
});
afterAll(async () => {
  await database?.drop();
});

test('a job that fails on every retry: the run fails with a queue-failed AuditError naming the task', async () => {
  const worker = await startQueueWorker({ url: database.url, concurrency: 1, pollingIntervalSeconds: 0.5 });
  const runner = await pgBossRunner({ url: database.url, shards: 1, workDir: tmpdir(), policy: { retryLimit: 1, retryDelaySeconds: 1, expireInSeconds: 30 }, pollMs: 100 }, noProgress);
  try {
    // A spill folder that does not exist: the collect attempt cannot make its own folder there.
    const run = runner.run([{ kind: 'collect', files: [], candidates: [], buckets: 1, spillDir: '/nonexistent/rectal-cds-spill', part: 0 }]);
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AuditError);
    expect(error).toMatchObject({ kind: 'queue-failed', message: expect.stringMatching(/^collect task 0 failed after 2 attempt\(s\): .*ENOENT/) });
  } finally {
    await runner.close();
    await worker.stop(1000);
  }
}, 60_000);

test('an unreachable queue database: queue-failed, the URL not echoed', async () => {
  const url = 'postgres://audit:secret-word@127.0.0.1:1/none';
  const error = await pgBossRunner({ url, shards: 1, workDir: tmpdir() }, noProgress).then(() => undefined, (e: unknown) => e);
  expect(error).toMatchObject({ kind: 'queue-failed' });
  expect((error as Error).message).not.toContain('secret-word');
});

test('arguments: --queue takes a postgres URL; the worker needs one', () => {
  expect(parseCliArgs(['--ndjson', 'a', '--out', 'b', '--queue', 'postgres://h/db']).queue).toBe('postgres://h/db');
  expect(() => parseCliArgs(['--ndjson', 'a', '--out', 'b', '--queue', 'http://h'])).toThrow(/--queue must be a postgres:\/\/ URL/);
  expect(parseWorkerArgs(['--queue', 'postgresql://h/db', '--concurrency', '3'])).toEqual({ url: 'postgresql://h/db', concurrency: 3 });
  expect(() => parseWorkerArgs([])).toThrow(/--queue postgres:\/\/\.\.\. is required/);
  expect(() => parseWorkerArgs(['--queue', 'postgres://h/db', '--concurrency', '0'])).toThrow(/--concurrency/);
});

test('the command with --queue and one worker: exit 0, the same summary as in threads', async () => {
  const input = writeExport(allScenarios.slice(0, 12).flatMap((s) => s.record(NOW)), { perFile: 50 });
  const [one, queued] = [tempDir('rectal-cds-out-'), tempDir('rectal-cds-out-')];
  const worker = await startQueueWorker({ url: database.url, concurrency: 2, pollingIntervalSeconds: 0.5 });
  let text = '';
  const err = { write: (s: string) => ((text += s), true) };
  try {
    const common = ['--ndjson', input.dir, '--date', '2026-06-01'];
    expect(await runAuditCli([...common, '--out', one.dir, '--workers', '1'], {}, err)).toBe(EXIT.ok);
    expect(await runAuditCli([...common, '--out', queued.dir, '--workers', '3', '--queue', database.url], {}, err)).toBe(EXIT.ok);
    const [s1, s2] = [one, queued].map((o) => JSON.parse(readFileSync(join(o.dir, 'summary.json'), 'utf8')) as Record<string, unknown>);
    expect(s2?.['workers']).toBe(3);
    expect({ ...s2, workers: 0, durationMs: 0, phaseMs: {} }).toEqual({ ...s1, workers: 0, durationMs: 0, phaseMs: {} });
    expect(text).not.toContain(database.url);
  } finally {
    await worker.stop(1000);
    [input, one, queued].forEach((f) => f.remove());
  }
}, 60_000);
