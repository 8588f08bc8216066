import type { Rule } from '../types.js';
import { mdtReferral } from './mdt-referral.js';
import { biologicByBiomarkers, startSystemicTherapy } from './first-line-systemic.js';
import { biomarkerTesting } from './biomarker-testing.js';
import { asymptomaticPrimaryFirst } from './primary-in-place.js';
import { clinicalTrials } from './clinical-trials.js';

/** Decision-table order: RC-01..RC-38, then RC-E1..RC-E10 (the catalogue and tests list rules this way). */
function tableOrder(a: Rule, b: Rule): number {
  const key = (id: string) => (id.startsWith('RC-E') ? 1000 + Number(id.slice(4)) : Number(id.slice(3)));
  return key(a.id) - key(b.id);
}

/**
 * Every implemented rule of the decision table. Register a new rule by adding it to this list (one line
 * per rule; the order here does not matter).
 */
export const allRules: readonly Rule[] = [
  mdtReferral,
  startSystemicTherapy,
  biologicByBiomarkers,
  biomarkerTesting,
  asymptomaticPrimaryFirst,
  clinicalTrials,
].sort(tableOrder);
