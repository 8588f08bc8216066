import type { Case, Symptom, SymptomFact } from '../domain/case.js';
import type { BasedOn } from './types.js';
import { primarySymptoms } from './facts.js';

/** Symptom facts for the palliative rules (RC-06, RC-07, RC-16), named as a clinician says them. */

/** Clinical names of the symptom facts. */
export const SYMPTOM_NAMES: Readonly<Record<Symptom, string>> = {
  obstruction: 'bowel obstruction',
  'impending-obstruction': 'impending obstruction',
  perforation: 'perforation',
  bleeding: 'bleeding',
  'primary-tumour-pain': 'pain from the primary',
  'symptomatic-metastasis': 'symptomatic metastasis',
};

/** A symptom as a "based on" datum (with the site of a symptomatic metastasis when known). */
export function symptomBasis(s: SymptomFact): BasedOn {
  const site = s.site ? ` (${s.site})` : '';
  return { label: 'Symptom', value: `${SYMPTOM_NAMES[s.symptom]}${site}`, date: s.source.date, source: s.source };
}

/** Symptoms of a primary that is still in place (after its resection they are not the primary's). */
export function symptomsOfPrimaryInPlace(c: Case, which: readonly Symptom[]): SymptomFact[] {
  if (c.primaryResected) return [];
  return primarySymptoms(c).filter((s) => which.includes(s.symptom));
}

/**
 * "bleeding and pain from the primary": distinct symptom names joined for a summary. `ofPrimary` drops the
 * "from the primary" where the sentence already names the primary (summaries must stay under 140 characters).
 */
export function symptomList(symptoms: readonly SymptomFact[], ofPrimary = false): string {
  const name = (s: SymptomFact) => (ofPrimary && s.symptom === 'primary-tumour-pain' ? 'pain' : SYMPTOM_NAMES[s.symptom]);
  const names = [...new Set(symptoms.map(name))];
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
