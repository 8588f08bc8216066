/**
 * `npx tsx scripts/bulk-export.ts KICK_OFF_URL OUT_DIR [--client-id ID --private-key FILE [--key-id KID]
 * [--token-url URL] [--scope S]]`: run a FHIR Bulk Data export and download it into OUT_DIR as
 * `<ResourceType>.<n>.ndjson`. Flags override the environment (`BULK_CLIENT_ID`, `BULK_PRIVATE_KEY_FILE`,
 * `BULK_KEY_ID`, `BULK_KEY_ALG`, `BULK_TOKEN_URL`, `BULK_SCOPE`); outbound calls follow the service's policy
 * (`FHIR_ALLOWED_SERVERS`, `FHIR_ALLOW_HTTP`, `CDS_MODE`). Progress goes to stderr; stdout gets a summary
 * (file names and counts, no data). Exit 0 when done, 2 on a usage or configuration error, 3 when the export
 * failed (the reason is printed), 4 when it completed with entries in its error files.
 */
import { parseArgs } from 'node:util';
import { backendAuthSettingsFromEnv, BulkExportError, downloadBulkExport, loadBackendAuth, progressLine, type ExportProgress } from '../src/bulk-export/index.js';
import { ConfigError, loadConfig } from '../src/config/load-config.js';
import { outboundPolicyOf } from '../src/security/outbound.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'client-id': { type: 'string' }, 'private-key': { type: 'string' }, 'key-id': { type: 'string' }, 'token-url': { type: 'string' }, scope: { type: 'string' } },
  });
  const [kickOffUrl, outDir] = positionals;
  if (!kickOffUrl || !outDir || positionals.length !== 2) {
    console.error('usage: bulk-export.ts KICK_OFF_URL OUT_DIR [--client-id ID --private-key FILE ...]');
    return 2;
  }
  const env = backendAuthSettingsFromEnv(process.env);
  let policy;
  try {
    policy = outboundPolicyOf(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const auth = await loadBackendAuth({
      clientId: values['client-id'] ?? env.clientId,
      privateKeyFile: values['private-key'] ?? env.privateKeyFile,
      keyId: values['key-id'] ?? env.keyId,
      alg: env.alg,
      tokenUrl: values['token-url'] ?? env.tokenUrl,
      scope: values.scope ?? env.scope,
    });
    // Download progress comes per chunk: one line per file, and at most one a second within it.
    let shown = { file: 0, at: 0 };
    const onProgress = (e: ExportProgress) => {
      if (e.phase === 'downloading') {
        if (e.file === shown.file && Date.now() - shown.at < 1000) return;
        shown = { file: e.file, at: Date.now() };
      }
      console.error(progressLine(e));
    };
    const result = await downloadBulkExport({ kickOffUrl, outDir, policy, signal: controller.signal, onProgress, ...(auth ? { auth } : {}) });
    const files = result.files.map((f) => ({ type: f.type, path: f.path, resources: f.resources, bytes: f.bytes }));
    console.log(JSON.stringify({ transactionTime: result.transactionTime, files, resources: result.resources, bytes: result.bytes, errors: result.errors.length + result.errorsOmitted }, null, 2));
    for (const issue of result.errors.slice(0, 20)) console.error(`export error: ${issue.severity} ${issue.code}: ${issue.diagnostics ?? ''}`);
    return result.errors.length + result.errorsOmitted > 0 ? 4 : 0;
  } catch (err) {
    if (!(err instanceof BulkExportError)) throw err;
    console.error(`export failed (${err.reason}): ${err.message}`);
    return err.reason === 'auth' && !err.status ? 2 : 3;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
