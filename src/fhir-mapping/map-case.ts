import type { Resource } from 'fhir/r4.js';
import type { Case, Scope } from '../domain/case.js';
import { mapBiomarkers } from './biomarkers.js';
import { mapCeaSeries } from './cea.js';
import { mapCurativeIntent } from './curative-intent.js';
import { isoDate, toMs, withDateMemo } from './dates.js';
import { mapDiagnosis } from './diagnosis.js';
import { mapDiseaseStatus } from './disease-status.js';
import { mapDpydTest, mapGermlineTesting } from './genetics.js';
import { mapGoalsOfCare } from './goals-of-care.js';
import { mapLastImaging } from './imaging.js';
import { mapMdtReviews, mapResectabilityHistory } from './mdt.js';
import { currentMetastases } from './metastases.js';
import { mapPerformance } from './performance.js';
import { readProcedures } from './procedures.js';
import { mapRadiotherapy } from './radiotherapy.js';
import { type PatientRecord, buildRecord, findPatient } from './record.js';
import { type StagingFacts, mapStaging } from './staging.js';
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

/** Stage facts dated before `since` (or undated) left out: in a metastatic recurrence they describe the first diagnosis. */
function currentStaging(staging: StagingFacts, recurrent: boolean, since: string | undefined): StagingFacts {
  if (!recurrent) return staging;
  const sinceMs = toMs(since);
  const current = (date: string | undefined): boolean => sinceMs !== undefined && (toMs(date) ?? -Infinity) >= sinceMs;
  const { stageGroup, tnm, ...rest } = staging;
  const keptTnm: StagingFacts['tnm'] = {};
  for (const k of ['t', 'n', 'm'] as const) {
    const f = tnm[k];
    if (f && current(f.source.date)) keptTnm[k] = f;
  }
  return { ...rest, ...(stageGroup && current(stageGroup.source.date) ? { stageGroup } : {}), tnm: keptTnm };
}

export function mapCase(resources: readonly Resource[] | readonly unknown[], options: MappingOptions): Case {
  // Dates are parsed once per call (see `withDateMemo`): the pieces below resolve the same dates many times.
  // The resources in one order whatever order they came in: the same record always gives the same facts.
  return withDateMemo(() => mapRecord(buildRecord(Array.isArray(resources) ? resources : [], 'stable'), options));
}

function mapRecord(record: PatientRecord, options: MappingOptions): Case {
  const now = options.now instanceof Date && Number.isFinite(options.now.getTime()) ? options.now : new Date(NaN);
  const nowIso = Number.isFinite(now.getTime()) ? now.toISOString() : '';

  const patient = findPatient(record, options.patientId);
  const deceased = isDeceased(patient);
  const clock = { nowMs: now.getTime(), record };
  const { facts: procedures, localTreatments } = readProcedures(record);
  const primaryResected = procedures.some((p) => p.kind === 'primary-resection' && p.status === 'done');
  const metastases = currentMetastases(record, { clock, localTreatments });

  const diagnosis = mapDiagnosis(record, {
    rectosigmoidInScope: options.rectosigmoidInScope === true,
    primaryResected,
    metastases,
    clock,
  });
  const recurrenceDate = diagnosis.metastaticRecurrence ? metastases[0]?.date : undefined;
  // In a metastatic recurrence, the stage written at the first diagnosis is history: only what is dated since counts.
  const staging = currentStaging(mapStaging(record, diagnosis.scopeConditions.map((c) => c.condition)), diagnosis.metastaticRecurrence !== undefined, recurrenceDate);
  const stageIV = staging.stageIv || metastases.length > 0;

  // Earliest dated evidence of metastatic disease; the rectal Condition's recordedDate only when none is dated.
  // A metastatic recurrence dates from its metastasis.
  let metastaticDiagnosisDate = diagnosis.metastaticRecurrence
    ? recurrenceDate
    : earliest([...metastases.map((m) => m.date), ...staging.stageIvDates]);
  if (metastaticDiagnosisDate === undefined && stageIV && !diagnosis.metastaticRecurrence) {
    const fallback = [...staging.stageIvConditions, ...diagnosis.scopeConditions.map((c) => c.condition)];
    metastaticDiagnosisDate = fallback.map((c) => isoDate(c.recordedDate)).find((d) => d !== undefined);
  }
  const therapy = mapTherapy(record, now, metastaticDiagnosisDate);
  const resectabilityHistory = mapResectabilityHistory(record);
  const mdtReviews = mapMdtReviews(record);
  const curativeIntent = mapCurativeIntent(record, now);
  const performance = mapPerformance(record, now);
  const diseaseStatus = mapDiseaseStatus(record);
  const lastImaging = mapLastImaging(record);
  const germlineTesting = mapGermlineTesting(record);
  const dpydTest = mapDpydTest(record);

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
    mdtReviews,
    goalsOfCare: mapGoalsOfCare(record, now),
    ...(germlineTesting ? { germlineTesting } : {}),
    ...(dpydTest ? { dpydTest } : {}),
    ...(curativeIntent ? { curativeIntent } : {}),
    ...(diagnosis.recurrence ? { recurrence: diagnosis.recurrence } : {}),
    ...(diagnosis.metastaticRecurrence ? { metastaticRecurrence: diagnosis.metastaticRecurrence } : {}),
    symptoms: mapSymptoms(record, now),
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
