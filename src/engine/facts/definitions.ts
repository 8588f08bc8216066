import { biomarkerFacts } from './biomarker-facts.js';
import type { FactDefs, FactName } from './fact-types.js';
import { patientFacts } from './patient-facts.js';
import { stageFacts } from './stage-facts.js';
import { therapyFacts } from './therapy-facts.js';
import { treatmentFacts } from './treatment-facts.js';

/** Every fact's definition; the type makes a missing or misspelt fact a compile error. */
export const FACT_DEFS: FactDefs<FactName> = {
  ...stageFacts,
  ...biomarkerFacts,
  ...therapyFacts,
  ...treatmentFacts,
  ...patientFacts,
};
