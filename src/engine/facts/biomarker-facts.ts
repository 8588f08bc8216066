import type { BasedOn } from '../types.js';
import type { FactBase, FactDefs, MissingTest } from './fact-types.js';
import { geneBasis, her2Basis, msiBasis } from './wording.js';

/**
 * Biomarkers as the rule set reads them. RAS means KRAS in seed-only mode; in extended mode (RC-E1) KRAS and
 * NRAS, with a KRAS test of exon 2 only counted as incomplete. Unknown is never wild-type.
 */

const extended = (f: FactBase) => f.ctx.ruleSet === 'extended';

const G12C = /\b(p\.)?(Gly12Cys|G12C)\b/i;

/** The tests still missing for treatment choice. */
function missingTests(f: FactBase): MissingTest[] {
  const { kras, nras, braf, msi } = f;
  const missing: MissingTest[] = [];
  if (!extended(f)) {
    if (kras.status === 'unknown') missing.push({ test: 'KRAS', why: 'KRAS status unknown; RAS testing is mandatory before anti-EGFR therapy' });
    return missing;
  }
  const krasMutant = kras.status === 'mutant';
  if (kras.status === 'unknown') {
    missing.push({ test: 'RAS-extended', why: 'RAS status unknown; extended RAS (KRAS and NRAS exons 2-4) is mandatory before anti-EGFR therapy' });
  } else if (!krasMutant && kras.used?.exon2Only) {
    missing.push({ test: 'RAS-extended', why: 'KRAS was tested on exon 2 only: an incomplete RAS status (PRIME)' });
  } else if (!krasMutant && nras.status === 'unknown') {
    missing.push({ test: 'NRAS', why: 'NRAS status unknown: RAS means KRAS and NRAS (PRIME)' });
  }
  if (!krasMutant && braf.status === 'unknown') missing.push({ test: 'BRAF', why: 'BRAF V600E status unknown' });
  if (msi.status === 'unknown') missing.push({ test: 'MSI', why: 'MSI/MMR status unknown' });
  // HER2 decides later lines only in RAS and BRAF wild-type disease (MOUNTAINEER).
  if (f.rasWildType && braf.status === 'wild-type' && !f.brafV600e && f.her2.status === 'unknown') {
    missing.push({ test: 'HER2', why: 'HER2 status unknown (RAS and BRAF wild-type: HER2-directed therapy is an option later)' });
  }
  // MSI-H/dMMR may be Lynch syndrome: germline testing or a genetics referral (ESMO 2023).
  if (msi.status === 'MSI-H' && f.germlineTesting === undefined) {
    missing.push({ test: 'germline', why: 'MSI-H/dMMR without germline (Lynch) testing or a genetics referral on record' });
  }
  return missing;
}

/** RAS as the mode reads it: KRAS, plus NRAS in extended mode. */
const rasBasis = (f: FactBase): BasedOn[] => [geneBasis('KRAS', f.kras), ...(extended(f) ? [geneBasis('NRAS', f.nras)] : [])];

export const biomarkerFacts: FactDefs<
  | 'kras' | 'nras' | 'braf' | 'msi' | 'her2' | 'rasMutant' | 'rasWildType' | 'rasWildTypeForAntiEgfr' | 'msiHigh'
  | 'brafV600e' | 'her2Amplified' | 'rasBrafWildTypeMss' | 'missingBiomarkerTests' | 'missingRasTests' | 'krasG12c'
  | 'germlineTesting' | 'dpydTest'
> = {
  kras: { compute: (f) => f.case.biomarkers.kras, basis: (g) => [geneBasis('KRAS', g)] },
  nras: { compute: (f) => f.case.biomarkers.nras, basis: (g) => [geneBasis('NRAS', g)] },
  braf: { compute: (f) => f.case.biomarkers.braf, basis: (g) => [geneBasis('BRAF', g)] },
  msi: { compute: (f) => f.case.biomarkers.msi, basis: (m) => [msiBasis(m)] },
  her2: { compute: (f) => f.case.biomarkers.her2, basis: (h) => [her2Basis(h)] },
  rasMutant: {
    compute: (f) => {
      if (f.kras.status === 'mutant') return f.kras;
      if (extended(f) && f.nras.status === 'mutant') return f.nras;
      return undefined;
    },
    basis: (_v, f) => rasBasis(f),
  },
  rasWildType: {
    compute: (f) => {
      if (f.kras.status !== 'wild-type') return false;
      if (!extended(f)) return true;
      return f.nras.status === 'wild-type' && !f.kras.used?.exon2Only;
    },
    basis: (_v, f) => rasBasis(f),
  },
  rasWildTypeForAntiEgfr: { compute: (f) => f.rasWildType && f.nras.status !== 'mutant', basis: (_v, f) => rasBasis(f) },
  msiHigh: { compute: (f) => f.msi.status === 'MSI-H' },
  brafV600e: { compute: (f) => f.case.biomarkers.braf.v600e, basis: (_v, f) => [geneBasis('BRAF', f.braf)] },
  her2Amplified: { compute: (f) => f.her2.status === 'amplified' },
  rasBrafWildTypeMss: {
    compute: (f) => f.rasWildType && f.braf.status === 'wild-type' && !f.brafV600e && f.msi.status === 'MSS',
    basis: (_v, f) => [...rasBasis(f), geneBasis('BRAF', f.braf), msiBasis(f.msi)],
  },
  missingBiomarkerTests: {
    compute: missingTests,
    basis: (missing, f) => {
      if (!extended(f)) return [geneBasis('KRAS', f.kras)];
      const lines = [...rasBasis(f), geneBasis('BRAF', f.braf), msiBasis(f.msi)];
      if (missing.some((t) => t.test === 'HER2')) lines.push(her2Basis(f.her2));
      if (missing.some((t) => t.test === 'germline')) lines.push({ label: 'Germline testing', value: 'none on record' });
      return lines;
    },
  },
  missingRasTests: {
    compute: (f) => f.missingBiomarkerTests.filter((t) => t.test === 'RAS-extended' || t.test === 'NRAS' || t.test === 'KRAS'),
    basis: (_v, f) => rasBasis(f),
  },
  germlineTesting: {
    compute: (f) => f.case.germlineTesting,
    basis: (p) => (p ? [{ label: 'Germline testing', value: 'on record', date: p.date, source: p }] : [{ label: 'Germline testing', value: 'none on record' }]),
  },
  dpydTest: {
    compute: (f) => f.case.dpydTest,
    basis: (p) => [p ? { label: 'DPYD / DPD', value: 'result on file', date: p.date, source: p } : { label: 'DPYD / DPD', value: 'no result on file' }],
  },
  krasG12c: { compute: (f) => f.kras.status === 'mutant' && G12C.test(f.kras.used?.variant ?? ''), basis: (_v, f) => [geneBasis('KRAS', f.kras)] },
};
