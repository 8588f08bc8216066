import type { Fact } from '../domain/case.js';
import { IMAGING_MODALITIES, SYSTEM } from './codes.js';
import { codingsOf, findCoding } from './coding.js';
import { effectiveTime, isoDate, newest } from './dates.js';
import { type Json, objs, objsLenient, str } from './json.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isReportValid } from './validity.js';

/**
 * Restaging imaging: a finished radiology DiagnosticReport (category v2-0074 RAD), or an ImagingStudy with
 * modality CT or MR. The fact's value is the report/study date; the latest one wins.
 */

function isRadiologyReport(r: Json): boolean {
  return !!(findCoding(r.category, SYSTEM.v20074, ['RAD']) ?? findCoding(r.category, SYSTEM.v20074Legacy, ['RAD']));
}

function isCtOrMr(study: Json): boolean {
  const modalities = [...objsLenient(study.modality), ...objs(study.series).flatMap((s) => objsLenient(s.modality))];
  return codingsOf(modalities).some(
    (c) => (c.system === undefined || c.system === SYSTEM.dicom) && IMAGING_MODALITIES.includes(c.code),
  );
}

const STUDY_UNUSABLE = ['cancelled', 'entered-in-error'];

export function mapLastImaging(input: RecordInput): Fact<string> | undefined {
  const record = asRecord(input);
  const found: Fact<string>[] = [];
  for (const r of record.ofType('DiagnosticReport')) {
    const date = effectiveTime(r);
    if (date !== undefined && isReportValid(r) && isRadiologyReport(r)) {
      found.push({ value: date, source: provenanceOf(record, r, date, `${SYSTEM.v20074}|RAD`) });
    }
  }
  for (const s of record.ofType('ImagingStudy')) {
    const date = isoDate(s.started);
    const status = str(s.status);
    if (date !== undefined && !(status !== undefined && STUDY_UNUSABLE.includes(status)) && isCtOrMr(s)) {
      found.push({ value: date, source: provenanceOf(record, s, date) });
    }
  }
  return newest(found, (f) => f.value);
}
