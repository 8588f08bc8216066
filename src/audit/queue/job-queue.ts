import PgBoss from 'pg-boss';

/** The pg-boss queue every audit run sends its tasks to; a job names its run, so workers serve any run. */
export const AUDIT_QUEUE = 'rectal-cds-audit';

/**
 * One task of one run, as a job's data. The task itself (a collect task lists the candidates' patient ids)
 * and its result (a scan result too) are files in the run's folder inside `--out`: no patient id is written
 * to the queue database, which, like the learning loop's store, holds pseudonyms at most.
 */
export interface AuditJob {
  runId: string;
  index: number;
  kind: string;
  /** Absolute path of the task's JSON (on the filesystem every worker shares). */
  taskFile: string;
}

/** How the queue treats a job: retries after a failure, and how long a job may run before it counts as lost. */
export interface JobPolicy {
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job active longer than this (its worker died or hangs) fails and is retried. Above the longest task. */
  expireInSeconds: number;
}

export const DEFAULT_JOB_POLICY: JobPolicy = { retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 900 };

/** A pg-boss instance on the given database; `maintenanceIntervalSeconds` bounds how late a dead worker's job is retried. */
export async function openBoss(url: string, maintenanceIntervalSeconds = 30): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, maintenanceIntervalSeconds, max: 4 });
  // An error of the background maintenance is retried by pg-boss; without a listener it would end the process.
  boss.on('error', () => undefined);
  try {
    await boss.start();
    await ensureQueue(boss);
    await boss.getDb().executeSql(CREATE_RESULTS, []);
    return boss;
  } catch (e) {
    await boss.stop({ graceful: false, timeout: 1000 }).catch(() => undefined);
    throw e;
  }
}

/** Coordinator and workers may start together: the second creation attempt finds the queue there. */
async function ensureQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(AUDIT_QUEUE)) return;
  try {
    await boss.createQueue(AUDIT_QUEUE);
  } catch (e) {
    if (!(await boss.getQueue(AUDIT_QUEUE))) throw e;
  }
}

/**
 * One row a task: the first attempt to finish wins (`on conflict do nothing`), so a task run twice (its first
 * worker died after the work, or was slow past its expiry) is counted once. `result_file`: the attempt's
 * result (JSON, next to the task file); `dir`/`files`: its output files the coordinator adopts (attempt-files.ts).
 */
const CREATE_RESULTS = `
  create table if not exists audit_task_results (
    run_id text not null,
    task_index int not null,
    result_file text not null,
    dir text,
    files jsonb not null default '[]',
    progress jsonb not null default '{}',
    finished_at timestamptz not null default now(),
    primary key (run_id, task_index)
  )`;

export const INSERT_RESULT = `
  insert into audit_task_results (run_id, task_index, result_file, dir, files, progress)
  values ($1, $2, $3, $4, $5, $6)
  on conflict (run_id, task_index) do nothing`;
