import type { CeaSeries, CeaValue } from '../domain/case.js';
import { CEA_DEFAULT_UPPER_NORMAL, CEA_UNITS, LOINC_CEA, SYSTEM } from './codes.js';
import { findCoding, matchedOf } from './coding.js';
import { byDateAsc, effectiveTime } from './dates.js';
import { type Json, num, obj, objs, str } from './json.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type PatientRecord, type RecordInput, asRecord } from './record.js';
import { isObservationValid } from './validity.js';

/**
 * The serum CEA series as the record holds it. The LOINC system is required: 2039-6 is also a race code (CDC
 * Race & Ethnicity), so a bare "2039-6" must not read as CEA. What the series means (rising, response, nadir)
 * is judged by the engine's fact base.
 */

function normUnit(u: string): string {
  return u.trim().toLowerCase().replace(/^(?:µ|μ|mc)/, 'u');
}

const UNITS = new Set(CEA_UNITS.map(normUnit));

/** ng/mL or ug/L (the same quantity) by UCUM code or unit text; anything else is not part of the series. */
function hasCeaUnit(q: Json): boolean {
  const candidates = [str(q.code), str(q.unit)].filter((u): u is string => u !== undefined);
  return candidates.some((u) => UNITS.has(normUnit(u)));
}

function ceaValueOf(record: PatientRecord, o: Json): { value: CeaValue; high?: number } | undefined {
  const coding = findCoding(o.code, SYSTEM.loinc, LOINC_CEA);
  if (!coding) return undefined;
  const q = obj(o.valueQuantity);
  const value = num(q?.value);
  const date = effectiveTime(o);
  if (q === undefined || value === undefined || value < 0 || date === undefined || !hasCeaUnit(q)) return undefined;
  const comparator = str(q.comparator);
  const high = objs(o.referenceRange).map((r) => num(obj(r.high)?.value)).find((h) => h !== undefined && h > 0);
  return {
    value: {
      value,
      belowDetection: comparator === '<' || comparator === '<=',
      date,
      source: provenanceOf(record, o, date, matchedOf(coding)),
    },
    ...(high !== undefined ? { high } : {}),
  };
}

export function mapCeaSeries(input: RecordInput): CeaSeries {
  const record = asRecord(input);
  const read = allObservations(record).filter(isObservationValid).flatMap((o) => {
    const v = ceaValueOf(record, o);
    return v ? [v] : [];
  });
  const sorted = byDateAsc(read, (r) => r.value.date);
  const values = sorted.map((r) => r.value);
  // The newest stated upper limit of normal applies (labs change assays); 5 ng/mL otherwise.
  const stated = [...sorted].reverse().find((r) => r.high !== undefined)?.high;
  const upperNormal = stated ?? CEA_DEFAULT_UPPER_NORMAL;

  return { values, upperNormal };
}
