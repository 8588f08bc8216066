import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { spillPath } from '../collect.js';
import { findingsPartPath } from '../evaluate-buckets.js';
import type { ProgressSink } from '../progress-counter.js';
import { type AuditTask, runTask } from '../tasks.js';

/** What one attempt of a task produced: its plain result, and the files it wrote in its own folder. */
export interface AttemptOutput {
  result: unknown;
  /** The attempt's folder, relative to the run's spill folder (undefined when the task writes no file). */
  dir?: string;
  files: string[];
}

/**
 * Runs a task so that a second attempt of it (the first one's worker died, or ran past its expiry and is
 * still going) can never mix its files with the first one's: collect and evaluate write into a folder of
 * this attempt only, and the coordinator moves in the files of the one attempt whose result it counts.
 * Writing the shared spill names directly would let two attempts write the same file at once (truncated
 * halves, or rows twice).
 */
export async function runAttempt(task: AuditTask, progress: ProgressSink): Promise<AttemptOutput> {
  if (task.kind === 'scan') return { result: await runTask(task, progress), files: [] };
  const spillDir = task.kind === 'collect' ? task.spillDir : task.input.spillDir;
  const dir = `.attempt-${randomUUID()}`;
  const own = join(spillDir, dir);
  mkdirSync(own);
  if (task.kind === 'collect') {
    const result = await runTask({ ...task, spillDir: own }, progress);
    return { result, dir, files: readdirSync(own) };
  }
  // Evaluation reads the collected spill files: hard links give this attempt's folder the same files, unchanged.
  const { buckets, parts } = task.input;
  for (const b of buckets) {
    for (let p = 0; p < parts; p++) {
      const path = spillPath(spillDir, b, p);
      if (existsSync(path)) linkSync(path, spillPath(own, b, p));
    }
  }
  const result = await runTask({ ...task, input: { ...task.input, spillDir: own } }, progress);
  const files = buckets.map((b) => findingsPartPath(own, b)).filter((p) => existsSync(p)).map((p) => basename(p));
  return { result, dir, files };
}

/** Coordinator: the counted attempt's files into the run's spill folder (a rename: same filesystem). */
export function adoptAttempt(spillDir: string, out: Pick<AttemptOutput, 'dir' | 'files'>): void {
  if (!out.dir) return;
  const own = join(spillDir, out.dir);
  for (const f of out.files) renameSync(join(own, f), join(spillDir, f));
  rmSync(own, { recursive: true, force: true });
}

export function spillDirOf(task: AuditTask): string | undefined {
  return task.kind === 'collect' ? task.spillDir : task.kind === 'evaluate' ? task.input.spillDir : undefined;
}
