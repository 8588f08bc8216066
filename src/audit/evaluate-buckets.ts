import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Resource } from 'fhir/r4.js';
import { type AuditSettings, auditPatient } from './evaluate-patient.js';
import { spillPath } from './collect.js';
import { readLines } from './line-stream.js';
import { type Tally, addPatient, emptyTally } from './tally.js';

export interface EvaluateInput {
  buckets: readonly number[];
  /** Spill files of every collecting thread (`p0`..`p{parts-1}`). */
  parts: number;
  spillDir: string;
}

export function findingsPartPath(spillDir: string, bucket: number): string {
  return join(spillDir, `findings.b${bucket}.ndjson`);
}

/** One bucket's records, grouped by patient; the one place a whole record is held (a bucket's worth). */
async function readBucket(input: EvaluateInput, bucket: number): Promise<Map<string, Resource[]>> {
  const records = new Map<string, Resource[]>();
  for (let part = 0; part < input.parts; part++) {
    const path = spillPath(input.spillDir, bucket, part);
    if (!existsSync(path)) continue;
    for await (const { text: row } of readLines({ path, gzip: false })) {
      const tab = row.indexOf('\t');
      if (tab < 0) continue;
      const id = row.slice(0, tab);
      const list = records.get(id) ?? [];
      // Parsed once already in pass 2, so it parses.
      list.push(JSON.parse(row.slice(tab + 1)) as Resource);
      records.set(id, list);
    }
  }
  return records;
}

/**
 * Evaluation: each bucket's patients through the same mapping and rules as the hooks; findings written to a
 * per-bucket file (merged in bucket order, so the report is the same for any number of threads).
 */
export async function evaluateBuckets(input: EvaluateInput, settings: AuditSettings, onPatients: (n: number) => void = () => undefined): Promise<Tally> {
  const tally = emptyTally();
  for (const bucket of input.buckets) {
    const records = await readBucket(input, bucket);
    const out = createWriteStream(findingsPartPath(input.spillDir, bucket));
    const ids = [...records.keys()].sort();
    let since = 0;
    let pending: string[] = [];
    for (const id of ids) {
      const audit = auditPatient(id, records.get(id) ?? [], settings);
      records.delete(id);
      addPatient(tally, audit);
      for (const f of [...audit.gaps, ...audit.dataQuality]) pending.push(`${JSON.stringify(f)}\n`);
      if (pending.length >= 500) {
        const ok = out.write(pending.join(''));
        pending = [];
        if (!ok) await once(out, 'drain');
      }
      if (++since === 200) {
        onPatients(since);
        since = 0;
      }
    }
    onPatients(since);
    if (pending.length > 0) out.write(pending.join(''));
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  return tally;
}
