/** One calendar day in milliseconds: the unit of every window of the decision table. */
export const DAY_MS = 86_400_000;

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
 * straight from the characters: the same answer as `Date.parse` (a day past the month's end rolls over, as
 * `Date.parse` does; the first three fraction digits count), and every such string is a well-formed FHIR date.
 * Any other string, and every edge (a year before 100, hour 24, a time without offset), is left to the caller:
 * NaN. (A number, not an object: this runs a thousand times per record.)
 */
export function commonDateMs(s: string): number {
  const n = s.length;
  if (n !== 10 && n < 20) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN; // '-'
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  // Arithmetic, not `Date.UTC` (a call into the runtime that cost more than the rest of the reading).
  const dayMs = (daysToMonthStart(year, month) + day - 1) * DAY_MS;
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

/**
 * Milliseconds of an ISO date or date-time string, exactly as `Date.parse` reads it (NaN when it does not parse),
 * the common shapes by arithmetic: the engine compares exposure and result dates by the hundred per evaluation.
 */
export function isoMs(iso: string): number {
  const common = commonDateMs(iso);
  return Number.isNaN(common) ? Date.parse(iso) : common;
}
