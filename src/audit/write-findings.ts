import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { csvRow } from './csv.js';
import { findingsPartPath } from './evaluate-buckets.js';
import type { Finding } from './findings.js';
import { readLines } from './line-stream.js';

export const CSV_HEADER = ['kind', 'patient_id', 'rule_id', 'title', 'indicator', 'summary', 'based_on', 'earliest_evidence', 'first_detected', 'reason'];

/** A finding as one CSV row; "based on" as `label: value [date] (Type/id)` items joined by ` | `. */
export function csvOf(f: Finding): string {
  if (f.kind === 'cannot-evaluate') return csvRow([f.kind, f.patientId, '', '', '', f.detail, '', '', f.firstDetected, f.reason]);
  const basedOn = f.basedOn.map((b) => `${b.label}: ${b.value}${b.date ? ` [${b.date}]` : ''}${b.reference ? ` (${b.reference})` : ''}`).join(' | ');
  return csvRow([f.kind, f.patientId, f.ruleId, f.title, f.indicator, f.summary, basedOn, f.earliestEvidence, f.firstDetected, '']);
}

async function put(ws: WriteStream, s: string): Promise<void> {
  if (!ws.write(s)) await once(ws, 'drain');
}

const close = (ws: WriteStream): Promise<void> => new Promise((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(e) : resolve())));

/** The per-bucket findings, in bucket order, into `findings.ndjson` and `findings.csv` (streamed). */
export async function writeFindings(spillDir: string, buckets: number, outDir: string): Promise<number> {
  const ndjson = createWriteStream(join(outDir, 'findings.ndjson'));
  const csv = createWriteStream(join(outDir, 'findings.csv'));
  await put(csv, csvRow(CSV_HEADER));
  let n = 0;
  for (let b = 0; b < buckets; b++) {
    const path = findingsPartPath(spillDir, b);
    if (!existsSync(path)) continue;
    // A bucket's findings file is written whole to findings.ndjson; CSV rows in batches.
    await new Promise<void>((resolve, reject) => createReadStream(path).on('error', reject).on('end', resolve).pipe(ndjson, { end: false }));
    let rows: string[] = [];
    for await (const { text } of readLines({ path, gzip: false })) {
      if (text === '') continue;
      rows.push(csvOf(JSON.parse(text) as Finding));
      n++;
      if (rows.length >= 500) {
        await put(csv, rows.join(''));
        rows = [];
      }
    }
    if (rows.length > 0) await put(csv, rows.join(''));
  }
  await Promise.all([close(ndjson), close(csv)]);
  return n;
}
