import { type Json, obj, objs, str } from './json.js';

/**
 * Date resolution per the conventions ("Times"): effectiveDateTime, else effectivePeriod.start, else issued.
 * Values stay ISO strings as in the source; comparisons go through `toMs`.
 */

export { DAY_MS } from '../domain/time.js';

/** FHIR date / dateTime / instant. Anything else is not a date (Date.parse accepts too much). */
const FHIR_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

interface ParsedDate {
  /** Well-formed FHIR date / dateTime / instant. */
  fhir: boolean;
  /** `Date.parse`, NaN when it does not parse. */
  ms: number;
}

/**
 * Dates parsed during the current `withDateMemo` run (one `mapCase` call), by string; undefined outside one.
 * `Date.parse` was the mapper's costliest call: a record repeats the same dates across resources, and each is
 * resolved and compared many times (sorts, windows, lines). The memo holds facts about strings alone and is
 * dropped when the call ends, so nothing outlives the request.
 */
let parsedDates: Map<string, ParsedDate> | undefined;
/**
 * `commonDateMs` by string during the same run: a record names about a hundred distinct dates and reads them
 * close to a thousand times (each piece, sort and window reads its own), and a lookup costs a fraction of a read.
 */
let commonDates: Map<string, number> | undefined;

/** Runs `fn` (synchronous) with a fresh date memo; a nested run shares the outer one. */
export function withDateMemo<T>(fn: () => T): T {
  if (parsedDates !== undefined) return fn();
  parsedDates = new Map();
  commonDates = new Map();
  try {
    return fn();
  } finally {
    parsedDates = undefined;
    commonDates = undefined;
  }
}

const ZERO = 48;

/** The value of the `n` decimal digits of `s` from `at`, or -1 when one of them is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Days from 1970-01-01 to the first of `month` (1-12) of `year` (>= 1), proleptic Gregorian (civil-from-days inverse). */
function daysToMonthStart(year: number, month: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The two shapes nearly every record uses, `YYYY-MM-DD` and `YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm)`, read
 * straight from the characters: the same answer as the pattern and `Date.parse` (a day past the month's end
 * rolls over, as `Date.parse` does; the first three fraction digits count), without either or the memo. Any
 * other string, and every edge (a year before 100, hour 24, a time without offset), is left to them: NaN. (A
 * number, not an object: this runs a thousand times per record and allocated more than any other reader.)
 */
function commonDateMs(s: string): number {
  const n = s.length;
  if (n !== 10 && n < 20) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN; // '-'
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  // Arithmetic, not `Date.UTC` (a call into the runtime that cost more than the rest of the reading).
  const dayMs = (daysToMonthStart(year, month) + day - 1) * 86_400_000;
  if (n === 10) return dayMs;
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN; // 'T' ':' ':'
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) { // '.'
    const from = ++i;
    while (i < n && digits(s, i, 1) >= 0) i++;
    if (i === from) return NaN;
    for (let k = 0; k < 3; k++) ms = ms * 10 + (from + k < i ? digits(s, from + k, 1) : 0);
  }
  let offsetMinutes: number;
  if (i === n - 1 && s.charCodeAt(i) === 90) offsetMinutes = 0; // 'Z'
  else if (i === n - 6 && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) && s.charCodeAt(i + 3) === 58) { // '+' '-' ':'
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offsetMinutes = (s.charCodeAt(i) === 43 ? 1 : -1) * (oh * 60 + om);
  } else return NaN;
  return dayMs + hour * 3_600_000 + (minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}

/** `commonDateMs`, through the run's memo when there is one. */
function commonMs(s: string): number {
  if (commonDates === undefined) return commonDateMs(s);
  const hit = commonDates.get(s);
  if (hit !== undefined) return hit;
  const ms = commonDateMs(s);
  commonDates.set(s, ms);
  return ms;
}

function parseDate(s: string): ParsedDate {
  const hit = parsedDates?.get(s);
  if (hit !== undefined) return hit;
  const parsed: ParsedDate = { fhir: FHIR_DATE.test(s), ms: Date.parse(s) };
  parsedDates?.set(s, parsed);
  return parsed;
}

/** The value when it is a well-formed FHIR date that parses. */
export function isoDate(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  if (!Number.isNaN(commonMs(s))) return s;
  const parsed = parseDate(s);
  return parsed.fhir && Number.isFinite(parsed.ms) ? s : undefined;
}

export function toMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const common = commonMs(iso);
  if (!Number.isNaN(common)) return common;
  const ms = parseDate(iso).ms;
  return Number.isFinite(ms) ? ms : undefined;
}

/** `YYYY-MM-DD` (or shorter) for same-day comparisons. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

function periodStart(v: unknown): string | undefined {
  return isoDate(obj(v)?.start);
}

function periodEnd(v: unknown): string | undefined {
  return isoDate(obj(v)?.end);
}

/** Observation / MedicationAdministration / MedicationStatement / DiagnosticReport time. */
export function effectiveTime(r: Json): string | undefined {
  return (
    isoDate(r.effectiveDateTime) ?? periodStart(r.effectivePeriod) ?? isoDate(r.effectiveInstant) ?? isoDate(r.issued)
  );
}

/** End of an effective period, when there is one. */
export function effectiveEnd(r: Json): string | undefined {
  return periodEnd(r.effectivePeriod);
}

/** Procedure.performed[x]. */
export function performedTime(r: Json): string | undefined {
  return isoDate(r.performedDateTime) ?? periodStart(r.performedPeriod);
}

/** ServiceRequest.occurrence[x]: when the planned thing is to happen (not when it was ordered). */
export function occurrenceTime(r: Json): string | undefined {
  const timingEvent = objs([obj(r.occurrenceTiming)]).flatMap((t) => (Array.isArray(t.event) ? t.event : []));
  return isoDate(r.occurrenceDateTime) ?? periodStart(r.occurrencePeriod) ?? timingEvent.map(isoDate).find(Boolean);
}

/** Condition onset, else recordedDate. */
export function onsetOrRecorded(r: Json): string | undefined {
  return isoDate(r.onsetDateTime) ?? periodStart(r.onsetPeriod) ?? isoDate(r.recordedDate);
}

/** Undated sorts as the oldest possible time. */
function compareMs(ma: number | undefined, mb: number | undefined): number {
  if (ma === undefined) return mb === undefined ? 0 : -1;
  if (mb === undefined) return 1;
  return ma - mb;
}

/**
 * Each date is resolved and parsed once, not once per comparison: with thousands of results the
 * comparator's parsing made sorting the costliest part of the mapping. The sort is stable.
 */
function sortByDate<T>(items: readonly T[], dateOf: (t: T) => string | undefined, direction: 1 | -1): T[] {
  const keyed = items.map((item) => ({ item, ms: toMs(dateOf(item)) }));
  keyed.sort((a, b) => direction * compareMs(a.ms, b.ms));
  return keyed.map((k) => k.item);
}

/** Newest first; undated last; stable otherwise. */
export function byDateDesc<T>(items: readonly T[], dateOf: (t: T) => string | undefined): T[] {
  return sortByDate(items, dateOf, -1);
}

/** Oldest first; undated first (they cannot be placed, so they never count as "latest"). */
export function byDateAsc<T>(items: readonly T[], dateOf: (t: T) => string | undefined): T[] {
  return sortByDate(items, dateOf, 1);
}

/** The first item of `byDateDesc`, in one pass: the earliest-listed of the newest, else the first. */
export function newest<T>(items: readonly T[], dateOf: (t: T) => string | undefined): T | undefined {
  let best: T | undefined = items[0];
  let bestMs = best === undefined ? undefined : toMs(dateOf(best));
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    const ms = toMs(dateOf(item));
    if (compareMs(ms, bestMs) > 0) {
      best = item;
      bestMs = ms;
    }
  }
  return best;
}
