import { Worker } from 'node:worker_threads';
import { AuditError, type AuditErrorKind } from './errors.js';
import type { ProgressSink } from './progress-counter.js';
import { type AuditTask, runTask } from './tasks.js';

/** Runs tasks in this thread (one worker) or over a pool of worker threads. */
export interface TaskRunner {
  readonly threads: number;
  run(tasks: readonly AuditTask[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export function inProcessRunner(progress: ProgressSink): TaskRunner {
  return {
    threads: 1,
    run: async (tasks) => {
      const out: unknown[] = [];
      for (const t of tasks) out.push(await runTask(t, progress));
      return out;
    },
    close: async () => undefined,
  };
}

/** The worker entry next to this module: the TypeScript file under tsx, the built `.js` file otherwise. */
export function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 64 };

/** A TypeScript entry loads through tsx's loader, registered in the new thread first (a loader does not carry over). */
function startWorker(url: URL): Worker {
  // A larger young generation than the default: mapping a record allocates many short-lived objects.
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { resourceLimits: YOUNG_GENERATION });
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits: YOUNG_GENERATION });
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** Worker threads that take the next queued task when they finish one; a failed task fails the run. */
export function workerPoolRunner(threads: number, progress: ProgressSink, workerUrl: URL = defaultWorkerUrl()): TaskRunner {
  const workers = Array.from({ length: threads }, () => startWorker(workerUrl));
  const pending = new Map<number, Pending>();
  let nextId = 0;
  for (const w of workers) {
    w.on('message', (m: { type: string; id?: number; delta?: Parameters<ProgressSink>[0]; result?: unknown; message?: string; kind?: AuditErrorKind }) => {
      if (m.type === 'progress' && m.delta) return progress(m.delta);
      const p = pending.get(m.id as number);
      if (!p) return;
      pending.delete(m.id as number);
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(m.kind ? new AuditError(m.kind, m.message ?? '') : new Error(m.message ?? 'worker task failed'));
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  const runOn = (w: Worker, task: AuditTask): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.postMessage({ id, task });
    });
  return {
    threads,
    run: async (tasks) => {
      const results: unknown[] = new Array(tasks.length);
      let next = 0;
      await Promise.all(
        workers.map(async (w) => {
          while (next < tasks.length) {
            const i = next++;
            results[i] = await runOn(w, tasks[i] as AuditTask);
          }
        }),
      );
      return results;
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
