import type { BulkFile } from './bulk-files.js';
import { InvalidLines, type InvalidLine, parseResource } from './invalid-lines.js';
import { readLines } from './line-stream.js';
import { lineShape } from './line-shape.js';
import { ownerOf } from './owner.js';
import { type ProgressSink, noProgress } from './progress-counter.js';
import { isScopeCandidate, mayBeScopeCandidate } from './scope-candidate.js';

export interface ScanResult {
  /** Patients with a rectal cancer Condition (possible scope), each once. */
  candidates: string[];
  invalid: InvalidLine[];
  unlistedInvalid: number;
  lines: number;
}

/**
 * Pass 1: every Condition line that holds a rectal or rectosigmoid code (or an escape) parsed and classified by
 * the mapping; only the candidates' patient ids are kept. Broken lines are reported whether parsed or not.
 */
export async function scanConditions(files: readonly BulkFile[], rectosigmoidInScope: boolean, progress: ProgressSink = noProgress): Promise<ScanResult> {
  const candidates = new Set<string>();
  const invalid = new InvalidLines();
  let lines = 0;
  for (const file of files) {
    if (file.resourceType !== 'Condition') continue;
    for await (const { text, number } of readLines(file, (bytes) => progress({ bytes }), (line) => invalid.add({ file: file.name, line, reason: 'unreadable file' }))) {
      lines++;
      const shape = lineShape(text);
      if (shape === 'blank') continue;
      if (shape === 'object' && !mayBeScopeCandidate(text)) continue;
      const r = parseResource(text, file, number, invalid);
      if (!r) continue;
      const owner = ownerOf(r);
      if (owner !== undefined && !candidates.has(owner) && isScopeCandidate(r, rectosigmoidInScope)) candidates.add(owner);
    }
    progress({ files: 1 });
  }
  return { candidates: [...candidates], invalid: invalid.listed, unlistedInvalid: invalid.unlisted, lines };
}
