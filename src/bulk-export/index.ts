/** FHIR Bulk Data export client: download an export to a folder of NDJSON files (see download-export.ts). */
export { downloadBulkExport, type DownloadBulkExportOptions, type ExportResult, type ExportedFile } from './download-export.js';
export type { BackendAuth } from './backend-auth.js';
export { backendAuthSettingsFromEnv, loadBackendAuth, type BackendAuthSettings } from './client-credentials.js';
export { BulkExportError, type BulkExportFailure } from './errors.js';
export { progressLine, type ExportProgress } from './progress.js';
