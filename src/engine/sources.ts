import type { Evidence } from './types.js';

/** The seed texts in `shared/seeds/`, by number: the rule catalogue keeps this provenance for informaticists. */
export const SEEDS: Readonly<Record<string, string>> = {
  '000': 'Patient guide: treatment for stage IV and metastatic rectal cancer',
  '001': 'WebMD: stage IV and recurrent rectal cancer',
  '002': 'Guideline summary: management of stage IV rectal cancer',
  '003': 'PDQ (via WebMD): stage IV and recurrent rectal cancer',
  '004': 'Guideline summary: stage IV rectal adenocarcinoma (cT4bN1M1)',
};

export function seedLabel(seed: string): string {
  return `${seed} (${SEEDS[seed] ?? 'unknown source'})`;
}

/**
 * How a seed is cited to a clinician (decision table, "Evidence on the card"): 001 and 003 carry the NCI PDQ
 * summary for health professionals, 002 and 004 are guideline summaries; 000 is patient education and is
 * never cited on a card.
 */
const CLINICIAN_SOURCE: Readonly<Record<string, string | undefined>> = {
  '000': undefined,
  '001': 'NCI PDQ, Rectal Cancer Treatment (HP)',
  '002': 'guideline summary, 2025',
  '003': 'NCI PDQ, Rectal Cancer Treatment (HP)',
  '004': 'guideline summary, 2025',
};

/** The sources a card names for a clinician: seeds as clinicians know them, then the trial or guideline cited. */
export function clinicianSources(evidence: Evidence): string[] {
  const seeds = evidence.seeds.map((s) => CLINICIAN_SOURCE[s]).filter((x): x is string => x !== undefined);
  const citation = evidence.citation?.replace(/^ext:\s*/, '');
  return [...new Set([...seeds, ...(citation ? [citation] : [])])];
}
