import { commonDateMs } from '../domain/time.js';
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
