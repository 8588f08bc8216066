import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { BulkFile } from './bulk-files.js';
import { InvalidLines, type InvalidLine, parseResource } from './invalid-lines.js';
import { lineText, readLineBytes } from './line-stream.js';
import { lineShape } from './line-shape.js';
import { patientsNamedIn } from './line-patients.js';
import { ownerOf } from './owner.js';
import { bucketOf } from './partition.js';
import { type ProgressSink, noProgress } from './progress-counter.js';

export interface CollectInput {
  files: readonly BulkFile[];
  candidates: ReadonlySet<string>;
  buckets: number;
  /** Where the kept lines are spilled (inside the operator's output folder: they are PHI). */
  spillDir: string;
  /** Names this thread's spill files apart from the others'. */
  part: number;
}

export interface CollectStats {
  lines: number;
  /** Lines parsed in full (candidates' lines, and lines the string search was unsure of). */
  parsed: number;
  /** Lines of out-of-scope patients passed over after the string search. */
  skipped: number;
  /** Patient resources read (the population audited). */
  patients: number;
  /** Resources kept for the candidates. */
  kept: number;
  /** Resources that name no patient (not given to any record). */
  unattributed: number;
  invalid: InvalidLine[];
  unlistedInvalid: number;
}

/** Characters of spill rows gathered per bucket before one write (bounded: buckets x this). */
const SPILL_BATCH = 64 * 1024;

export function spillPath(spillDir: string, bucket: number, part: number): string {
  return join(spillDir, `b${bucket}.p${part}.tsv`);
}

/**
 * Pass 2: the candidates' resources out of every file, written to one spill file per bucket of patients
 * (`<patient id>\t<line>`), so no thread ever holds the export, or even all candidates, in memory. Lines
 * whose named patients are all out of scope are never parsed, only checked for shape. A Condition line both
 * passes report is listed once (InvalidLines merges by place).
 */
export async function collectCandidates(input: CollectInput, progress: ProgressSink = noProgress): Promise<CollectStats> {
  const { candidates } = input;
  const report = new InvalidLines();
  const stats = { lines: 0, parsed: 0, skipped: 0, patients: 0, kept: 0, unattributed: 0 };
  const spills = new Map<number, { ws: WriteStream; pending: string[]; size: number }>();
  const spillFor = (b: number) => {
    let sp = spills.get(b);
    if (!sp) {
      sp = { ws: createWriteStream(spillPath(input.spillDir, b, input.part)), pending: [], size: 0 };
      spills.set(b, sp);
    }
    return sp;
  };
  // Rows are written in batches: one write call a line cost more than the string search of all lines.
  const flush = async (sp: { ws: WriteStream; pending: string[]; size: number }): Promise<void> => {
    if (sp.pending.length === 0) return;
    const ok = sp.ws.write(sp.pending.join(''));
    sp.pending = [];
    sp.size = 0;
    if (!ok) await once(sp.ws, 'drain');
  };
  for (const file of input.files) {
    const sink = report;
    let patientsSinceReport = 0;
    for await (const bytes of readLineBytes(file, (n) => progress({ bytes: n }), (line) => report.add({ file: file.name, line, reason: 'unreadable file' }))) {
      stats.lines++;
      const number = bytes.number;
      const text = lineText(bytes);
      const shape = lineShape(text);
      if (shape === 'blank') continue;
      // A string search, about a tenth of what `JSON.parse` costs on the same line.
      const named = file.resourceType === 'Patient' ? undefined : patientsNamedIn(text);
      if (named && !named.some((id) => candidates.has(id))) {
        if (shape === 'broken') sink.add({ file: file.name, line: number, reason: 'truncated or not a JSON object' });
        else stats.skipped++;
        continue;
      }
      stats.parsed++;
      const r = parseResource(text, file, number, sink);
      if (!r) continue;
      if (r.resourceType === 'Patient') {
        stats.patients++;
        if (++patientsSinceReport === 1000) {
          progress({ patients: patientsSinceReport });
          patientsSinceReport = 0;
        }
      }
      const owner = ownerOf(r);
      if (owner === undefined) {
        stats.unattributed++;
        continue;
      }
      if (!candidates.has(owner)) continue;
      stats.kept++;
      const sp = spillFor(bucketOf(owner, input.buckets));
      const row = `${owner}\t${text}\n`;
      sp.pending.push(row);
      sp.size += row.length;
      if (sp.size >= SPILL_BATCH) await flush(sp);
    }
    progress({ files: 1, patients: patientsSinceReport });
  }
  for (const sp of spills.values()) await flush(sp);
  await Promise.all([...spills.values()].map(({ ws }) => new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(e) : resolve())))));
  return { ...stats, invalid: report.listed, unlistedInvalid: report.unlisted };
}
