import type { MetastaticSite, Symptom, SymptomFact } from '../domain/case.js';
import { CONCEPT, SNOMED_BODY_SITE, SYMPTOM_CODES, SYSTEM } from './codes.js';
import { type Coding, codingsOf, findConcept, findCoding, matchedOf, normalizeIcd10, textsOf } from './coding.js';
import { onsetOrRecorded } from './dates.js';
import { type Json, objs, str } from './json.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isConditionCurrent } from './validity.js';

/** Symptoms of the primary and symptomatic metastases: current Conditions only. */

function findIcd10Exact(code: unknown, codes: readonly string[]): Coding | undefined {
  return codingsOf(code).find(
    (c) => (c.system === SYSTEM.icd10cm || c.system === SYSTEM.icd10) && codes.includes(normalizeIcd10(c.code)),
  );
}

function symptomOf(code: unknown): { symptom: Symptom; coding: Coding } | undefined {
  for (const symptom of ['obstruction', 'perforation', 'bleeding'] as const) {
    const set = SYMPTOM_CODES[symptom];
    const coding = findCoding(code, SYSTEM.snomed, set.snomed) ?? findIcd10Exact(code, set.icd10);
    if (coding) return { symptom, coding };
  }
  const concepts: [Symptom, string][] = [
    ['impending-obstruction', CONCEPT.impendingObstruction],
    ['primary-tumour-pain', CONCEPT.primaryTumourPain],
    ['symptomatic-metastasis', CONCEPT.symptomaticMetastasis],
  ];
  for (const [symptom, concept] of concepts) {
    const coding = findConcept(code, [concept]);
    if (coding) return { symptom, coding };
  }
  return undefined;
}

/** Words that name a metastatic site in free text (bodySite text, a note). */
const SITE_WORDS: [MetastaticSite, RegExp][] = [
  ['liver', /\b(liver|hepatic)\b/i],
  ['lung', /\b(lungs?|pulmonary)\b/i],
  ['bone', /\b(bones?|spine|spinal|vertebra[el]?|skeletal|osseous|sacrum|femur|pelvic bone|rib)\b/i],
  ['brain', /\b(brain|cerebral|intracranial)\b/i],
  ['peritoneum', /\b(peritone\w*)\b/i],
  ['pleura', /\b(pleura\w*)\b/i],
  ['adrenal', /\b(adrenal)\b/i],
];

/** The site a symptomatic metastasis names: bodySite code, bodySite text, then notes. */
export function siteNamed(c: Json): MetastaticSite | undefined {
  for (const [site, codes] of Object.entries(SNOMED_BODY_SITE) as [MetastaticSite, readonly string[]][]) {
    if (findCoding(c.bodySite, SYSTEM.snomed, codes)) return site;
  }
  const texts = [...textsOf(c.bodySite), ...objs(c.note).flatMap((n) => (str(n.text) ? [n.text as string] : []))];
  for (const [site, re] of SITE_WORDS) if (texts.some((t) => re.test(t))) return site;
  return undefined;
}

/** `now`: status-less Conditions (encounter diagnoses) are then current only when recent. */
export function mapSymptoms(input: RecordInput, now?: Date): SymptomFact[] {
  const record = asRecord(input);
  const clock = now ? { nowMs: now.getTime(), record } : undefined;
  const out: SymptomFact[] = [];
  for (const c of record.ofType('Condition')) {
    if (!isConditionCurrent(c, clock)) continue;
    const match = symptomOf(c.code);
    if (!match) continue;
    const site = match.symptom === 'symptomatic-metastasis' ? siteNamed(c) : undefined;
    out.push({
      symptom: match.symptom,
      ...(site ? { site } : {}),
      source: provenanceOf(record, c, onsetOrRecorded(c), matchedOf(match.coding)),
    });
  }
  return out;
}
