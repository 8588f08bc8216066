import type { OutOfScopeReason, Provenance, Scope } from '../domain/case.js';
import {
  ICD10_ANAL, ICD10_COLON, ICD10_HISTORY_COLON, ICD10_HISTORY_RECTUM_RECTOSIGMOID_ANUS, ICD10_RECTAL, ICD10_RECTOSIGMOID,
  ICD10_SECONDARY, ICD_O3_ANUS_PREFIX, ICD_O3_COLON_PREFIX, ICD_O3_MALIGNANT_BEHAVIOUR, ICD_O3_RECTOSIGMOID, ICD_O3_RECTUM,
  ICD_O3_SYSTEMS, ICD10_SYSTEMS, MCODE_HISTOLOGY_EXTENSION, SNOMED_COLON, SNOMED_HISTORY_COLON_OR_RECTAL,
  SNOMED_HISTORY_RECTAL, SNOMED_HISTORY_RECTOSIGMOID, SNOMED_RECTAL, SNOMED_RECTAL_LOCAL_RECURRENCE, SNOMED_RECTOSIGMOID,
  SYSTEM,
} from './codes.js';
import {
  type Coding, codingsOf, extensionsOf, findCoding, findIcd10Prefix, matchedOf, normalizeIcd10, textsOf,
} from './coding.js';
import { byDateAsc, isoDate, onsetOrRecorded } from './dates.js';
import { type Json, obj, objs } from './json.js';
import { words } from './lexicon.js';
import { provenanceOf } from './provenance.js';
import type { PatientRecord } from './record.js';
import {
  type StandingClock, conditionStanding, hasClinicalStatus, isConditionConfirmed, isProblemListItem, isRecurrenceStatus,
} from './validity.js';

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
    findCoding(code, SYSTEM.snomed, SNOMED_RECTAL_LOCAL_RECURRENCE) ?? icdO3Topography(c, (t) => ICD_O3_RECTUM.includes(t));
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

const RECTUM_WORDS = words('rectum', 'rectal');

/**
 * A personal-history code (real-world codes, section 6): the cancer it names is history, never current.
 * Z85.048 covers rectum, rectosigmoid junction and anus: read as rectal here, and dropped by `cancerConditions`
 * when an anal or rectosigmoid cancer is on record.
 */
export function classifyHistory(c: Json): (SiteMatch & { ambiguous?: true }) | undefined {
  const code = c.code;
  const z85 = findCoding(code, SYSTEM.icd10cm, ICD10_HISTORY_RECTUM_RECTOSIGMOID_ANUS);
  if (z85) return { site: 'rectal', coding: z85, ambiguous: true };
  const rectal = findCoding(code, SYSTEM.snomed, SNOMED_HISTORY_RECTAL);
  if (rectal) return { site: 'rectal', coding: rectal };
  const colonOrRectal = findCoding(code, SYSTEM.snomed, SNOMED_HISTORY_COLON_OR_RECTAL);
  if (colonOrRectal) return { site: textsOf(code).some((t) => RECTUM_WORDS.test(t)) ? 'rectal' : 'colon', coding: colonOrRectal };
  const rectosigmoid = findCoding(code, SYSTEM.snomed, SNOMED_HISTORY_RECTOSIGMOID);
  if (rectosigmoid) return { site: 'rectosigmoid', coding: rectosigmoid };
  const colon = findCoding(code, SYSTEM.icd10cm, ICD10_HISTORY_COLON);
  return colon ? { site: 'colon', coding: colon } : undefined;
}

export interface CancerCondition {
  condition: Json;
  site: CancerSite;
  coding: Coding;
  current: boolean;
  confirmed: boolean;
  /** A personal-history code (Z85.048, 429084005...): history by definition. */
  personalHistory: boolean;
  /** SNOMED 314966008: local recurrence of rectal cancer, coded as such. */
  localRecurrence: boolean;
  date?: string;
}

/**
 * Every valid (not entered-in-error/refuted) cancer Condition, oldest first. When the problem list holds a
 * cancer, status-less Conditions (encounter diagnoses) off the problem list are left out: they never change
 * the primary site. A personal-history Condition is dated by its onset only (its recordedDate is when the
 * history was written down, not when the cancer was diagnosed).
 */
export function cancerConditions(record: PatientRecord, clock?: StandingClock): CancerCondition[] {
  const found: (CancerCondition & { ambiguous?: true; statusless: boolean; problemList: boolean })[] = [];
  for (const c of record.ofType('Condition')) {
    const standing = conditionStanding(c, clock);
    if (standing === 'invalid') continue;
    const history = classifyHistory(c);
    const match = history ?? classifyCancer(c);
    if (!match) continue;
    const date = history ? isoDate(c.onsetDateTime) ?? isoDate(obj(c.onsetPeriod)?.start) : onsetOrRecorded(c);
    found.push({
      condition: c,
      site: match.site,
      coding: match.coding,
      current: history ? false : standing === 'current',
      confirmed: isConditionConfirmed(c),
      personalHistory: history !== undefined,
      localRecurrence: !history && findCoding(c.code, SYSTEM.snomed, SNOMED_RECTAL_LOCAL_RECURRENCE) !== undefined,
      statusless: !hasClinicalStatus(c),
      problemList: isProblemListItem(c),
      ...(history?.ambiguous ? { ambiguous: true as const } : {}),
      ...(date ? { date } : {}),
    });
  }
  const problemListCancer = found.some((x) => x.problemList);
  const analOrRectosigmoid = found.some((x) => !x.ambiguous && (x.site === 'anal' || x.site === 'rectosigmoid'));
  const kept = found
    .filter((x) => !(problemListCancer && x.statusless && !x.problemList))
    .filter((x) => !(x.ambiguous && analOrRectosigmoid))
    .map(({ ambiguous: _a, statusless: _s, problemList: _p, ...x }) => x);
  return byDateAsc(kept, (x) => x.date);
}

export interface DiagnosisInput {
  rectosigmoidInScope: boolean;
  /** A completed resection of the primary is on record (recurrence needs one). */
  primaryResected: boolean;
  /** The current distant metastases, oldest first (a recurrence is then not local; a history of rectal cancer recurs). */
  metastases: readonly { source: Provenance }[];
  clock?: StandingClock;
}

export interface DiagnosisFacts {
  scope: Scope;
  diagnosisDate?: string;
  /** The in-scope cancer Conditions (current or history), oldest first. */
  scopeConditions: CancerCondition[];
  recurrence?: { local: boolean; source: Provenance };
  /** Metachronous metastatic recurrence: the metastasis that makes a history of rectal cancer stage IV. */
  metastaticRecurrence?: Provenance;
}

const OUT_REASON: Record<Exclude<CancerSite, 'rectal' | 'rectosigmoid'>, OutOfScopeReason> = {
  colon: 'colon-cancer',
  anal: 'anal-cancer',
  other: 'other-cancer',
};

function scopeOf(record: PatientRecord, kind: 'rectal' | 'rectosigmoid', c: CancerCondition): Scope {
  return { kind, condition: provenanceOf(record, c.condition, c.date, matchedOf(c.coding)) };
}

/**
 * Scope gate, diagnosis date and recurrence. Deceased is applied by `mapCase` (it outranks only an in-scope
 * cancer). A rectal cancer that is history (resolved, inactive, remission, a personal-history code) with a
 * current distant metastasis and no other current primary is recurrent stage IV rectal cancer: in scope
 * (decision table, scope gate "Metachronous recurrence").
 */
export function mapDiagnosis(record: PatientRecord, input: DiagnosisInput): DiagnosisFacts {
  const all = cancerConditions(record, input.clock);
  const active = all.filter((c) => c.current && c.confirmed);
  const inScopeSites: CancerSite[] = input.rectosigmoidInScope ? ['rectal', 'rectosigmoid'] : ['rectal'];
  const inScope = (c: CancerCondition): boolean => inScopeSites.includes(c.site);
  const scopeConditions = all.filter(inScope);
  const firstMetastasis = input.metastases[0];

  let scope: Scope;
  let metastaticRecurrence: Provenance | undefined;
  const rectal = active.find((c) => c.site === 'rectal');
  const rectosigmoid = active.find((c) => c.site === 'rectosigmoid');
  const otherPrimary = (['colon', 'anal', 'other'] as const).find((s) => active.some((c) => c.site === s));
  // The rectal Condition itself names the history best; a personal-history code otherwise.
  const histories = all.filter((c) => !c.current && c.confirmed && inScope(c));
  const history = histories.find((c) => !c.personalHistory) ?? histories[0];
  if (rectal) scope = scopeOf(record, 'rectal', rectal);
  else if (rectosigmoid && input.rectosigmoidInScope) scope = scopeOf(record, 'rectosigmoid', rectosigmoid);
  else if (rectosigmoid) scope = { kind: 'out-of-scope', reason: 'rectosigmoid-disabled' };
  else if (history && firstMetastasis && !otherPrimary) {
    scope = scopeOf(record, history.site === 'rectosigmoid' ? 'rectosigmoid' : 'rectal', history);
    metastaticRecurrence = firstMetastasis.source;
  } else scope = { kind: 'out-of-scope', reason: otherPrimary ? OUT_REASON[otherPrimary] : 'no-rectal-cancer' };

  const diagnosisDate = scopeConditions.find((c) => c.date !== undefined)?.date;
  const distant = input.metastases.length > 0;
  const coded = scopeConditions.find((c) => c.current && c.localRecurrence);
  const recurrent = scopeConditions.find((c) => c.current && isRecurrenceStatus(c.condition));
  const recurrence = coded
    ? { local: !distant, source: provenanceOf(record, coded.condition, coded.date, matchedOf(coded.coding)) }
    : recurrent && input.primaryResected
      ? { local: !distant, source: provenanceOf(record, recurrent.condition, recurrent.date) }
      : undefined;

  return {
    scope,
    ...(diagnosisDate !== undefined ? { diagnosisDate } : {}),
    scopeConditions,
    ...(recurrence ? { recurrence } : {}),
    ...(metastaticRecurrence ? { metastaticRecurrence } : {}),
  };
}
