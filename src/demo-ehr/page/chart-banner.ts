import type { CodeableConcept, Condition, HumanName, Patient } from 'fhir/r4.js';
import { ageYears, day } from '../../smart/labels.js';

/**
 * What the demo EHR's patient banner says, as an EHR's banner does: name, age, sex, birth date, and the
 * diagnosis from the problem list (the primary cancer first). Read from the EHR's own FHIR data; pure.
 */
export interface ChartBanner {
  name: string;
  /** e.g. "56 y · male · born 1970-06-02". */
  demographics: string;
  diagnosis?: { text: string; since?: string; id: string };
  /** Other active problems (e.g. the metastases), in record order. */
  otherProblems: string[];
}

const PRIMARY_CANCER_PROFILE = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition';
const INACTIVE = new Set(['inactive', 'remission', 'resolved']);
const NOT_TRUE = new Set(['refuted', 'entered-in-error']);

function nameOf(p: Patient): string {
  const n: HumanName | undefined = p.name?.find((x) => x.use === 'official') ?? p.name?.[0];
  return n?.text ?? ([...(n?.given ?? []), n?.family].filter(Boolean).join(' ') || 'Unnamed patient');
}

function conceptText(cc: CodeableConcept | undefined): string | undefined {
  return cc?.text ?? cc?.coding?.find((c) => c.display)?.display;
}

const statusOf = (cc: CodeableConcept | undefined) => cc?.coding?.[0]?.code;

/** Conditions on the problem list that are current and not refuted; the primary cancer first. */
function activeProblems(conditions: readonly Condition[]): Condition[] {
  const current = conditions.filter((c) => !INACTIVE.has(statusOf(c.clinicalStatus) ?? '') && !NOT_TRUE.has(statusOf(c.verificationStatus) ?? ''));
  const primary = (c: Condition) => (c.meta?.profile?.includes(PRIMARY_CANCER_PROFILE) ? 0 : 1);
  return current.map((c, i) => ({ c, i })).sort((a, b) => primary(a.c) - primary(b.c) || a.i - b.i).map(({ c }) => c);
}

export function chartBanner(patient: Patient, conditions: readonly Condition[], now: Date): ChartBanner {
  const age = ageYears(patient.birthDate, now);
  const demographics = [age !== undefined ? `${age} y` : undefined, patient.gender, patient.birthDate ? `born ${patient.birthDate}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const [first, ...rest] = activeProblems(conditions).filter((c) => conceptText(c.code));
  const since = day(first?.onsetDateTime ?? first?.recordedDate);
  return {
    name: nameOf(patient),
    demographics: demographics || 'age and sex not recorded',
    ...(first ? { diagnosis: { text: conceptText(first.code) as string, ...(since ? { since } : {}), id: `Condition/${first.id ?? ''}` } } : {}),
    otherProblems: rest.map((c) => conceptText(c.code) as string),
  };
}
