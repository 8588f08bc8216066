import type { Case } from '../domain/case.js';
import type { BasedOn } from './types.js';
import { geneBasis } from './facts.js';

/**
 * "Based on" lines and tests for the biomarkers that select targeted and immune therapy (MSI/MMR, BRAF V600E,
 * HER2). A conflict between valid results is said in the line: the abnormal result is the one used.
 */

/** MSI-H or dMMR by a valid result (it outranks an MSS/pMMR result); unknown is not MSI-H. */
export function msiHigh(c: Case): boolean {
  return c.biomarkers.msi.status === 'MSI-H';
}

/** The MSI/MMR result used, with a conflict note when valid results disagree. */
export function msiBasis(c: Case): BasedOn {
  const msi = c.biomarkers.msi;
  if (!msi.used) return { label: 'MSI/MMR', value: 'no valid result on file' };
  const value = msi.used.value === 'MSI-H' ? 'MSI-H/dMMR' : 'MSS/pMMR';
  const conflict = msi.conflict ? ' — conflicting results on file; the MSI-H/dMMR result is used' : '';
  return { label: 'MSI/MMR', value: `${value}${conflict}`, date: msi.used.source.date, source: msi.used.source };
}

/** The BRAF result used (variant, date, source). */
export function brafV600eBasis(c: Case): BasedOn {
  return geneBasis('BRAF', c.biomarkers.braf);
}

/** The HER2 amplification result used. */
export function her2Basis(c: Case): BasedOn {
  const her2 = c.biomarkers.her2;
  if (!her2.used) return { label: 'HER2', value: 'no valid result on file' };
  return { label: 'HER2', value: her2.status, date: her2.used.date, source: her2.used };
}

/** RAS lines as the mode reads RAS: KRAS, plus NRAS in extended mode (RC-E1). */
export function rasBasis(c: Case, extended: boolean): BasedOn[] {
  const lines = [geneBasis('KRAS', c.biomarkers.kras)];
  if (extended) lines.push(geneBasis('NRAS', c.biomarkers.nras));
  return lines;
}
