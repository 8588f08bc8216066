import type { Rule } from '../types.js';
import { mdtReferral } from './mdt-referral.js';
import { biologicByBiomarkers, startSystemicTherapy } from './first-line-systemic.js';
import { biomarkerTesting } from './biomarker-testing.js';
import { asymptomaticPrimaryFirst } from './primary-in-place.js';
import { clinicalTrials } from './clinical-trials.js';

/** Every rule of the decision table that is implemented, in table order. */
export const allRules: readonly Rule[] = [
  mdtReferral,
  startSystemicTherapy,
  biologicByBiomarkers,
  biomarkerTesting,
  asymptomaticPrimaryFirst,
  clinicalTrials,
];
