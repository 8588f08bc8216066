import type { CodeableConcept, Condition, HumanName, Patient, Resource } from 'fhir/r4.js';
import { type Case, type OutOfScopeReason, type Provenance, readFromText } from '../domain/case.js';
import type { FactBase } from '../engine/facts/fact-types.js';
import { ageYears, ago, day, DISEASE_STATUS_LABEL, ref, RESECTABILITY_LABEL, SITE_LABEL, stageLabel, SYMPTOM_LABEL } from './labels.js';

/**
 * "The case at a glance": the rows of the overview panel, derived from the mapped case (the same facts the
 * engine used) plus display text the case model does not keep (names, the diagnosis wording). Pure.
 */
export interface Row {
  /** Stable key, also the `data-field` the page carries (tests and styling). */
  key: string;
  label: string;
  value: string;
  date?: string;
  source?: string;
  /** No data: the value is the empty-state sentence. */
  empty?: boolean;
}

export interface PatientBanner {
  name: string;
  /** e.g. "58 y, male". */
  summary: string;
  birthDate?: string;
  deceased: boolean;
}

export interface Overview {
  patient: PatientBanner;
  /** Set when the engine gives no recommendations for a reason the clinician must see. */
  scopeNotice?: string;
  rows: Row[];
}

const OUT_OF_SCOPE: Record<OutOfScopeReason, string> = {
  'no-rectal-cancer': 'No rectal cancer is on file for this patient: there is nothing for this app to summarise.',
  'colon-cancer': 'The cancer on file is a colon cancer: this app covers rectal cancer only.',
  'anal-cancer': 'The cancer on file is an anal cancer: this app covers rectal adenocarcinoma only.',
  'other-cancer': 'The cancer on file is not a rectal cancer: this app covers rectal cancer only.',
  'rectosigmoid-disabled': 'Rectosigmoid cancer (C19) is out of scope in this deployment.',
  deceased: 'The patient is recorded as deceased: no recommendations are given.',
};

function nameOf(p: Patient | undefined): string {
  const names: HumanName[] = p?.name ?? [];
  const n = names.find((x) => x.use === 'official') ?? names[0];
  if (!n) return 'Unnamed patient';
  if (n.text) return n.text;
  return [...(n.given ?? []), n.family].filter(Boolean).join(' ') || 'Unnamed patient';
}

function banner(p: Patient | undefined, c: Case, now: Date): PatientBanner {
  const age = ageYears(p?.birthDate, now);
  const parts = [age !== undefined ? `${age} y` : undefined, p?.gender].filter((x): x is string => x !== undefined);
  return {
    name: nameOf(p),
    summary: parts.join(', ') || 'age and sex not recorded',
    ...(p?.birthDate ? { birthDate: p.birthDate } : {}),
    deceased: c.deceased,
  };
}

function conceptText(cc: CodeableConcept | undefined): string | undefined {
  return cc?.text ?? cc?.coding?.find((x) => x.display)?.display;
}

function diagnosisRow(c: Case, resources: readonly Resource[]): Row {
  if (c.scope.kind === 'out-of-scope') return { key: 'diagnosis', label: 'Diagnosis', value: 'No rectal cancer in scope', empty: true };
  const source = c.scope.condition;
  const condition = resources.find((r): r is Condition => r.resourceType === 'Condition' && r.id === source.id);
  const icd = condition?.code?.coding?.find((x) => x.system?.includes('icd-10') && x.code)?.code;
  const histology = condition?.extension?.find((e) => e.url.endsWith('mcode-histology-morphology-behavior'))?.valueCodeableConcept;
  const histologyText = conceptText(histology);
  const what = conceptText(condition?.code) ?? (c.scope.kind === 'rectosigmoid' ? 'Rectosigmoid cancer' : 'Rectal cancer');
  const value = [what + (icd ? ` (${icd})` : ''), histologyText].filter(Boolean).join(' · ');
  return withSource({ key: 'diagnosis', label: 'Diagnosis', value }, c.diagnosisDate ?? source.date, source);
}

function withSource(row: Row, date: string | undefined, source: Provenance | undefined): Row {
  const d = day(date);
  return { ...row, ...(d ? { date: d } : {}), ...(source ? { source: ref(source) } : {}) };
}

function empty(key: string, label: string, value: string): Row {
  return { key, label, value, empty: true };
}

const fromText = (p: Provenance): string => (readFromText(p) ? ' (read from text)' : '');

/** Comfort-focused care (it pauses cancer-directed advice), then DNR and palliative care (recorded; they pause nothing). */
function goalsOfCareRow(c: Case): Row {
  const g = c.goalsOfCare;
  const parts = [
    g.comfortCare && `Comfort-focused care: ${g.comfortCare.value}${fromText(g.comfortCare.source)}`,
    g.doNotResuscitate && `Do not resuscitate${fromText(g.doNotResuscitate)}`,
    g.palliativeCare && `Palliative care involved${fromText(g.palliativeCare)}`,
  ].filter((x): x is string => typeof x === 'string');
  const source = g.comfortCare?.source ?? g.doNotResuscitate ?? g.palliativeCare;
  if (parts.length === 0 || !source) return empty('goals-of-care', 'Goals of care', 'No goals-of-care record on file');
  return withSource({ key: 'goals-of-care', label: 'Goals of care', value: parts.join(' · ') }, source.date, source);
}

export function buildOverview(f: FactBase, resources: readonly Resource[], now: Date): Overview {
  const c = f.case;
  const patient = resources.find((r): r is Patient => r.resourceType === 'Patient' && r.id === c.patientId);
  const rows: Row[] = [diagnosisRow(c, resources)];

  rows.push(
    c.stageGroup
      ? withSource({ key: 'stage', label: 'Stage', value: stageLabel(c.stageGroup.value) }, c.stageGroup.source.date, c.stageGroup.source)
      : c.metastaticRecurrence
        ? withSource({ key: 'stage', label: 'Stage', value: 'Stage IV (metastatic recurrence)' }, c.metastaticRecurrence.date, c.metastaticRecurrence)
      : c.stageIV
        ? empty('stage', 'Stage', 'No stage group recorded; stage IV by distant metastases')
        : empty('stage', 'Stage', 'No stage recorded'),
  );

  const tnm = [c.tnm.t, c.tnm.n, c.tnm.m].filter((x) => x !== undefined);
  const newestTnm = tnm.map((x) => x.source).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
  rows.push(
    tnm.length > 0
      ? withSource({ key: 'tnm', label: 'TNM', value: tnm.map((x) => x.value).join(' ') }, newestTnm?.date, newestTnm)
      : empty('tnm', 'TNM', 'No TNM recorded'),
  );

  if (c.metastases.length > 0) {
    const sites = c.metastases.map((m) => `${SITE_LABEL[m.site]}${day(m.date) ? ` (${day(m.date)})` : ''}`);
    const timing = f.synchronous === undefined ? '' : f.synchronous ? ' · synchronous' : ' · metachronous';
    rows.push({ key: 'metastases', label: 'Metastatic sites', value: sites.join(', ') + timing });
  } else {
    rows.push(empty('metastases', 'Metastatic sites', 'No current distant metastasis recorded'));
  }

  rows.push(
    f.resectability
      ? withSource(
          { key: 'resectability', label: 'Resectability', value: RESECTABILITY_LABEL[f.resectability.value] },
          f.resectability.source.date,
          f.resectability.source,
        )
      : empty('resectability', 'Resectability', 'No resectability assessment on file'),
  );

  rows.push(
    f.mdtReview
      ? withSource({ key: 'mdt', label: 'Tumour board', value: `Reviewed ${ago(f.mdtReview.date, now) ?? ''}`.trim() }, f.mdtReview.date, f.mdtReview)
      : empty('mdt', 'Tumour board', 'No tumour board review on file'),
  );

  const primary = c.procedures.find((p) => p.kind === 'primary-resection' && p.status === 'done');
  rows.push(
    primary
      ? withSource({ key: 'primary', label: 'Primary tumour', value: 'Resected' }, primary.date, primary.source)
      : { key: 'primary', label: 'Primary tumour', value: 'In place' },
  );

  rows.push(
    c.symptoms.length > 0
      ? { key: 'symptoms', label: 'Symptoms', value: [...new Set(c.symptoms.map((x) => SYMPTOM_LABEL[x.symptom]))].join(', ') }
      : empty('symptoms', 'Symptoms', 'No primary-tumour symptom recorded'),
  );

  const ps = c.performance;
  rows.push(
    ps
      ? withSource(
          { key: 'ecog', label: 'ECOG', value: ps.from === 'Karnofsky' ? `${ps.ecog} (from Karnofsky ${ps.karnofsky ?? '?'})` : String(ps.ecog) },
          ps.date,
          ps.source,
        )
      : empty('ecog', 'ECOG', 'No performance status on file'),
  );

  rows.push(goalsOfCareRow(c));

  if (c.diseaseStatus) {
    rows.push(
      withSource({ key: 'disease-status', label: 'Disease status', value: DISEASE_STATUS_LABEL[c.diseaseStatus.value] }, c.diseaseStatus.source.date, c.diseaseStatus.source),
    );
  }
  rows.push(
    c.lastImaging
      ? withSource({ key: 'imaging', label: 'Last CT/MRI', value: ago(c.lastImaging.value, now) ?? 'date unknown' }, c.lastImaging.value, c.lastImaging.source)
      : empty('imaging', 'Last CT/MRI', 'No CT or MRI report on file'),
  );

  const scopeNotice =
    c.scope.kind === 'out-of-scope'
      ? OUT_OF_SCOPE[c.scope.reason]
      : !c.stageIV
        ? 'No stage IV disease is on file: the stage IV recommendations do not apply.'
        : undefined;
  return { patient: banner(patient, c, now), ...(scopeNotice ? { scopeNotice } : {}), rows };
}
