import type { Fact, GoalsOfCare, Provenance } from '../domain/case.js';
import { SYSTEM } from './codes.js';
import { findCoding, matchedOf } from './coding.js';
import { type CodeSet, hasStandardCoding, readKind } from './concept-reading.js';
import { DAY_MS, effectiveTime, isoDate, newest, occurrenceTime, onsetOrRecorded, performedTime, toMs } from './dates.js';
import {
  COMFORT_RULES, DNR_RULES, HOSPICE_DISCHARGE, LOINC_CPR_ORDERS, LOINC_DNR_IN_PLACE, LOINC_HOSPICE_MDS, LOINC_POLST_ORDERS,
  LOINC_YES, PALLIATIVE_RULES, SNOMED_UNDER_HOSPICE, SNOMED_YES,
} from './goals-of-care-codes.js';
import { type Json, bool, obj, objsLenient, str, typeOf } from './json.js';
import { provenanceOf } from './provenance.js';
import type { PatientRecord } from './record.js';
import { isConditionCurrent, isObservationValid } from './validity.js';

/**
 * Goals of care from the record (data conventions, "Goals of care"). Comfort-focused care is a *current*
 * signal: an active hospice EpisodeOfCare or Encounter, an active hospice order, a hospice procedure in
 * progress or done in the last `HOSPICE_RECENT_DAYS`, a recent discharge to hospice, an active end-of-life or
 * comfort-care plan; an old hospice episode is not. Its value names the record in words. DNR and palliative
 * care are recorded (newest), and pause nothing.
 */

/** A finished hospice event (admission, discharge to hospice, an MDS answer) counts this long (design). */
export const HOSPICE_RECENT_DAYS = 90;

interface Found {
  what: string;
  source: Provenance;
}

const ACTIVE_ENCOUNTER = ['in-progress', 'arrived', 'onleave'];
const LIVE_CARE_PLAN = ['active', 'on-hold'];

function findIn(v: unknown, sets: readonly CodeSet[]) {
  for (const set of sets) for (const system of set.systems) {
    const hit = findCoding(v, system, set.codes);
    if (hit) return hit;
  }
  return undefined;
}

function periodOpen(period: unknown, nowMs: number): boolean {
  const end = toMs(isoDate(obj(period)?.end));
  return end === undefined || end >= nowMs;
}

function recent(date: string | undefined, nowMs: number): boolean {
  const ms = toMs(date);
  return ms !== undefined && ms >= nowMs - HOSPICE_RECENT_DAYS * DAY_MS && ms <= nowMs + DAY_MS;
}

const comfortOf = (concepts: readonly unknown[], extra: readonly string[] = []) => readKind(concepts, COMFORT_RULES, extra);

/** Words for a care plan: hospice, end of life (terminal, dying) or comfort care. */
function carePlanWhat(matched: string): string {
  if (/hospice|385763009|385765002/i.test(matched)) return 'hospice care plan';
  if (/end|life|terminal|dying|182964004|385736008|736373009/i.test(matched)) return 'end-of-life care plan';
  return 'comfort care plan';
}

function comfortCare(record: PatientRecord, nowMs: number): Fact<string> | undefined {
  const found: Found[] = [];
  const add = (r: Json, what: string, date: string | undefined, matched: string) =>
    found.push({ what: `${what} (${typeOf(r)})`, source: provenanceOf(record, r, date, matched) });

  for (const e of record.ofType('EpisodeOfCare')) {
    if (str(e.status) !== 'active' || !periodOpen(e.period, nowMs)) continue;
    const hit = comfortOf(objsLenient(e.type));
    if (hit) add(e, /hospice/i.test(hit.matched) || hit.coding ? 'hospice enrolment' : 'comfort care episode', isoDate(obj(e.period)?.start), hit.matched);
  }
  for (const e of record.ofType('Encounter')) {
    const start = isoDate(obj(e.period)?.start);
    if (ACTIVE_ENCOUNTER.includes(str(e.status) ?? '')) {
      const hit = comfortOf([...objsLenient(e.type), ...objsLenient(e.serviceType)]);
      if (hit) add(e, 'hospice encounter', start, hit.matched);
    }
    const disposition = findIn(obj(e.hospitalization)?.dischargeDisposition, HOSPICE_DISCHARGE);
    const end = isoDate(obj(e.period)?.end) ?? start;
    if (disposition && str(e.status) !== 'entered-in-error' && str(e.status) !== 'cancelled' && recent(end, nowMs)) {
      add(e, 'discharge to hospice', end, matchedOf(disposition) as string);
    }
  }
  for (const p of record.ofType('Procedure')) {
    const status = str(p.status);
    const date = performedTime(p);
    if (status !== 'in-progress' && !(status === 'completed' && recent(date, nowMs))) continue;
    const hit = comfortOf([p.code]);
    if (hit) add(p, 'hospice care', date, hit.matched);
  }
  for (const s of record.ofType('ServiceRequest')) {
    if (str(s.status) !== 'active' || bool(s.doNotPerform) === true) continue;
    const hit = comfortOf([s.code]);
    if (hit) add(s, 'hospice care order', isoDate(s.authoredOn) ?? occurrenceTime(s), hit.matched);
  }
  for (const cp of record.ofType('CarePlan')) {
    if (!LIVE_CARE_PLAN.includes(str(cp.status) ?? '') || !periodOpen(cp.period, nowMs)) continue;
    const hit = comfortOf(objsLenient(cp.category), [str(cp.title), str(cp.description)].filter((t): t is string => t !== undefined));
    if (hit) add(cp, carePlanWhat(hit.matched), isoDate(cp.created) ?? isoDate(obj(cp.period)?.start), hit.matched);
  }
  for (const c of record.ofType('Condition')) {
    if (!isConditionCurrent(c, { nowMs, record })) continue;
    const hit = comfortOf([c.code]);
    if (hit) add(c, 'under hospice care', onsetOrRecorded(c), hit.matched);
  }
  const answers: { yes: boolean; found: Found }[] = [];
  for (const o of record.ofType('Observation')) {
    const code = findCoding(o.code, SYSTEM.snomed, [SNOMED_UNDER_HOSPICE]) ?? findCoding(o.code, SYSTEM.loinc, [LOINC_HOSPICE_MDS]);
    if (!code) continue;
    const date = effectiveTime(o);
    if (!isObservationValid(o) || !recent(date, nowMs)) continue;
    const yes = bool(o.valueBoolean) ?? (findCoding(o.valueCodeableConcept, SYSTEM.snomed, [SNOMED_YES]) ?? findCoding(o.valueCodeableConcept, SYSTEM.loinc, [LOINC_YES]) ? true : undefined);
    if (yes !== undefined) answers.push({ yes, found: { what: 'under hospice care (Observation)', source: provenanceOf(record, o, date, matchedOf(code)) } });
  }
  // The newest answer decides: a later "no" ends an earlier "yes".
  const answer = newest(answers, (a) => a.found.source.date);
  if (answer?.yes) found.push(answer.found);
  const chosen = newest(found, (f) => f.source.date);
  return chosen && { value: chosen.what, source: chosen.source };
}

function yesValue(o: Json): boolean {
  if (bool(o.valueBoolean) !== undefined) return o.valueBoolean === true;
  return !!(findCoding(o.valueCodeableConcept, SYSTEM.loinc, [LOINC_YES, 'LA33471-6', 'LA33475-7']) ?? findCoding(o.valueCodeableConcept, SYSTEM.snomed, [SNOMED_YES, '304253006']));
}

const DNR_IN_PLACE_OR_POLST = [...LOINC_DNR_IN_PLACE, LOINC_POLST_ORDERS];

function doNotResuscitate(record: PatientRecord, nowMs: number): Provenance | undefined {
  const found: Provenance[] = [];
  for (const c of record.ofType('Condition')) {
    const hit = isConditionCurrent(c, { nowMs, record }) ? readKind([c.code], DNR_RULES) : undefined;
    if (hit) found.push(provenanceOf(record, c, onsetOrRecorded(c), hit.matched));
  }
  for (const o of record.ofType('Observation')) {
    if (!isObservationValid(o)) continue;
    const inPlace = findCoding(o.code, SYSTEM.loinc, DNR_IN_PLACE_OR_POLST);
    // Another standard Observation (a CEA, a stage) is never read by its words.
    const hit = inPlace ? (yesValue(o) ? { matched: matchedOf(inPlace) as string } : undefined)
      : findCoding(o.code, SYSTEM.snomed, ['304253006']) ? readKind([o.code], DNR_RULES)
        : hasStandardCoding(o.code) ? undefined : readKind([o.code], DNR_RULES);
    if (hit) found.push(provenanceOf(record, o, effectiveTime(o), hit.matched));
  }
  for (const s of record.ofType('ServiceRequest')) {
    if (!['active', 'completed', 'on-hold'].includes(str(s.status) ?? '')) continue;
    const cpr = findCoding(objsLenient(s.category), SYSTEM.loinc, [LOINC_CPR_ORDERS]);
    const hit = cpr && !findCoding(s.code, SYSTEM.loinc, ['LA33471-6']) ? undefined : readKind([s.code], DNR_RULES);
    if (hit) found.push(provenanceOf(record, s, isoDate(s.authoredOn), hit.matched));
  }
  for (const c of record.ofType('Consent')) {
    const hit = str(c.status) === 'active' ? readKind(objsLenient(c.category), DNR_RULES) : undefined;
    if (hit) found.push(provenanceOf(record, c, isoDate(c.dateTime), hit.matched));
  }
  return newest(found, (p) => p.date);
}

const PALLIATIVE_ENCOUNTER = ['finished', 'in-progress', 'arrived', 'onleave'];

function palliativeCare(record: PatientRecord, nowMs: number): Provenance | undefined {
  const found: Provenance[] = [];
  const add = (r: Json, concepts: unknown[], date: string | undefined) => {
    const hit = readKind(concepts, PALLIATIVE_RULES);
    if (hit) found.push(provenanceOf(record, r, date, hit.matched));
  };
  for (const c of record.ofType('Condition')) if (isConditionCurrent(c, { nowMs, record })) add(c, [c.code], onsetOrRecorded(c));
  for (const e of record.ofType('Encounter')) {
    if (PALLIATIVE_ENCOUNTER.includes(str(e.status) ?? '')) add(e, [...objsLenient(e.type), ...objsLenient(e.serviceType), ...objsLenient(e.reasonCode)], isoDate(obj(e.period)?.start));
  }
  for (const s of record.ofType('ServiceRequest')) {
    if (['active', 'completed', 'on-hold'].includes(str(s.status) ?? '') && bool(s.doNotPerform) !== true) add(s, [s.code], isoDate(s.authoredOn) ?? occurrenceTime(s));
  }
  for (const p of record.ofType('Procedure')) if (['completed', 'in-progress'].includes(str(p.status) ?? '')) add(p, [p.code], performedTime(p));
  for (const cp of record.ofType('CarePlan')) {
    if (LIVE_CARE_PLAN.includes(str(cp.status) ?? '')) add(cp, [...objsLenient(cp.category), ...(str(cp.title) ? [{ text: cp.title }] : [])], isoDate(cp.created));
  }
  return newest(found, (p) => p.date);
}

export function mapGoalsOfCare(record: PatientRecord, now: Date): GoalsOfCare {
  const nowMs = now.getTime();
  const comfort = comfortCare(record, nowMs);
  const dnr = doNotResuscitate(record, nowMs);
  const palliative = palliativeCare(record, nowMs);
  return {
    ...(comfort ? { comfortCare: comfort } : {}),
    ...(dnr ? { doNotResuscitate: dnr } : {}),
    ...(palliative ? { palliativeCare: palliative } : {}),
  };
}
