import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendAuthSettingsFromEnv, BulkExportError, downloadBulkExport, loadBackendAuth, progressLine } from '../bulk-export/index.js';
import type { Config } from '../config/types.js';
import { outboundPolicyOf } from '../security/outbound.js';
import { AuditError } from './errors.js';
import type { ProgressOut } from './progress-display.js';

/** Inside `--out`: the downloaded export is PHI as much as the findings are. */
export const EXPORT_FOLDER = 'export';
/** The export's own error entries (OperationOutcome issues), beside the findings; never read as resources. */
export const EXPORT_ERRORS_FILE = 'export-errors.ndjson';

export interface DownloadedExport {
  dir: string;
  /** Entries of the export's error files: the server could not export some data, so the audit is partial. */
  errors: number;
}

/**
 * `--export URL`: run a Bulk Data export (kick-off, polling, Backend Services token from `BULK_*`, download)
 * into `--out/export/`, under the service's outbound policy (`FHIR_ALLOWED_SERVERS`, `FHIR_ALLOW_HTTP`). The
 * export's error entries are written to `--out/export-errors.ndjson` and counted: data the server could not
 * export makes the audit partial, never silently short. A failed export is an `export-failed` AuditError.
 */
export async function downloadForAudit(kickOffUrl: string, outDir: string, config: Config, env: Record<string, string | undefined>, err: ProgressOut, signal?: AbortSignal): Promise<DownloadedExport> {
  const dir = join(outDir, EXPORT_FOLDER);
  try {
    const auth = await loadBackendAuth(backendAuthSettingsFromEnv(env));
    const result = await downloadBulkExport({
      kickOffUrl,
      outDir: dir,
      policy: outboundPolicyOf(config),
      // One line per step; the per-chunk download events would flood a log.
      onProgress: (e) => {
        if (e.phase !== 'downloading') err.write(`audit: ${progressLine(e)}\n`);
      },
      ...(auth ? { auth } : {}),
      ...(signal ? { signal } : {}),
    });
    const errors = result.errors.length + result.errorsOmitted;
    if (result.errors.length > 0) writeFileSync(join(outDir, EXPORT_ERRORS_FILE), result.errors.map((i) => JSON.stringify(i)).join('\n') + '\n');
    return { dir, errors };
  } catch (e) {
    if (e instanceof BulkExportError) throw new AuditError(e.reason === 'out-dir' ? 'bad-arguments' : 'export-failed', `export failed (${e.reason}): ${e.message}`);
    throw e;
  }
}
