import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type PgBoss from 'pg-boss';
import type { ReadProgress } from '../progress-counter.js';
import type { AuditTask } from '../tasks.js';
import { runAttempt } from './attempt-files.js';
import { AUDIT_QUEUE, type AuditJob, INSERT_RESULT, openBoss } from './job-queue.js';

export interface QueueWorkerOptions {
  url: string;
  /** Jobs worked at once by this process. */
  concurrency: number;
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
  /** One line a job started or finished (task kind, run id and index only: never a patient id). */
  log?: (line: string) => void;
}

export interface QueueWorker {
  /** Takes no new job, waits for the running ones (up to `timeoutMs`), then fails what is left (it is retried). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Works the audit queue: runs each job's task, writes its result next to the task file and stores the
 * result's name (first attempt wins), then completes the job. A worker that dies holds its job until it
 * expires; pg-boss then retries it on another worker.
 */
export async function startQueueWorker(o: QueueWorkerOptions): Promise<QueueWorker> {
  const boss: PgBoss = await openBoss(o.url, o.maintenanceIntervalSeconds);
  const db = boss.getDb();
  const log = o.log ?? (() => undefined);
  const handler = async ([job]: PgBoss.Job<AuditJob>[]): Promise<void> => {
    if (!job) return;
    const { runId, index, kind, taskFile } = job.data;
    log(`start ${kind} ${runId} ${index}`);
    const task = JSON.parse(readFileSync(taskFile, 'utf8')) as AuditTask;
    const seen: ReadProgress = { bytes: 0, files: 0, patients: 0 };
    const out = await runAttempt(task, (d) => {
      seen.bytes += d.bytes ?? 0;
      seen.files += d.files ?? 0;
      seen.patients += d.patients ?? 0;
    });
    // Written whole before its row exists: the coordinator never reads a partial result.
    const resultFile = `${taskFile.replace(/\.task\.json$/, '')}.${randomUUID()}.result.json`;
    writeFileSync(resultFile, JSON.stringify(out.result));
    await db.executeSql(INSERT_RESULT, [runId, index, basename(resultFile), out.dir ?? null, JSON.stringify(out.files), JSON.stringify(seen)]);
    log(`done ${kind} ${runId} ${index}`);
  };
  const options = { batchSize: 1, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 1 };
  for (let i = 0; i < Math.max(1, o.concurrency); i++) await boss.work<AuditJob>(AUDIT_QUEUE, options, handler);
  return {
    stop: (timeoutMs = 30_000) => boss.stop({ graceful: true, wait: true, timeout: timeoutMs }),
  };
}
