/** The audit CLI's exit codes (README "Population audit"): scripts can tell what failed without reading stderr. */
export const EXIT = {
  ok: 0,
  /** An unexpected failure (a bug). */
  internal: 1,
  badArguments: 2,
  /** The input folder is missing, unreadable or holds no NDJSON file. */
  unreadableInput: 3,
  /** The audit ran, but some lines could not be read: the report is written and lists them. */
  partialInput: 4,
  /** The outputs could not be written. */
  outputFailed: 5,
  /** `--export`: the Bulk Data export failed (refused, unreachable, bad credentials, timed out...). */
  exportFailed: 6,
  /** The job queue (`--queue`) could not be reached, or a task failed on every retry. */
  queueFailed: 7,
} as const;
