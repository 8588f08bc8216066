/** What the export client is doing, for a progress line or bar; never holds a token or exported data. */
export type ExportProgress =
  | { phase: 'kicked-off'; statusUrl: string }
  | { phase: 'in-progress'; polls: number; progress?: string; waitMs: number }
  | { phase: 'retrying'; what: string; status: number; waitMs: number; retryAfterMs?: number }
  | { phase: 'token-renewed'; what: string }
  | { phase: 'manifest'; files: number; errorFiles: number }
  | { phase: 'downloading'; type: string; file: number; files: number; bytes: number }
  | { phase: 'done'; files: number; bytes: number; resources: number };
