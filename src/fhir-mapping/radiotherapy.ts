import type { Radiotherapy, RadiotherapyCourse } from '../domain/case.js';
import {
  CODEX_DOSE_PRESCRIBED, CONCEPT, LONG_COURSE_MIN_CGY, MCODE_DOSE_DELIVERED, SHORT_COURSE, SNOMED_PELVIC_SITE, SYSTEM,
} from './codes.js';
import { findConcept, findCoding, matchedOf, textsOf } from './coding.js';
import { conceptTexts, readKind } from './concept-reading.js';
import { byDateAsc, occurrenceTime, performedTime } from './dates.js';
import { type Json, num, obj, objs, objsLenient, str } from './json.js';
import {
  NON_PELVIC_SITE_WORDS, RT_CODE_RULES, RT_TEXT, SNOMED_CHEMORADIATION, SNOMED_RT_CATEGORY, courseFromText, doseFromTexts,
} from './radiotherapy-text.js';
import { provenanceOf } from './provenance.js';
import { type PatientRecord, type RecordInput, asRecord } from './record.js';
import { resolveReference } from './references.js';
import { isProcedureUnderWayOrDone, isServiceRequestPlanned } from './validity.js';

/**
 * Radiotherapy courses: Procedure (done, or under way) and ServiceRequest (planned). Dose from the CodeX
 * prescribed-dose extension or the mCODE delivered-dose extension; with several volumes (e.g. a boost) the
 * volume with the highest total dose describes the course. Without an extension, the dose is read from the
 * order's words (code text, orderDetail, note, patientInstruction); a local code is read by the text lexicon.
 */

interface Dose {
  totalCGy?: number;
  fractions?: number;
}

/** cGy from a Quantity in cGy or Gy (UCUM code or unit text). */
function cGy(q: unknown): number | undefined {
  const quantity = obj(q);
  const value = num(quantity?.value);
  if (value === undefined || value < 0) return undefined;
  const unit = (str(quantity?.code) ?? str(quantity?.unit) ?? '').toLowerCase();
  if (unit === 'gy') return value * 100;
  return unit === 'cgy' ? value : undefined;
}

function count(ext: Json | undefined): number | undefined {
  if (!ext) return undefined;
  const n = num(ext.valueUnsignedInt) ?? num(ext.valuePositiveInt) ?? num(ext.valueInteger);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function sub(ext: Json, ...urls: string[]): Json | undefined {
  return objs(ext.extension).find((e) => urls.includes(str(e.url) ?? ''));
}

export interface DoseVolume extends Dose {
  volume?: unknown;
}

export function doseVolumesOf(r: Json): DoseVolume[] {
  const out: DoseVolume[] = [];
  for (const ext of objs(r.extension)) {
    const url = str(ext.url);
    let total: number | undefined;
    let fractions: number | undefined;
    if (url === CODEX_DOSE_PRESCRIBED) {
      total = cGy(sub(ext, 'totalDose', 'totalDosePrescribed')?.valueQuantity);
      fractions = count(sub(ext, 'fractions', 'fractionsPrescribed'));
    } else if (url === MCODE_DOSE_DELIVERED) {
      total = cGy(sub(ext, 'totalDoseDelivered')?.valueQuantity);
      fractions = count(sub(ext, 'fractionsDelivered'));
    } else continue;
    const volume = sub(ext, 'volume')?.valueReference;
    out.push({ ...(total !== undefined ? { totalCGy: total } : {}), ...(fractions !== undefined ? { fractions } : {}), ...(volume ? { volume } : {}) });
  }
  return out;
}

export function courseOf(code: unknown, dose: Dose, texts: readonly string[] = []): RadiotherapyCourse {
  if (findConcept(code, [CONCEPT.shortCourseRt])) return 'short-course';
  if (findConcept(code, [CONCEPT.longCourseCrt])) return 'long-course';
  if (dose.totalCGy === SHORT_COURSE.totalCGy && dose.fractions === SHORT_COURSE.fractions) return 'short-course';
  if (dose.totalCGy !== undefined && dose.totalCGy >= LONG_COURSE_MIN_CGY) return 'long-course';
  const named = courseFromText(texts, dose);
  if (named) return named;
  if (dose.totalCGy === undefined && findCoding(code, SYSTEM.snomed, SNOMED_CHEMORADIATION)) return 'long-course';
  return 'other';
}

const PELVIC_WORDS = /\b(pelvis|pelvic|rectum|rectal|presacral|mesorect\w*)\b/i;

function isPelvicSite(site: unknown): boolean {
  return !!findCoding(site, SYSTEM.snomed, SNOMED_PELVIC_SITE) || textsOf(site).some((t) => PELVIC_WORDS.test(t));
}

/**
 * Pelvic when a body site (or a treated volume's BodyStructure location) is pelvis/rectum. Without a site, the
 * order's words decide: pelvis/rectum/rectal is pelvic, a text naming only another site (liver SBRT) is not,
 * and an order that names no site at all is read as pelvic (conventions).
 */
function isPelvic(record: PatientRecord, r: Json, volumes: DoseVolume[], texts: readonly string[]): boolean {
  const sites: unknown[] = [...objs(r.bodySite)];
  for (const v of volumes) {
    const structure = v.volume === undefined ? undefined : resolveReference(record, v.volume, r);
    if (structure?.resourceType === 'BodyStructure') sites.push(...[structure.location, ...objs(structure.locationQualifier)].filter((x) => x !== undefined));
  }
  if (sites.length > 0) return sites.some(isPelvicSite);
  if (texts.some((t) => PELVIC_WORDS.test(t))) return true;
  return !texts.some((t) => NON_PELVIC_SITE_WORDS.test(t));
}

/**
 * `system|code` or `text:<words>` of what makes this resource a radiotherapy course: its code, else a CodeX
 * radiotherapy category whatever the code (unless the code's words say it is no course, e.g. SIRT).
 */
function radiotherapyMatch(r: Json): string | undefined {
  const concept = findConcept(r.code, [CONCEPT.shortCourseRt, CONCEPT.longCourseCrt]);
  if (concept) return matchedOf(concept);
  const reading = readKind([r.code], RT_CODE_RULES);
  if (reading) return reading.matched;
  const category = findCoding(objsLenient(r.category), SYSTEM.snomed, SNOMED_RT_CATEGORY);
  if (!category || conceptTexts([r.code]).some((t) => RT_TEXT.unless?.test(t))) return undefined;
  return matchedOf(category);
}

/** The words an order may carry its dose in: code text, orderDetail, note, patientInstruction. */
function orderTexts(r: Json): string[] {
  const notes = objs(r.note).flatMap((n) => (str(n.text) ? [n.text as string] : []));
  const instruction = str(r.patientInstruction);
  return [...conceptTexts([r.code]), ...conceptTexts(objsLenient(r.orderDetail)), ...notes, ...(instruction ? [instruction] : [])];
}

/** A radiotherapy course read from one Procedure or ServiceRequest (also a draft order); undefined when it is not RT. */
export interface RadiotherapyReading {
  course: RadiotherapyCourse;
  pelvic: boolean;
  totalDoseCGy?: number;
  fractions?: number;
  /** `system|code`, or `text:<words>` when the course was read from the order's text. */
  matched: string;
}

export function readRadiotherapy(record: PatientRecord, r: Json): RadiotherapyReading | undefined {
  const matched = radiotherapyMatch(r);
  if (matched === undefined) return undefined;
  const volumes = doseVolumesOf(r);
  const texts = orderTexts(r);
  const coded = [...volumes].sort((a, b) => (b.totalCGy ?? -1) - (a.totalCGy ?? -1))[0];
  const main: Dose = coded && (coded.totalCGy !== undefined || coded.fractions !== undefined) ? coded : doseFromTexts(texts);
  return {
    course: courseOf(r.code, main, texts),
    pelvic: isPelvic(record, r, volumes, texts),
    ...(main.totalCGy !== undefined ? { totalDoseCGy: main.totalCGy } : {}),
    ...(main.fractions !== undefined ? { fractions: main.fractions } : {}),
    matched,
  };
}

export function mapRadiotherapy(input: RecordInput): Radiotherapy[] {
  const record = asRecord(input);
  const out: Radiotherapy[] = [];
  const add = (r: Json, status: 'done' | 'planned', date: string | undefined) => {
    const rt = readRadiotherapy(record, r);
    if (!rt) return;
    const { matched, ...course } = rt;
    out.push({
      ...course,
      status,
      ...(date !== undefined ? { date } : {}),
      source: provenanceOf(record, r, date, matched),
    });
  };
  for (const p of record.ofType('Procedure')) if (isProcedureUnderWayOrDone(p)) add(p, 'done', performedTime(p));
  for (const s of record.ofType('ServiceRequest')) if (isServiceRequestPlanned(s)) add(s, 'planned', occurrenceTime(s));
  return byDateAsc(out, (x) => x.date);
}
