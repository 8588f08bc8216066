import { CEA_RESPONSE_OF_BASELINE, CEA_RISE_OF_NADIR } from '../engine/thresholds.js';
import type { CeaSeries, CeaTrend, CeaValue } from '../domain/case.js';
import { CEA_DEFAULT_UPPER_NORMAL, CEA_UNITS, LOINC_CEA, SYSTEM } from './codes.js';
import { findCoding, matchedOf } from './coding.js';
import { byDateAsc, dayOf, effectiveTime } from './dates.js';
import { type Json, num, obj, objs, str } from './json.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type PatientRecord, type RecordInput, asRecord } from './record.js';
import { isObservationValid } from './validity.js';

/**
 * Serum CEA series and the decision table's CEA terms. The LOINC system is required: 2039-6 is also a race
 * code (CDC Race & Ethnicity), so a bare "2039-6" must not read as CEA.
 */

/**
 * The decision table's CEA thresholds live with the other design thresholds in `src/engine/thresholds.ts`
 * (one place to change them, listed in the rule catalogue); the mapper applies them to the series.
 */
export const CEA_RISE_FACTOR = CEA_RISE_OF_NADIR;
export const CEA_RESPONSE_FACTOR = CEA_RESPONSE_OF_BASELINE;
/** Descriptive trend only: a change under 10% between the last two values reads as stable. */
export const CEA_STABLE_BAND = 0.1;

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

function trendOf(values: readonly CeaValue[]): CeaTrend {
  const last = values[values.length - 1];
  const prev = values[values.length - 2];
  if (!last || !prev) return 'insufficient-data';
  if (last.value > prev.value * (1 + CEA_STABLE_BAND)) return 'rising';
  if (last.value < prev.value * (1 - CEA_STABLE_BAND)) return 'falling';
  return 'stable';
}

export interface CeaOptions {
  /** Start of the current line of therapy (ISO); the baseline is the last value on or before its day. */
  currentLineStart?: string;
}

export function mapCeaSeries(input: RecordInput, options: CeaOptions = {}): CeaSeries {
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

  const latest = values[values.length - 1];
  const nadir = values.reduce<CeaValue | undefined>((min, v) => (min === undefined || v.value < min.value ? v : min), undefined);
  const start = options.currentLineStart;
  const baseline = start === undefined ? undefined : [...values].reverse().find((v) => dayOf(v.date) <= dayOf(start));

  const [a, b, c] = values.slice(-3);
  const rising =
    a !== undefined && b !== undefined && c !== undefined && nadir !== undefined &&
    a.value < b.value && b.value < c.value && c.value >= CEA_RISE_FACTOR * nadir.value && c.value > upperNormal;
  const response =
    baseline !== undefined && latest !== undefined && latest !== baseline && baseline.value > 0 &&
    latest.value <= CEA_RESPONSE_FACTOR * baseline.value;

  return {
    values,
    upperNormal,
    ...(latest ? { latest } : {}),
    ...(nadir ? { nadir } : {}),
    ...(baseline ? { baseline } : {}),
    trend: trendOf(values),
    rising,
    response,
  };
}
