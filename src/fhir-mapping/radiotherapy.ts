import type { Radiotherapy, RadiotherapyCourse } from '../domain/case.js';
import {
  CODEX_DOSE_PRESCRIBED, CONCEPT, LONG_COURSE_MIN_CGY, MCODE_DOSE_DELIVERED, SHORT_COURSE, SNOMED_PELVIC_SITE,
  SNOMED_RADIOTHERAPY, SYSTEM,
} from './codes.js';
import { type Coding, findConcept, findCoding, matchedOf, textsOf } from './coding.js';
import { byDateAsc, occurrenceTime, performedTime } from './dates.js';
import { type Json, num, obj, objs, str } from './json.js';
import { provenanceOf } from './provenance.js';
import { type PatientRecord, type RecordInput, asRecord } from './record.js';
import { resolveReference } from './references.js';
import { isProcedureUnderWayOrDone, isServiceRequestPlanned } from './validity.js';

/**
 * Radiotherapy courses: Procedure (done, or under way) and ServiceRequest (planned). Dose from the CodeX
 * prescribed-dose extension or the mCODE delivered-dose extension; with several volumes (e.g. a boost) the
 * volume with the highest total dose describes the course.
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

export function courseOf(code: unknown, dose: Dose): RadiotherapyCourse {
  if (findConcept(code, [CONCEPT.shortCourseRt])) return 'short-course';
  if (findConcept(code, [CONCEPT.longCourseCrt])) return 'long-course';
  if (dose.totalCGy === SHORT_COURSE.totalCGy && dose.fractions === SHORT_COURSE.fractions) return 'short-course';
  if (dose.totalCGy !== undefined && dose.totalCGy >= LONG_COURSE_MIN_CGY) return 'long-course';
  return 'other';
}

const PELVIC_WORDS = /\b(pelvis|pelvic|rectum|rectal|presacral|mesorect\w*)\b/i;

function isPelvicSite(site: unknown): boolean {
  return !!findCoding(site, SYSTEM.snomed, SNOMED_PELVIC_SITE) || textsOf(site).some((t) => PELVIC_WORDS.test(t));
}

/** Pelvic when a body site (or a treated volume's BodyStructure location) is pelvis/rectum, or when no site is given. */
function isPelvic(record: PatientRecord, r: Json, volumes: DoseVolume[]): boolean {
  const sites: unknown[] = objs(r.bodySite);
  for (const v of volumes) {
    const structure = v.volume === undefined ? undefined : resolveReference(record, v.volume, r);
    if (structure?.resourceType === 'BodyStructure') sites.push(...[structure.location, ...objs(structure.locationQualifier)].filter((x) => x !== undefined));
  }
  return sites.length === 0 || sites.some(isPelvicSite);
}

function radiotherapyCoding(code: unknown): Coding | undefined {
  return findCoding(code, SYSTEM.snomed, SNOMED_RADIOTHERAPY) ?? findConcept(code, [CONCEPT.shortCourseRt, CONCEPT.longCourseCrt]);
}

/** A radiotherapy course read from one Procedure or ServiceRequest (also a draft order); undefined when it is not RT. */
export interface RadiotherapyReading {
  course: RadiotherapyCourse;
  pelvic: boolean;
  totalDoseCGy?: number;
  fractions?: number;
  coding: Coding;
}

export function readRadiotherapy(record: PatientRecord, r: Json): RadiotherapyReading | undefined {
  const coding = radiotherapyCoding(r.code);
  if (!coding) return undefined;
  const volumes = doseVolumesOf(r);
  const main = [...volumes].sort((a, b) => (b.totalCGy ?? -1) - (a.totalCGy ?? -1))[0] ?? {};
  return {
    course: courseOf(r.code, main),
    pelvic: isPelvic(record, r, volumes),
    ...(main.totalCGy !== undefined ? { totalDoseCGy: main.totalCGy } : {}),
    ...(main.fractions !== undefined ? { fractions: main.fractions } : {}),
    coding,
  };
}

export function mapRadiotherapy(input: RecordInput): Radiotherapy[] {
  const record = asRecord(input);
  const out: Radiotherapy[] = [];
  const add = (r: Json, status: 'done' | 'planned', date: string | undefined) => {
    const rt = readRadiotherapy(record, r);
    if (!rt) return;
    const { coding, ...course } = rt;
    out.push({
      ...course,
      status,
      ...(date !== undefined ? { date } : {}),
      source: provenanceOf(record, r, date, matchedOf(coding)),
    });
  };
  for (const p of record.ofType('Procedure')) if (isProcedureUnderWayOrDone(p)) add(p, 'done', performedTime(p));
  for (const s of record.ofType('ServiceRequest')) if (isServiceRequestPlanned(s)) add(s, 'planned', occurrenceTime(s));
  return byDateAsc(out, (x) => x.date);
}
