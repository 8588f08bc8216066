import type { BiomarkerResult, Biomarkers, Fact, Gene, GeneFinding, Her2Status, MsiStatus, Provenance } from '../domain/case.js';
import { type GeneResult, geneResultsOf } from './biomarker-results.js';
import { SYSTEM } from './codes.js';
import { findCoding, matchedOf } from './coding.js';
import { byDateDesc, effectiveTime, newest, onsetOrRecorded } from './dates.js';
import { her2ResultOf } from './her2-results.js';
import { type ProteinResult, msiResultOf, proteinResultsOf } from './mmr-results.js';
import { MMR_PROTEINS, SNOMED_MSI_H_COLORECTAL, mayBePathologyResult } from './pathology-codes.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { conditionStanding, isObservationValid } from './validity.js';

/**
 * KRAS / NRAS / BRAF / ERBB2, MSI and HER2 from valid Observations only. Conflict rule (decision table,
 * "Resolution rules"): any valid mutant (MSI-H, HER2-amplified) result outranks a wild-type one whatever the
 * dates, and the finding says which result was used; otherwise the newest valid result wins. MMR by
 * per-protein IHC: a lost protein is dMMR (MSI-H); all four intact is pMMR (MSS); fewer than four intact and
 * none lost says nothing. A microsatellite-unstable colorectal cancer Condition (SNOMED 737058005) is MSI-H.
 */

interface Dated<T> {
  value: T;
  source: Provenance;
}

/** The outranking result if any, else the newest; `results` newest first (undated last). */
function decide<T>(results: Dated<T>[], outranks: (t: T) => boolean): { used?: Dated<T>; sorted: Dated<T>[]; conflict: boolean } {
  const sorted = byDateDesc(results, (r) => r.source.date);
  const abnormal = sorted.filter((r) => outranks(r.value));
  const used = abnormal[0] ?? sorted[0];
  return { ...(used ? { used } : {}), sorted, conflict: abnormal.length > 0 && abnormal.length < sorted.length };
}

function geneFinding(gene: Gene, results: Dated<GeneResult>[]): GeneFinding & { v600e: boolean } {
  const { used, sorted, conflict } = decide(results, (r) => r.status === 'mutant');
  const toResult = (r: Dated<GeneResult>): BiomarkerResult => ({
    status: r.value.status,
    ...(r.value.variant !== undefined ? { variant: r.value.variant } : {}),
    ...(r.value.exon2Only ? { exon2Only: true } : {}),
    source: r.source,
  });
  const mapped = sorted.map(toResult);
  return {
    gene,
    status: used ? used.value.status : 'unknown',
    ...(used ? { used: mapped[sorted.indexOf(used)] as BiomarkerResult } : {}),
    results: mapped,
    conflict,
    v600e: sorted.some((r) => r.value.status === 'mutant' && r.value.v600e === true),
  };
}

/** dMMR from each lost protein; pMMR (one result: the newest intact one) when all four proteins are intact. */
function mmrFromProteins(proteins: readonly Dated<ProteinResult>[]): Dated<'MSI-H' | 'MSS'>[] {
  const lost = proteins.filter((p) => p.value.status === 'loss');
  if (lost.length > 0) return lost.map((p) => ({ value: 'MSI-H', source: p.source }));
  const intact = proteins.filter((p) => p.value.status === 'intact');
  if (!MMR_PROTEINS.every((protein) => intact.some((p) => p.value.protein === protein))) return [];
  const last = newest(intact, (p) => p.source.date);
  return last ? [{ value: 'MSS', source: last.source }] : [];
}

export function mapBiomarkers(input: RecordInput): Biomarkers {
  const record = asRecord(input);
  const genes: Record<Gene, Dated<GeneResult>[]> = { KRAS: [], NRAS: [], BRAF: [], ERBB2: [] };
  const msi: Dated<'MSI-H' | 'MSS'>[] = [];
  const her2: Dated<boolean>[] = [];

  const proteins: Dated<ProteinResult>[] = [];

  for (const o of allObservations(record)) {
    if (!isObservationValid(o)) continue;
    const date = effectiveTime(o);
    for (const r of geneResultsOf(o)) genes[r.gene].push({ value: r, source: provenanceOf(record, o, date, r.matched) });
    if (!mayBePathologyResult(o)) continue;
    const m = msiResultOf(o);
    if (m) msi.push({ value: m.status, source: provenanceOf(record, o, date, m.matched) });
    for (const p of proteinResultsOf(o)) proteins.push({ value: p, source: provenanceOf(record, o, date, p.matched) });
    const h = her2ResultOf(o);
    if (h) her2.push({ value: h.amplified, source: provenanceOf(record, o, date, h.matched) });
  }
  msi.push(...mmrFromProteins(proteins));
  for (const c of record.ofType('Condition')) {
    const coding = findCoding(c.code, SYSTEM.snomed, [SNOMED_MSI_H_COLORECTAL]);
    if (coding && conditionStanding(c) !== 'invalid') msi.push({ value: 'MSI-H', source: provenanceOf(record, c, onsetOrRecorded(c), matchedOf(coding)) });
  }

  const { v600e: _k, ...kras } = geneFinding('KRAS', genes.KRAS);
  const { v600e: _n, ...nras } = geneFinding('NRAS', genes.NRAS);
  // ERBB2 variant results (genes.ERBB2) have no slot in the Case: HER2 status comes from amplification tests only.
  const braf = geneFinding('BRAF', genes.BRAF);

  const msiDecision = decide(msi, (s) => s === 'MSI-H');
  const msiStatus: MsiStatus = msiDecision.used?.value ?? 'unknown';
  const msiUsed: Fact<'MSI-H' | 'MSS'> | undefined = msiDecision.used;

  const her2Decision = decide(her2, (a) => a);
  const her2Status: Her2Status = her2Decision.used === undefined ? 'unknown' : her2Decision.used.value ? 'amplified' : 'not-amplified';

  return {
    kras,
    nras,
    braf,
    her2: { status: her2Status, ...(her2Decision.used ? { used: her2Decision.used.source } : {}) },
    msi: { status: msiStatus, ...(msiUsed ? { used: msiUsed } : {}), conflict: msiDecision.conflict },
  };
}
