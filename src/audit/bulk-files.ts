import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AuditError } from './errors.js';

/** One output file of a Bulk Data export. */
export interface BulkFile {
  path: string;
  /** File name, as reported with invalid lines (never a patient id). */
  name: string;
  resourceType: string;
  gzip: boolean;
  bytes: number;
}

/** `Condition.ndjson`, `Condition.1.ndjson`, `Observation.000.ndjson.gz`: the resource type, then anything. */
const BULK_NAME = /^([A-Z][A-Za-z]+)(?:\.[^.]+)*?\.ndjson(\.gz)?$/;

/** The NDJSON files of an export folder, in name order (other files are ignored). */
export function listBulkFiles(dir: string): BulkFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new AuditError('unreadable-input', `cannot read the input folder: ${(e as Error).message}`);
  }
  const files: BulkFile[] = [];
  for (const name of names.sort()) {
    const m = BULK_NAME.exec(name);
    if (!m?.[1]) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (!st.isFile()) continue;
    files.push({ path, name, resourceType: m[1], gzip: m[2] !== undefined, bytes: st.size });
  }
  if (files.length === 0) throw new AuditError('unreadable-input', `no NDJSON file (Type.ndjson or Type.ndjson.gz) in the input folder`);
  return files;
}
