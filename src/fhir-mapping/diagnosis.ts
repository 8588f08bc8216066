import type { OutOfScopeReason, Provenance, Scope } from '../domain/case.js';
import {
  ICD10_ANAL, ICD10_COLON, ICD10_RECTAL, ICD10_RECTOSIGMOID, ICD10_SECONDARY, ICD_O3_ANUS_PREFIX,
  ICD_O3_COLON_PREFIX, ICD_O3_MALIGNANT_BEHAVIOUR, ICD_O3_RECTOSIGMOID, ICD_O3_RECTUM, ICD_O3_SYSTEMS, ICD10_SYSTEMS,
  MCODE_HISTOLOGY_EXTENSION, SNOMED_COLON, SNOMED_RECTAL, SNOMED_RECTOSIGMOID, SYSTEM,
} from './codes.js';
import { type Coding, codingsOf, extensionsOf, findCoding, findIcd10Prefix, matchedOf, normalizeIcd10 } from './coding.js';
import { byDateAsc, onsetOrRecorded } from './dates.js';
import { type Json, objs } from './json.js';
import { provenanceOf } from './provenance.js';
import type { PatientRecord } from './record.js';
import { conditionStanding, isConditionConfirmed, isRecurrenceStatus } from './validity.js';

/** Which primary cancer a Condition describes (`other` = a cancer, but not colorectal or anal). */
export type CancerSite = 'rectal' | 'rectosigmoid' | 'colon' | 'anal' | 'other';

export interface SiteMatch {
  site: CancerSite;
  coding: Coding;
}

function isIcd10System(system: string | undefined): boolean {
  return system !== undefined && (ICD10_SYSTEMS as readonly string[]).includes(system);
}

function icdO3Codings(c: Json): Coding[] {
  return [...codingsOf(c.code), ...codingsOf(c.bodySite)].filter(
    (x) => x.system !== undefined && (ICD_O3_SYSTEMS as readonly string[]).includes(x.system),
  );
}

/** ICD-O-3 morphology with a malignant behaviour digit (`8140/3`), in the code or the mCODE histology extension. */
function hasMalignantMorphology(c: Json): boolean {
  const histology = extensionsOf(c, MCODE_HISTOLOGY_EXTENSION).map((e) => e.valueCodeableConcept);
  return [...icdO3Codings(c), ...codingsOf(histology)].some((x) => {
    const m = /^\d{4}\/(\d)$/.exec(x.code.trim());
    return m?.[1] !== undefined && ICD_O3_MALIGNANT_BEHAVIOUR.includes(m[1]);
  });
}

function icdO3Topography(c: Json, match: (code: string) => boolean): Coding | undefined {
  if (!hasMalignantMorphology(c)) return undefined;
  return icdO3Codings(c).find((x) => match(normalizeIcd10(x.code)));
}

/** ICD-10 C00-C97 that is not a secondary (C77-C79): some primary cancer. */
function findOtherIcd10Cancer(c: Json): Coding | undefined {
  return codingsOf(c.code).find((x) => {
    const code = normalizeIcd10(x.code);
    return isIcd10System(x.system) && /^C\d\d/.test(code) && !ICD10_SECONDARY.some((p) => code.startsWith(p));
  });
}

/** Site of the primary cancer a Condition codes, or undefined when it is not a primary cancer we recognise. */
export function classifyCancer(c: Json): SiteMatch | undefined {
  const code = c.code;
  const rectal =
    findIcd10Prefix(code, ICD10_RECTAL) ?? findCoding(code, SYSTEM.snomed, SNOMED_RECTAL) ??
    icdO3Topography(c, (t) => ICD_O3_RECTUM.includes(t));
  if (rectal) return { site: 'rectal', coding: rectal };
  const rectosigmoid =
    findIcd10Prefix(code, ICD10_RECTOSIGMOID) ?? findCoding(code, SYSTEM.snomed, SNOMED_RECTOSIGMOID) ??
    icdO3Topography(c, (t) => ICD_O3_RECTOSIGMOID.includes(t));
  if (rectosigmoid) return { site: 'rectosigmoid', coding: rectosigmoid };
  const colon =
    findIcd10Prefix(code, ICD10_COLON) ?? findCoding(code, SYSTEM.snomed, SNOMED_COLON) ??
    icdO3Topography(c, (t) => t.startsWith(ICD_O3_COLON_PREFIX));
  if (colon) return { site: 'colon', coding: colon };
  const anal = findIcd10Prefix(code, ICD10_ANAL) ?? icdO3Topography(c, (t) => t.startsWith(ICD_O3_ANUS_PREFIX));
  if (anal) return { site: 'anal', coding: anal };
  const other = findOtherIcd10Cancer(c) ?? (hasMalignantMorphology(c) ? icdO3Codings(c)[0] : undefined);
  if (other) return { site: 'other', coding: other };
  // A Condition carrying cancer-only elements (histology, a stage) is a cancer even when its code is unknown to us.
  const cancerOnly = extensionsOf(c, MCODE_HISTOLOGY_EXTENSION).length > 0 || objs(c.stage).length > 0;
  const first = codingsOf(code)[0];
  return cancerOnly && first ? { site: 'other', coding: first } : undefined;
}

export interface CancerCondition {
  condition: Json;
  site: CancerSite;
  coding: Coding;
  current: boolean;
  confirmed: boolean;
  date?: string;
}

/** Every valid (not entered-in-error/refuted) cancer Condition, oldest first. */
export function cancerConditions(record: PatientRecord): CancerCondition[] {
  const out: CancerCondition[] = [];
  for (const c of record.ofType('Condition')) {
    const standing = conditionStanding(c);
    if (standing === 'invalid') continue;
    const match = classifyCancer(c);
    if (!match) continue;
    const date = onsetOrRecorded(c);
    out.push({ condition: c, ...match, current: standing === 'current', confirmed: isConditionConfirmed(c), ...(date ? { date } : {}) });
  }
  return byDateAsc(out, (x) => x.date);
}

export interface DiagnosisInput {
  rectosigmoidInScope: boolean;
  /** A completed resection of the primary is on record (recurrence needs one). */
  primaryResected: boolean;
  /** A distant metastasis is current (a recurrence is then not local). */
  distantMetastasisCurrent: boolean;
}

export interface DiagnosisFacts {
  scope: Scope;
  diagnosisDate?: string;
  /** The in-scope cancer Conditions (current or history), oldest first. */
  scopeConditions: CancerCondition[];
  recurrence?: { local: boolean; source: Provenance };
}

const OUT_REASON: Record<Exclude<CancerSite, 'rectal' | 'rectosigmoid'>, OutOfScopeReason> = {
  colon: 'colon-cancer',
  anal: 'anal-cancer',
  other: 'other-cancer',
};

/** Scope gate, diagnosis date and recurrence. Deceased is applied by `mapCase` (it outranks only an in-scope cancer). */
export function mapDiagnosis(record: PatientRecord, input: DiagnosisInput): DiagnosisFacts {
  const all = cancerConditions(record);
  const active = all.filter((c) => c.current && c.confirmed);
  const inScopeSites: CancerSite[] = input.rectosigmoidInScope ? ['rectal', 'rectosigmoid'] : ['rectal'];
  const inScope = (c: CancerCondition): boolean => inScopeSites.includes(c.site);
  const scopeConditions = all.filter(inScope);

  let scope: Scope;
  const rectal = active.find((c) => c.site === 'rectal');
  const rectosigmoid = active.find((c) => c.site === 'rectosigmoid');
  if (rectal) scope = { kind: 'rectal', condition: provenanceOf(record, rectal.condition, rectal.date, matchedOf(rectal.coding)) };
  else if (rectosigmoid && input.rectosigmoidInScope) {
    scope = { kind: 'rectosigmoid', condition: provenanceOf(record, rectosigmoid.condition, rectosigmoid.date, matchedOf(rectosigmoid.coding)) };
  } else if (rectosigmoid) scope = { kind: 'out-of-scope', reason: 'rectosigmoid-disabled' };
  else {
    const other = (['colon', 'anal', 'other'] as const).find((s) => active.some((c) => c.site === s));
    scope = { kind: 'out-of-scope', reason: other ? OUT_REASON[other] : 'no-rectal-cancer' };
  }

  const diagnosisDate = scopeConditions.find((c) => c.date !== undefined)?.date;
  const recurrent = scopeConditions.find((c) => c.current && isRecurrenceStatus(c.condition));
  const recurrence =
    recurrent && input.primaryResected
      ? { local: !input.distantMetastasisCurrent, source: provenanceOf(record, recurrent.condition, recurrent.date) }
      : undefined;

  return {
    scope,
    ...(diagnosisDate !== undefined ? { diagnosisDate } : {}),
    scopeConditions,
    ...(recurrence ? { recurrence } : {}),
  };
}
