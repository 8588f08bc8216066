import type { Resource } from 'fhir/r4.js';
import type { Case, Scope } from '../domain/case.js';
import { mapBiomarkers } from './biomarkers.js';
import { mapCeaSeries } from './cea.js';
import { mapCurativeIntent } from './curative-intent.js';
import { isoDate, toMs, withDateMemo } from './dates.js';
import { mapDiagnosis } from './diagnosis.js';
import { mapDiseaseStatus } from './disease-status.js';
import { mapLastImaging } from './imaging.js';
import { mapMdtReview, mapResectabilityHistory } from './mdt.js';
import { currentMetastases } from './metastases.js';
import { mapPerformance } from './performance.js';
import { mapProcedures } from './procedures.js';
import { mapRadiotherapy } from './radiotherapy.js';
import { type PatientRecord, buildRecord, findPatient } from './record.js';
import { mapStaging } from './staging.js';
import { mapSymptoms } from './symptoms.js';
import { mapTherapy } from './therapy-lines.js';
import { isDeceased } from './validity.js';

/**
 * FHIR R4 resources -> `Case`, per `shared/clinical/data-conventions.md`. Pure: no I/O, no clock (`now` is
 * passed in), and it never throws on malformed input: anything it cannot read stays unknown.
 */
export interface MappingOptions {
  patientId: string;
  now: Date;
  rectosigmoidInScope: boolean;
}

function earliest(dates: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const d of dates) {
    const ms = toMs(d);
    if (ms !== undefined && (best === undefined || ms < (toMs(best) as number))) best = d;
  }
  return best;
}

export function mapCase(resources: readonly Resource[] | readonly unknown[], options: MappingOptions): Case {
  // Dates are parsed once per call (see `withDateMemo`): the pieces below resolve the same dates many times.
  return withDateMemo(() => mapRecord(buildRecord(Array.isArray(resources) ? resources : []), options));
}

function mapRecord(record: PatientRecord, options: MappingOptions): Case {
  const now = options.now instanceof Date && Number.isFinite(options.now.getTime()) ? options.now : new Date(NaN);
  const nowIso = Number.isFinite(now.getTime()) ? now.toISOString() : '';

  const patient = findPatient(record, options.patientId);
  const deceased = isDeceased(patient);
  const procedures = mapProcedures(record);
  const primaryResected = procedures.some((p) => p.kind === 'primary-resection' && p.status === 'done');
  const metastases = currentMetastases(record);

  const diagnosis = mapDiagnosis(record, {
    rectosigmoidInScope: options.rectosigmoidInScope === true,
    primaryResected,
    distantMetastasisCurrent: metastases.length > 0,
  });
  const staging = mapStaging(record, diagnosis.scopeConditions.map((c) => c.condition));
  const stageIV = staging.stageIv || metastases.length > 0;

  // Earliest dated evidence of metastatic disease; the rectal Condition's recordedDate only when none is dated.
  let metastaticDiagnosisDate = earliest([...metastases.map((m) => m.date), ...staging.stageIvDates]);
  if (metastaticDiagnosisDate === undefined && stageIV) {
    const fallback = [...staging.stageIvConditions, ...diagnosis.scopeConditions.map((c) => c.condition)];
    metastaticDiagnosisDate = fallback.map((c) => isoDate(c.recordedDate)).find((d) => d !== undefined);
  }
  const therapy = mapTherapy(record, now, metastaticDiagnosisDate);
  const resectabilityHistory = mapResectabilityHistory(record);
  const mdtReview = mapMdtReview(record);
  const curativeIntent = mapCurativeIntent(record, now);
  const performance = mapPerformance(record, now);
  const diseaseStatus = mapDiseaseStatus(record);
  const lastImaging = mapLastImaging(record);

  // A deceased patient gets no cards; a non-rectal cancer keeps its more specific reason.
  const scope: Scope = deceased && diagnosis.scope.kind !== 'out-of-scope' ? { kind: 'out-of-scope', reason: 'deceased' } : diagnosis.scope;

  return {
    patientId: options.patientId,
    now: nowIso,
    deceased,
    scope,
    ...(diagnosis.diagnosisDate !== undefined ? { diagnosisDate: diagnosis.diagnosisDate } : {}),
    ...(staging.stageGroup ? { stageGroup: staging.stageGroup } : {}),
    tnm: staging.tnm,
    stageIV,
    metastases: metastases.map(({ condition: _c, ...m }) => m),
    ...(metastaticDiagnosisDate !== undefined ? { metastaticDiagnosisDate } : {}),
    resectabilityHistory,
    ...(mdtReview ? { mdtReview } : {}),
    ...(curativeIntent ? { curativeIntent } : {}),
    ...(diagnosis.recurrence ? { recurrence: diagnosis.recurrence } : {}),
    symptoms: mapSymptoms(record),
    biomarkers: mapBiomarkers(record),
    cea: mapCeaSeries(record),
    ...(performance ? { performance } : {}),
    ...(diseaseStatus ? { diseaseStatus } : {}),
    ...(lastImaging ? { lastImaging } : {}),
    therapy,
    radiotherapy: mapRadiotherapy(record),
    procedures,
    primaryResected,
  };
}
