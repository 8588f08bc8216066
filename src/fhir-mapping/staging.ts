import type { Fact, StageGroup, Tnm } from '../domain/case.js';
import { AJCC_SYSTEMS, SYSTEM } from './codes.js';
import { type Coding, codingsOf, findCoding, matchedOf, textsOf } from './coding.js';
import { textMatched } from './lexicon.js';
import { byDateDesc, effectiveTime, onsetOrRecorded } from './dates.js';
import { type Json, isObj, objs } from './json.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import {
  SNOMED_STAGE_GROUP, SNOMED_TNM_VALUE, STAGE_GROUP_CODES, TNM_CODES, type TnmCategory, isM1, isStageIvGroup,
  parseAjccCategory, parseAjccStageGroup, splitCombinedTnm,
} from './staging-codes.js';
import { isObservationValid } from './validity.js';

/**
 * Stage group (Condition.stage.summary or a stage group Observation) and T/N/M in both mCODE shapes: separate
 * Observations, or members (`hasMember`, also contained) of a stage group; T/N/M as components of the stage
 * group are read too. Values: SNOMED AJCC qualifiers or AJCC strings. An Observation whose value is a SNOMED
 * AJCC category is read whatever its code (the CAP eCC bundle codes its pN Observation with the pN1a value).
 */

const isAjcc = (system: string | undefined): boolean => system !== undefined && (AJCC_SYSTEMS as readonly string[]).includes(system);

/**
 * A stage group value: a SNOMED AJCC qualifier or an AJCC code (`http://` or `https://cancerstaging.org`); when
 * no coding is one we know, the words of a local coding (`Stage IVB`, `stage 4`, `IVA`: stage IV family only).
 */
export function stageGroupOf(value: unknown): { group: StageGroup; matched: string } | undefined {
  const codings = codingsOf(value);
  for (const c of codings) {
    const snomed = c.system === SYSTEM.snomed ? SNOMED_STAGE_GROUP[c.code] : undefined;
    const group = snomed ?? (isAjcc(c.system) ? parseAjccStageGroup(c.code) : undefined);
    if (group) return { group, matched: matchedOf(c) as string };
  }
  if (codings.some((c) => (c.system === SYSTEM.snomed && SNOMED_TNM_VALUE[c.code]) || (isAjcc(c.system) && parseAjccCategory(c.code)))) return undefined;
  for (const t of textsOf(value)) {
    const m = STAGE_IV_TEXT.exec(t);
    if (m) return { group: (m[2] ?? m[3] ? `IV${(m[2] ?? m[3] as string).toUpperCase()}` : 'IV') as StageGroup, matched: textMatched(m[0]) };
  }
  return undefined;
}

/** `stage IV`, `Stage IVB`, `stage 4`, `stage 4a`, `IVA`/`IVB`/`IVC` as whole words (data conventions, stage group). */
const STAGE_IV_TEXT = /(?<![\p{L}\p{N}])(?:stage\s*(IV|4)\s*([ABC])?|IV([ABC]))(?![\p{L}\p{N}])/iu;

export function tnmOf(value: unknown, ajccAllowed: boolean): { category: TnmCategory; value: string; coding: Coding } | undefined {
  for (const c of codingsOf(value)) {
    const snomed = c.system === SYSTEM.snomed ? SNOMED_TNM_VALUE[c.code] : undefined;
    if (snomed) return { ...snomed, coding: c };
    const ajcc = ajccAllowed && isAjcc(c.system) ? parseAjccCategory(c.code) : undefined;
    if (ajcc) return { ...ajcc, coding: c };
  }
  return undefined;
}

/** T, N and M of a combined AJCC string such as `cT3N2M1a` (a stage.summary coding or its text). */
export function combinedTnmOf(value: unknown): { category: TnmCategory; value: string; matched: string }[] {
  const sources = [
    ...codingsOf(value).filter((c) => isAjcc(c.system)).map((c) => ({ text: c.code, matched: matchedOf(c) as string })),
    ...textsOf(value).map((t) => ({ text: t, matched: '' })),
  ];
  for (const { text, matched } of sources) {
    const parts = splitCombinedTnm(text);
    if (parts.length > 0) return parts.map((p) => ({ ...p, matched: matched || textMatched(text.trim()) }));
  }
  return [];
}

const SNOMED_MATCHED = `${SYSTEM.snomed}|`;

function isStageGroupCode(code: unknown): boolean {
  return !!(findCoding(code, SYSTEM.loinc, STAGE_GROUP_CODES.loinc) ?? findCoding(code, SYSTEM.snomed, STAGE_GROUP_CODES.snomed));
}

function isTnmCode(code: unknown): boolean {
  return Object.values(TNM_CODES).some(
    (set) => !!(findCoding(code, SYSTEM.loinc, set.loinc) ?? findCoding(code, SYSTEM.snomed, set.snomed)),
  );
}

export interface StagingFacts {
  stageGroup?: Fact<StageGroup>;
  tnm: Tnm;
  /** Stage IV is on record: a valid stage group IV/IVA/IVB/IVC or an M1 category, dated or not. */
  stageIv: boolean;
  /** Dates of the valid stage IV and M1 Observations (for the metastatic diagnosis date). */
  stageIvDates: string[];
  /** In-scope Conditions whose stage.summary is IV-family. */
  stageIvConditions: Json[];
}

interface Candidate<T> {
  value: T;
  resource: Json;
  date?: string;
  matched: string;
}

function candidate<T>(value: T, resource: Json, matched: string, date: string | undefined): Candidate<T> {
  const c: Candidate<T> = { value, resource, matched };
  if (date) c.date = date;
  return c;
}

/** `scopeConditions`: the in-scope cancer Conditions, whose `stage.summary` counts. */
export function mapStaging(input: RecordInput, scopeConditions: readonly Json[] = []): StagingFacts {
  const record = asRecord(input);
  const groups: Candidate<StageGroup>[] = [];
  const categories: Record<TnmCategory, Candidate<string>[]> = { t: [], n: [], m: [] };
  const stageIvConditions: Json[] = [];

  for (const c of scopeConditions) {
    for (const stage of objs(c.stage)) {
      const date = onsetOrRecorded(c);
      const dated = date ? { date } : {};
      for (const part of combinedTnmOf(stage.summary)) categories[part.category].push({ value: part.value, resource: c, matched: part.matched, ...dated });
      const sg = stageGroupOf(stage.summary);
      if (!sg) continue;
      groups.push({ value: sg.group, resource: c, matched: sg.matched, ...dated });
      if (isStageIvGroup(sg.group)) stageIvConditions.push(c);
    }
  }

  for (const o of allObservations(record)) {
    if (!isObservationValid(o)) continue;
    // Dated only when it says something about stage: most Observations of a record do not. (Plain code, no
    // closures: this runs for every Observation of the record.)
    let date: string | undefined;
    let dated = false;
    const sg = stageGroupOf(o.valueCodeableConcept);
    // A SNOMED AJCC value is a stage group whatever the Observation code; an AJCC code or words need a stage group code.
    if (sg && (sg.matched.startsWith(SNOMED_MATCHED) || isStageGroupCode(o.code))) {
      date = effectiveTime(o);
      dated = true;
      groups.push(candidate(sg.group, o, sg.matched, date));
    }
    // The Observation itself, then its components (T/N/M carried inside a stage group).
    const components = objs(o.component);
    for (let i = -1; i < components.length; i++) {
      const part = i < 0 ? o : (components[i] as Json);
      if (!isObj(part.valueCodeableConcept)) continue;
      const tnm = tnmOf(part.valueCodeableConcept, isTnmCode(part.code));
      if (!tnm) continue;
      if (!dated) {
        date = effectiveTime(o);
        dated = true;
      }
      categories[tnm.category].push(candidate(tnm.value, o, matchedOf(tnm.coding) as string, date));
    }
  }

  const fact = <T>(c: Candidate<T> | undefined): Fact<T> | undefined =>
    c && { value: c.value, source: provenanceOf(record, c.resource, c.date, c.matched) };
  const newestOf = <T>(xs: Candidate<T>[]) => byDateDesc(xs, (x) => x.date)[0];

  const tnm: Tnm = {};
  for (const k of ['t', 'n', 'm'] as const) {
    const f = fact(newestOf(categories[k]));
    if (f) tnm[k] = f;
  }
  const ivEvidence = [
    ...groups.filter((g) => isStageIvGroup(g.value) && g.resource.resourceType === 'Observation'),
    ...categories.m.filter((m) => isM1(m.value)),
  ];
  const stageGroup = fact(newestOf(groups));
  return {
    ...(stageGroup ? { stageGroup } : {}),
    tnm,
    stageIv: ivEvidence.length > 0 || stageIvConditions.length > 0,
    stageIvDates: ivEvidence.flatMap((e) => (e.date ? [e.date] : [])),
    stageIvConditions,
  };
}
