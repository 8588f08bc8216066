/** What the export client is doing, for a progress line or bar; never holds a token or exported data. */
export type ExportProgress =
  | { phase: 'kicked-off'; statusUrl: string }
  | { phase: 'in-progress'; polls: number; progress?: string; waitMs: number }
  | { phase: 'retrying'; what: string; status: number; waitMs: number; retryAfterMs?: number }
  | { phase: 'token-renewed'; what: string }
  | { phase: 'manifest'; files: number; errorFiles: number }
  | { phase: 'downloading'; type: string; file: number; files: number; bytes: number }
  | { phase: 'done'; files: number; bytes: number; resources: number };

/** One line of plain progress text for an event (the export CLI and the audit's `--export` print these). */
export function progressLine(e: ExportProgress): string {
  switch (e.phase) {
    case 'kicked-off':
      return 'export started';
    case 'in-progress':
      return `in progress${e.progress ? `: ${e.progress}` : ''} (next poll in ${Math.round(e.waitMs / 1000)} s)`;
    case 'retrying':
      return `${e.what}: ${e.status === 0 ? 'no answer' : `HTTP ${e.status}`}, retrying in ${Math.round(e.waitMs / 1000)} s`;
    case 'token-renewed':
      return 'access token renewed';
    case 'manifest':
      return `export complete: ${e.files} files, ${e.errorFiles} error files`;
    case 'downloading':
      return `downloading file ${e.file}/${e.files} (${e.type}), ${(e.bytes / 1e6).toFixed(1)} MB so far`;
    case 'done':
      return `downloaded ${e.files} files, ${e.resources} resources, ${(e.bytes / 1e6).toFixed(1)} MB`;
  }
}
