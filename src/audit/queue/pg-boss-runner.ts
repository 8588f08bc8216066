import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type PgBoss from 'pg-boss';
import { AuditError } from '../errors.js';
import type { ProgressSink, ReadProgress } from '../progress-counter.js';
import type { TaskRunner } from '../runner.js';
import type { AuditTask } from '../tasks.js';
import { adoptAttempt, spillDirOf } from './attempt-files.js';
import { AUDIT_QUEUE, type AuditJob, DEFAULT_JOB_POLICY, type JobPolicy, openBoss } from './job-queue.js';

export interface QueueRunnerOptions {
  /** The PostgreSQL of the queue (the learning loop's database serves). */
  url: string;
  /** Tasks a phase is split into: more shards than workers keeps every worker busy. */
  shards: number;
  /** A folder every worker sees by the same path, where PHI may go (inside `--out`): task and result files. */
  workDir: string;
  policy?: Partial<JobPolicy>;
  /** How often the coordinator looks for results (and pg-boss for expired jobs). */
  pollMs?: number;
  maintenanceIntervalSeconds?: number;
}

interface ResultRow {
  task_index: number;
  result_file: string;
  dir: string | null;
  files: string[];
  progress: Partial<ReadProgress>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Tasks as pg-boss jobs of one audit run, worked by `npm run audit:worker` processes anywhere that see the
 * same export and output folders. A job names its task file: the task and its result stay on that
 * filesystem. The coordinator works no job itself: it sends, waits for one stored result per task
 * (audit_task_results, first attempt wins), and fails the run when a job has failed for good.
 */
export async function pgBossRunner(o: QueueRunnerOptions, progress: ProgressSink): Promise<TaskRunner> {
  const policy = { ...DEFAULT_JOB_POLICY, ...o.policy };
  const pollMs = o.pollMs ?? 500;
  const dir = mkdtempSync(join(resolve(o.workDir), '.audit-queue-'));
  let boss: PgBoss;
  try {
    boss = await openBoss(o.url, o.maintenanceIntervalSeconds ?? Math.max(1, Math.min(30, Math.floor(policy.expireInSeconds / 4))));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new AuditError('queue-failed', `cannot open the job queue: ${(e as Error).message}`);
  }
  const db = boss.getDb();
  let batch = 0;
  const runId = randomUUID();
  return {
    threads: o.shards,
    run: async (tasks) => {
      // Each call is its own run id: task indexes restart at 0 for every phase.
      const phase = batch++;
      const id = `${runId}/${phase}`;
      const jobIds: string[] = [];
      for (let index = 0; index < tasks.length; index++) {
        const task = tasks[index] as AuditTask;
        const taskFile = join(dir, `${phase}-${index}.task.json`);
        writeFileSync(taskFile, JSON.stringify(task));
        const data: AuditJob = { runId: id, index, kind: task.kind, taskFile };
        const jobId = await boss.send(AUDIT_QUEUE, data as unknown as object, {
          retryLimit: policy.retryLimit,
          retryDelay: policy.retryDelaySeconds,
          expireInSeconds: policy.expireInSeconds,
        });
        if (!jobId) throw new AuditError('queue-failed', `the job queue did not accept task ${index}`);
        jobIds.push(jobId);
      }
      const results: unknown[] = new Array(tasks.length);
      const done = new Set<number>();
      for (let round = 0; done.size < tasks.length; round++) {
        const { rows } = await db.executeSql('select task_index, result_file, dir, files, progress from audit_task_results where run_id = $1', [id]);
        for (const r of rows as ResultRow[]) {
          if (done.has(r.task_index)) continue;
          done.add(r.task_index);
          results[r.task_index] = JSON.parse(readFileSync(join(dir, r.result_file), 'utf8'));
          const task = tasks[r.task_index] as AuditTask;
          const spillDir = spillDirOf(task);
          if (spillDir) adoptAttempt(spillDir, { dir: r.dir ?? undefined, files: r.files });
          progress(r.progress);
        }
        if (done.size === tasks.length) break;
        // Jobs that failed for good (every retry used): no result will come.
        if (round % 4 === 3) {
          await failIfLost(boss, tasks, jobIds, done).catch(async (e: unknown) => {
            // The rest of the run's jobs would only load the workers: withdrawn.
            await boss.cancel(AUDIT_QUEUE, jobIds.filter((_, i) => !done.has(i))).catch(() => undefined);
            throw e;
          });
        }
        await sleep(pollMs);
      }
      return results;
    },
    close: async () => {
      // Kept until the run ends: a late duplicate attempt finds its task's row and stores nothing.
      await db.executeSql('delete from audit_task_results where run_id like $1', [`${runId}/%`]).catch(() => undefined);
      await boss.stop({ graceful: false, timeout: 1000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function failIfLost(boss: PgBoss, tasks: readonly AuditTask[], jobIds: readonly string[], done: ReadonlySet<number>): Promise<void> {
  for (let i = 0; i < jobIds.length; i++) {
    if (done.has(i)) continue;
    const job = await boss.getJobById(AUDIT_QUEUE, jobIds[i] as string, { includeArchive: true });
    if (job?.state === 'failed' || job?.state === 'cancelled') {
      const output = job.output as { message?: string } | null;
      throw new AuditError(
        'queue-failed',
        `${tasks[i]?.kind} task ${i} failed after ${job.retryCount + 1} attempt(s): ${output?.message ?? 'no message'}`,
      );
    }
  }
}
