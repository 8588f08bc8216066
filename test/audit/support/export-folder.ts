import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A throw-away folder laid out as a Bulk Data export writes one: `Type.ndjson` (or `.ndjson.gz`) per type. */
export interface ExportFolder {
  dir: string;
  remove(): void;
}

export function tempDir(prefix: string): ExportFolder {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Resources grouped by type, one JSON line each, as an export server writes them (`perFile` lines a file). */
export function writeExport(resources: readonly { resourceType: string }[], o: { gzip?: boolean; perFile?: number } = {}): ExportFolder {
  const folder = tempDir('rectal-cds-export-');
  const byType = new Map<string, string[]>();
  for (const r of resources) {
    const lines = byType.get(r.resourceType) ?? [];
    lines.push(JSON.stringify(r));
    byType.set(r.resourceType, lines);
  }
  for (const [type, lines] of byType) {
    const per = o.perFile ?? lines.length;
    for (let i = 0, n = 1; i < lines.length; i += per, n++) {
      const body = `${lines.slice(i, i + per).join('\n')}\n`;
      const name = per >= lines.length ? `${type}.ndjson` : `${type}.${n}.ndjson`;
      if (o.gzip) writeFileSync(join(folder.dir, `${name}.gz`), gzipSync(body));
      else writeFileSync(join(folder.dir, name), body);
    }
  }
  return folder;
}
