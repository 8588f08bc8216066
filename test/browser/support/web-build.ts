import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '../../../scripts/build-web.js';

/** Build the browser bundles (the app bundles the service's own mapping and engine) into a fresh directory. */
export async function buildWebForTest(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'rectal-cds-web-'));
  await buildWeb(dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
