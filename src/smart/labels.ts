import type {
  DiseaseStatus,
  MetastaticSite,
  ProcedureKind,
  RadiotherapyCourse,
  Resectability,
  StageGroup,
  Symptom,
} from '../domain/case.js';
import { DAY_MS } from '../domain/time.js';

/** Words a clinician reads on the page for the case model's codes. */

export const SITE_LABEL: Record<MetastaticSite, string> = {
  liver: 'Liver',
  lung: 'Lung',
  peritoneum: 'Peritoneum',
  bone: 'Bone',
  brain: 'Brain',
  pleura: 'Pleura',
  adrenal: 'Adrenal',
  'distant-lymph-node': 'Distant lymph nodes',
  other: 'Other site',
};

export const RESECTABILITY_LABEL: Record<Resectability, string> = {
  resectable: 'Resectable',
  'potentially-resectable': 'Potentially resectable',
  unresectable: 'Unresectable',
};

export const SYMPTOM_LABEL: Record<Symptom, string> = {
  obstruction: 'Obstruction',
  'impending-obstruction': 'Impending obstruction',
  perforation: 'Perforation',
  bleeding: 'Bleeding from the primary',
  'primary-tumour-pain': 'Pain from the primary',
  'symptomatic-metastasis': 'Symptomatic metastasis',
};

export const PROCEDURE_LABEL: Record<ProcedureKind, string> = {
  'primary-resection': 'Resection of the primary',
  diversion: 'Diverting stoma',
  'rectal-stent': 'Rectal stent',
  'liver-resection': 'Liver resection',
  ablation: 'Ablation',
  embolisation: 'Embolisation',
  radioembolisation: 'Radioembolisation (SIRT)',
  'hepatic-arterial-infusion': 'Hepatic arterial infusion pump',
  'other-major-surgery': 'Major surgery',
};

export const RADIOTHERAPY_LABEL: Record<RadiotherapyCourse, string> = {
  'short-course': 'Short-course radiotherapy',
  'long-course': 'Long-course (chemo)radiotherapy',
  other: 'Radiotherapy',
};

export const DISEASE_STATUS_LABEL: Record<DiseaseStatus, string> = {
  improved: 'Responding',
  stable: 'Stable disease',
  worsened: 'Progression',
};

const STAGE_LABEL: Record<StageGroup, string> = { I: 'I', II: 'II', III: 'III', IV: 'IV', IVA: 'IVA', IVB: 'IVB', IVC: 'IVC' };

export function stageLabel(stage: StageGroup): string {
  return `Stage ${STAGE_LABEL[stage]}`;
}

/** A line as a clinician names it ("FOLFOX + bevacizumab"): the cards' own wording. */
export { lineLabel } from '../engine/facts/wording.js';

/** `YYYY-MM-DD` of an ISO date or date-time (the date as recorded, no time-zone shift). */
export function day(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}


/** Whole years from a FHIR birth date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) to `now`, or undefined. */
export function ageYears(birthDate: string | undefined, now: Date): number | undefined {
  const m = birthDate ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate) : null;
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d)) age -= 1;
  return age;
}

/** Whole days from `iso` to `now` (negative when in the future), or undefined when the date is unreadable. */
export function daysSince(iso: string | undefined, now: Date): number | undefined {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? Math.floor((now.getTime() - ms) / DAY_MS) : undefined;
}

export function ago(iso: string | undefined, now: Date): string | undefined {
  const d = daysSince(iso, now);
  if (d === undefined) return undefined;
  if (d < 0) return `in ${-d} day${d === -1 ? '' : 's'}`;
  if (d === 0) return 'today';
  return `${d} day${d === 1 ? '' : 's'} ago`;
}

/** `Observation/abc`: the record a value came from, as cards cite it. */
export function ref(source: { resourceType: string; id: string }): string {
  return `${source.resourceType}/${source.id}`;
}
