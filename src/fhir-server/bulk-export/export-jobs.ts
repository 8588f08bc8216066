import { randomUUID } from 'node:crypto';
import type { OperationOutcome, Resource } from 'fhir/r4.js';
import type { ExportSelection } from './export-selection.js';

/** One output or error file of a finished export, kept as NDJSON text (the embedded server is in memory). */
export interface ExportFile {
  type: string;
  name: string;
  body: string;
  count: number;
}

export interface ExportJob {
  id: string;
  /** The kick-off URL as the client called it (the manifest's `request`). */
  requestUrl: string;
  transactionTime: string;
  requiresAccessToken: boolean;
  /** Not answered as complete before this time (ms): lets a client see the polling path on a tiny export. */
  readyAt: number;
  createdAt: number;
  files: Map<string, ExportFile>;
  output: ExportFile[];
  errors: ExportFile[];
  /** Types still to be written; the export is complete when none is left. */
  pending: number;
  totalTypes: number;
}

export interface ExportJobsOptions {
  /** Resources per output file; a type with more is split over several files. */
  maxResourcesPerFile: number;
  /** Hold every export back as "in progress" for at least this long (ms); 0 in normal use. */
  minProcessingMs: number;
  /** Exports kept at once (running or waiting to be downloaded); one more is refused with 429. */
  maxJobs: number;
  /** A finished export is forgotten this long after kick-off (its files with it). */
  retainMs: number;
  now: () => number;
}

export const defaultExportJobsOptions: ExportJobsOptions = {
  maxResourcesPerFile: 10_000,
  minProcessingMs: 0,
  maxJobs: 16,
  retainMs: 60 * 60_000,
  now: Date.now,
};

const ndjson = (resources: readonly Resource[]): string => resources.map((r) => `${JSON.stringify(r)}\n`).join('');

/**
 * The exports of one embedded server. The selection is taken at kick-off (so `transactionTime` is true), then
 * written to NDJSON one resource type per turn of the event loop, so status polls are answered meanwhile.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();
  constructor(private readonly options: ExportJobsOptions = defaultExportJobsOptions) {}

  /** Start an export; `undefined` when the server already holds `maxJobs` exports. */
  start(selection: ExportSelection, requestUrl: string, requiresAccessToken: boolean): ExportJob | undefined {
    this.forgetExpired();
    if (this.jobs.size >= this.options.maxJobs) return undefined;
    const now = this.options.now();
    const job: ExportJob = {
      id: randomUUID(),
      requestUrl,
      transactionTime: new Date(now).toISOString(),
      requiresAccessToken,
      readyAt: now + this.options.minProcessingMs,
      createdAt: now,
      files: new Map(),
      output: [],
      errors: [],
      pending: selection.byType.size,
      totalTypes: selection.byType.size,
    };
    this.jobs.set(job.id, job);
    if (selection.problems.length > 0) this.add(job, job.errors, 'OperationOutcome', selection.problems, 'error');
    const types = [...selection.byType.entries()].sort(([a], [b]) => a.localeCompare(b));
    const writeNext = (): void => {
      const next = types.shift();
      if (!next || !this.jobs.has(job.id)) return;
      const [type, resources] = next;
      for (let i = 0; i < resources.length; i += this.options.maxResourcesPerFile) {
        this.add(job, job.output, type, resources.slice(i, i + this.options.maxResourcesPerFile), 'output');
      }
      job.pending -= 1;
      setImmediate(writeNext);
    };
    setImmediate(writeNext);
    return job;
  }

  private add(job: ExportJob, list: ExportFile[], type: string, resources: readonly Resource[] | readonly OperationOutcome[], kind: 'output' | 'error'): void {
    const n = list.filter((f) => f.type === type).length + 1;
    const file: ExportFile = { type, name: `${kind}-${type}-${n}.ndjson`, body: ndjson(resources as Resource[]), count: resources.length };
    list.push(file);
    job.files.set(file.name, file);
  }

  get(id: string): ExportJob | undefined {
    this.forgetExpired();
    return this.jobs.get(id);
  }

  isComplete(job: ExportJob): boolean {
    return job.pending === 0 && this.options.now() >= job.readyAt;
  }

  /** Cancel a running export or delete a finished one: its files go with it. */
  delete(id: string): boolean {
    return this.jobs.delete(id);
  }

  private forgetExpired(): void {
    const cutoff = this.options.now() - this.options.retainMs;
    for (const [id, job] of this.jobs) if (job.createdAt < cutoff) this.jobs.delete(id);
  }
}

/** The complete-status body: where each file is and whether the token must go with it. */
export function manifestOf(job: ExportJob, fileUrl: (name: string) => string): Record<string, unknown> {
  return {
    transactionTime: job.transactionTime,
    request: job.requestUrl,
    requiresAccessToken: job.requiresAccessToken,
    output: job.output.map((f) => ({ type: f.type, url: fileUrl(f.name), count: f.count })),
    error: job.errors.map((f) => ({ type: f.type, url: fileUrl(f.name), count: f.count })),
  };
}
