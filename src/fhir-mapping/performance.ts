import type { PerformanceStatus } from '../domain/case.js';
import { ECOG_ANSWERS, LOINC_ECOG, LOINC_KARNOFSKY, SYSTEM } from './codes.js';
import { codingsOf, findCoding, textsOf } from './coding.js';
import { DAY_MS, effectiveTime, newest, toMs } from './dates.js';
import { type Json, num, obj, str } from './json.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isObservationValid } from './validity.js';

/** ECOG (or Karnofsky converted), latest within 90 days of `now`; older or none: unknown. */

export const PERFORMANCE_MAX_AGE_DAYS = 90;

/** Karnofsky -> ECOG bands of the conventions: 90-100 -> 0, 70-80 -> 1, 50-60 -> 2, 30-40 -> 3, 10-20 -> 4 (0 = dead -> 5). */
export function karnofskyToEcog(k: number): number | undefined {
  if (!Number.isFinite(k) || k < 0 || k > 100) return undefined;
  if (k >= 90) return 0;
  if (k >= 70) return 1;
  if (k >= 50) return 2;
  if (k >= 30) return 3;
  if (k >= 10) return 4;
  return 5;
}

function integerValue(o: Json): number | undefined {
  const v = num(o.valueInteger) ?? num(obj(o.valueQuantity)?.value);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

/** A display or text that starts with the grade ("1 - Restricted in physically strenuous activity", "2"). */
const GRADE_FIRST = /^\s*([0-5])(?![\d.,])/;

function gradeInText(texts: readonly string[]): number | undefined {
  for (const t of texts) {
    const m = GRADE_FIRST.exec(t);
    if (m?.[1] !== undefined) return Number(m[1]);
  }
  return undefined;
}

/**
 * ECOG from valueInteger 0-5, else a LOINC answer (LA9622-7..LA9627-6) as value or interpretation, else a local
 * answer whose display or text starts with the grade digit (Epic flowsheet rows).
 */
function ecogValue(o: Json): number | undefined {
  const v = integerValue(o);
  if (v !== undefined) return v >= 0 && v <= 5 ? v : undefined;
  for (const source of [o.valueCodeableConcept, o.interpretation]) {
    const answer = codingsOf(source).find((c) => c.system === SYSTEM.loinc && ECOG_ANSWERS[c.code] !== undefined);
    if (answer) return ECOG_ANSWERS[answer.code];
  }
  return gradeInText([...(str(o.valueString) ? [o.valueString as string] : []), ...textsOf(o.valueCodeableConcept)]);
}

export function mapPerformance(input: RecordInput, now: Date): PerformanceStatus | undefined {
  const record = asRecord(input);
  const oldest = now.getTime() - PERFORMANCE_MAX_AGE_DAYS * DAY_MS;
  const found: PerformanceStatus[] = [];
  for (const o of allObservations(record)) {
    if (!isObservationValid(o)) continue;
    const date = effectiveTime(o);
    const ms = toMs(date);
    if (date === undefined || ms === undefined || ms < oldest) continue;
    const ecogCode = findCoding(o.code, SYSTEM.loinc, [LOINC_ECOG]);
    if (ecogCode) {
      const ecog = ecogValue(o);
      if (ecog !== undefined) found.push({ ecog, from: 'ECOG', date, source: provenanceOf(record, o, date, `${SYSTEM.loinc}|${LOINC_ECOG}`) });
      continue;
    }
    if (findCoding(o.code, SYSTEM.loinc, [LOINC_KARNOFSKY])) {
      const karnofsky = integerValue(o);
      const ecog = karnofsky === undefined ? undefined : karnofskyToEcog(karnofsky);
      if (ecog !== undefined && karnofsky !== undefined) {
        found.push({ ecog, from: 'Karnofsky', karnofsky, date, source: provenanceOf(record, o, date, `${SYSTEM.loinc}|${LOINC_KARNOFSKY}`) });
      }
    }
  }
  return newest(found, (p) => p.date);
}
