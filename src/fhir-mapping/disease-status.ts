import type { DiseaseStatus, Fact } from '../domain/case.js';
import { LOINC_DISEASE_STATUS, SNOMED_DISEASE_STATUS, SYSTEM } from './codes.js';
import { findCoding, matchedOf } from './coding.js';
import { effectiveTime, newest } from './dates.js';
import { allObservations } from './observations.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isObservationValid } from './validity.js';

/** Latest valid cancer disease status (LOINC 97509-4): improved, stable or worsened (progression). */
export function mapDiseaseStatus(input: RecordInput): Fact<DiseaseStatus> | undefined {
  const record = asRecord(input);
  const found: Fact<DiseaseStatus>[] = [];
  for (const o of allObservations(record)) {
    if (!isObservationValid(o) || !findCoding(o.code, SYSTEM.loinc, [LOINC_DISEASE_STATUS])) continue;
    for (const [status, code] of Object.entries(SNOMED_DISEASE_STATUS) as [DiseaseStatus, string][]) {
      const coding = findCoding(o.valueCodeableConcept, SYSTEM.snomed, [code]);
      if (coding) {
        found.push({ value: status, source: provenanceOf(record, o, effectiveTime(o), matchedOf(coding)) });
        break;
      }
    }
  }
  return newest(found, (f) => f.source.date);
}
