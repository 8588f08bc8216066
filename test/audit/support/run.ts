import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/audit/findings.js';
import { type AuditResult, auditNdjsonFolder } from '../../../src/audit/run-audit.js';
import type { ClinicalConfig } from '../../../src/config/types.js';
import { tempDir } from './export-folder.js';

export const EXTENDED: ClinicalConfig = { ruleSet: 'extended', disabledRules: [], rectosigmoidInScope: false };

export interface AuditRun extends AuditResult {
  outDir: string;
  findings: Finding[];
  remove(): void;
}

/** The audit of an export folder in this thread, its findings read back from `findings.ndjson`. */
export async function auditFolder(dir: string, now: Date, o: { workers?: number; settings?: ClinicalConfig } = {}): Promise<AuditRun> {
  const out = tempDir('rectal-cds-audit-out-');
  const result = await auditNdjsonFolder({ ndjsonDir: dir, outDir: out.dir, now, workers: o.workers ?? 1, settings: o.settings ?? EXTENDED });
  return { ...result, outDir: out.dir, findings: readFindings(out.dir), remove: out.remove };
}

export function readFindings(outDir: string): Finding[] {
  return readFileSync(join(outDir, 'findings.ndjson'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Finding);
}

/** Distinct rule ids of each patient's gap findings, sorted. */
export function rulesByPatient(findings: readonly Finding[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const f of findings) if (f.kind === 'gap') (out.get(f.patientId) ?? out.set(f.patientId, new Set()).get(f.patientId)!).add(f.ruleId);
  return new Map([...out].map(([id, s]) => [id, [...s].sort()]));
}
