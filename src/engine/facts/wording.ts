import type {
  Case,
  GeneFinding,
  MetastaticSite,
  PerformanceStatus,
  ProcedureFact,
  ProcedureKind,
  Radiotherapy,
  Symptom,
  SymptomFact,
  TherapyLine,
} from '../../domain/case.js';
import { MODULATORS, FLUOROPYRIMIDINES } from '../../domain/drug-groups.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import type { BasedOn } from '../types.js';
import type { DrugSpan, LineFact } from './fact-types.js';

/** How facts read to a clinician: names, dates and "based on" lines. Pure. */

export function daysBetween(fromIso: string, to: Date | string): number {
  const toMs = typeof to === 'string' ? isoMs(to) : to.getTime();
  return Math.floor((toMs - isoMs(fromIso)) / DAY_MS);
}

export function isoDay(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'date unknown';
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- stage, resectability, biomarkers, fitness ------------------------------------------------------

/**
 * What makes the case stage IV, for the Based on list. A stage group of I-III beside metastases is the stage
 * of an earlier diagnosis: never cited as the current stage; the M category or the metastases are.
 */
export function stageBasis(c: Case): BasedOn {
  const group = c.stageGroup;
  if (group && (!c.stageIV || /^IV/i.test(group.value))) return { label: 'Stage', value: group.value, date: group.source.date, source: group.source };
  if (c.tnm.m) return { label: 'M category', value: c.tnm.m.value, date: c.tnm.m.source.date, source: c.tnm.m.source };
  const sites = [...new Set(c.metastases.map((m) => m.site))].join(', ');
  const first = c.metastases[0];
  return { label: 'Distant metastases', value: sites || 'documented', date: first?.date, source: first?.source };
}

export function metastaticSitesBasis(sites: readonly MetastaticSite[], date: string | undefined): BasedOn[] {
  return sites.length === 0 ? [] : [{ label: 'Metastatic sites', value: sites.join(', '), date }];
}

export function geneBasis(label: string, g: GeneFinding): BasedOn {
  if (g.status === 'unknown' || !g.used) return { label, value: 'no valid result on file' };
  const variant = g.used.variant ? ` ${g.used.variant}` : '';
  const scope = g.used.exon2Only ? ' (exon 2 only)' : '';
  const conflict = g.conflict ? ' — conflicting results on file; the mutant result is used' : '';
  return { label, value: `${g.status}${variant}${scope}${conflict}`, date: g.used.source.date, source: g.used.source };
}

export function msiBasis(msi: Case['biomarkers']['msi']): BasedOn {
  if (!msi.used) return { label: 'MSI/MMR', value: 'no valid result on file' };
  const value = msi.used.value === 'MSI-H' ? 'MSI-H/dMMR' : 'MSS/pMMR';
  const conflict = msi.conflict ? ' — conflicting results on file; the MSI-H/dMMR result is used' : '';
  return { label: 'MSI/MMR', value: `${value}${conflict}`, date: msi.used.source.date, source: msi.used.source };
}

export function her2Basis(her2: Case['biomarkers']['her2']): BasedOn {
  if (!her2.used) return { label: 'HER2', value: 'no valid result on file' };
  return { label: 'HER2', value: her2.status, date: her2.used.date, source: her2.used };
}

/** "KRAS p.Gly12Asp mutant": the mutation as a card names it. */
export function mutantName(g: GeneFinding): string {
  return `${g.gene}${g.used?.variant ? ` ${g.used.variant}` : ''} mutant`;
}

export function performanceBasis(p: PerformanceStatus | undefined): BasedOn {
  if (!p) return { label: 'Performance status', value: 'not documented in the last 90 days' };
  const from = p.from === 'Karnofsky' ? ` (Karnofsky ${p.karnofsky ?? '?'})` : '';
  return { label: 'ECOG', value: `${p.ecog}${from}`, date: p.date, source: p.source };
}

/**
 * The performance-status caveat of the later-line and targeted cards (decision table: "caveat in the text when
 * 2 or unknown"). Unknown is said, never assumed to be fit.
 */
export function performanceCaveat(p: PerformanceStatus | undefined, therapy: string): string | undefined {
  if (!p) return `_Performance status not documented in the last 90 days: ${therapy} is for patients in good performance status; record ECOG before deciding._`;
  if (p.ecog === 2) return `_ECOG 2: weigh the benefit of ${therapy} against its toxicity._`;
  if (p.ecog >= 3) return `_ECOG ${p.ecog}: outside the populations of the trials behind ${therapy}; decide at the MDT._`;
  return undefined;
}

// ---- lines of therapy ------------------------------------------------------------------------------

const NAMED_REGIMENS = new Set(['FOLFOX', 'CAPOX', 'FOLFIRI', 'FOLFOXIRI']);
/** Drugs a named regimen already stands for (shown once, as the regimen's name). */
const BACKBONE = [...FLUOROPYRIMIDINES, 'oxaliplatin', 'irinotecan', ...MODULATORS];

/** "FOLFOX + bevacizumab", "pembrolizumab", "capecitabine": the line as a clinician names it. */
export function lineLabel(line: Pick<TherapyLine, 'regimen' | 'drugs'>): string {
  const named = NAMED_REGIMENS.has(line.regimen);
  const shown = line.drugs.filter((d) => !MODULATORS.includes(d) && !(named && BACKBONE.includes(d)));
  return [...(named ? [line.regimen] : []), ...shown.map((d) => d.replace('-', '/'))].join(' + ') || 'systemic therapy';
}

const ORDINALS = ['first', 'second', 'third'];

/**
 * "first-line therapy", "second-line therapy", "line 4": how a card's summary names a line. Summaries name the
 * line, not its drugs, so they never read as recommending a drug the patient should not get.
 */
export function lineName(line: Pick<LineFact, 'number'>): string {
  const ordinal = ORDINALS[line.number - 1];
  return ordinal ? `${ordinal}-line therapy` : `line ${line.number}`;
}

/** The chemotherapy backbone by its regimen name (FOLFOX, CAPOX, FOLFIRI, FOLFOXIRI), else undefined. */
export function backboneName(line: Pick<LineFact, 'regimen'>): string | undefined {
  return NAMED_REGIMENS.has(line.regimen) ? line.regimen : undefined;
}

/** The line as a "based on" datum: regimen, cycles, and whether it is still running. */
export function lineBasis(line: LineFact): BasedOn {
  const cycles = line.cycles !== undefined ? `, ${line.cycles} cycle${line.cycles === 1 ? '' : 's'}` : '';
  const state = line.active ? ', ongoing' : line.lastGiven ? `, last given ${isoDay(line.lastGiven)}` : '';
  return { label: `Line ${line.number}`, value: `${lineLabel(line)}${cycles}${state}`, date: line.start };
}

// ---- symptoms --------------------------------------------------------------------------------------

/** Clinical names of the symptom facts. */
export const SYMPTOM_NAMES: Readonly<Record<Symptom, string>> = {
  obstruction: 'bowel obstruction',
  'impending-obstruction': 'impending obstruction',
  perforation: 'perforation',
  bleeding: 'bleeding',
  'primary-tumour-pain': 'pain from the primary',
  'symptomatic-metastasis': 'symptomatic metastasis',
};

/** A symptom as a "based on" datum (with the site of a symptomatic metastasis when known). */
export function symptomBasis(s: SymptomFact): BasedOn {
  const site = s.site ? ` (${s.site})` : '';
  return { label: 'Symptom', value: `${SYMPTOM_NAMES[s.symptom]}${site}`, date: s.source.date, source: s.source };
}

/**
 * "bleeding and pain from the primary": distinct symptom names joined for a summary. `ofPrimary` drops the
 * "from the primary" where the sentence already names the primary (summaries must stay under 140 characters).
 */
export function symptomList(symptoms: readonly SymptomFact[], ofPrimary = false): string {
  const name = (s: SymptomFact) => (ofPrimary && s.symptom === 'primary-tumour-pain' ? 'pain' : SYMPTOM_NAMES[s.symptom]);
  const names = [...new Set(symptoms.map(name))];
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

// ---- procedures, radiotherapy, drug use -----------------------------------------------------------------

const procedureNames: Record<ProcedureKind, string> = {
  'primary-resection': 'resection of the primary',
  diversion: 'diverting stoma',
  'rectal-stent': 'rectal stent',
  'liver-resection': 'liver resection',
  ablation: 'ablation',
  embolisation: 'embolisation',
  radioembolisation: 'radioembolisation',
  'hepatic-arterial-infusion': 'hepatic arterial infusion',
  'other-major-surgery': 'major surgery',
};

export function procedureName(kind: ProcedureKind): string {
  return procedureNames[kind];
}

export function procedureBasis(label: string, p: ProcedureFact): BasedOn {
  const when = p.status === 'done' ? 'done' : p.date ? 'planned' : 'planned, not yet dated';
  return { label, value: `${procedureName(p.kind)} (${when})`, date: p.date, source: p.source };
}

export function courseName(r: Radiotherapy): string {
  const dose = r.totalDoseCGy !== undefined ? ` ${r.totalDoseCGy / 100} Gy${r.fractions ? `/${r.fractions}` : ''}` : '';
  const course = r.course === 'short-course' ? 'short course' : r.course === 'long-course' ? 'long course' : 'course';
  return `${course}${dose}`;
}

export function drugSpanBasis(label: string, s: DrugSpan, now: string): BasedOn {
  const record = s.last.active ? `active ${s.last.kind}` : `last ${s.last.kind}`;
  const ago = s.last.date ? `, ${daysBetween(s.last.date, now)} days ago` : '';
  return { label, value: `${s.drugs.join(', ')} (${record}${ago})`, date: s.last.date, source: s.last.source };
}
