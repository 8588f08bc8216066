import type { CeaValue, Drug, DrugExposure, TherapyLine } from '../../domain/case.js';
import { ANTI_EGFR, ANTI_HER2, CHECKPOINT_INHIBITORS, FLUOROPYRIMIDINES, MODULATORS, G12C_INHIBITORS } from '../../domain/drug-groups.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import {
  CEA_RESPONSE_OF_BASELINE,
  CEA_RISE_OF_NADIR,
  CEA_STABLE_BAND,
  LINE_ACTIVE_DAYS,
  MAINTENANCE_FROM_DAYS,
  MAINTENANCE_TO_DAYS,
  PERIOPERATIVE_MAX_DAYS,
  RESTAGING_AFTER_CYCLES,
  RESTAGING_AFTER_DAYS,
} from '../thresholds.js';
import type { BasedOn } from '../types.js';
import type { CeaFacts, CeaTrend, FactBase, FactDefs, LineFact } from './fact-types.js';
import { daysBetween, isoDay, lineBasis } from './wording.js';

/**
 * Systemic therapy and the disease course (decision table, "Terms used below"): lines, the current line,
 * progression, response, the CEA terms, and the settings the targeted and maintenance rules look for.
 */

/** Cycles from elapsed time when no administrations are recorded: one cycle per two weeks. */
const WEEKS_PER_CYCLE = 2;
const LATER_LINE_AGENTS: readonly Drug[] = ['trifluridine-tipiracil', 'regorafenib', 'fruquintinib'];

const ms = (iso: string | undefined): number | undefined => {
  if (iso === undefined) return undefined;
  const t = isoMs(iso);
  return Number.isFinite(t) ? t : undefined;
};

/** Drugs that count as systemic anticancer therapy (leucovorin alone is a modulator, not therapy). */
const isSystemicTherapy = (e: DrugExposure) => !MODULATORS.includes(e.drug);

/** A line as the decision table judges it: active while a drug has an active order or was given in the window. */
function judgeLine(line: TherapyLine, nowMs: number): LineFact {
  const lastMs = ms(line.lastGiven);
  const active = line.activeRecord || (lastMs !== undefined && nowMs - lastMs <= LINE_ACTIVE_DAYS * DAY_MS);
  const startMs = ms(line.start);
  const untilMs = active ? nowMs : lastMs;
  const elapsed =
    startMs !== undefined && untilMs !== undefined ? Math.max(1, Math.floor((untilMs - startMs) / (7 * DAY_MS) / WEEKS_PER_CYCLE)) : undefined;
  const cycles = line.administrationDays ?? elapsed;
  return { ...line, active, ...(cycles !== undefined ? { cycles } : {}) };
}

function trendOf(values: readonly CeaValue[]): CeaTrend {
  const last = values[values.length - 1];
  const prev = values[values.length - 2];
  if (!last || !prev) return 'insufficient-data';
  if (last.value > prev.value * (1 + CEA_STABLE_BAND)) return 'rising';
  if (last.value < prev.value * (1 - CEA_STABLE_BAND)) return 'falling';
  return 'stable';
}

function ceaFacts(f: FactBase): CeaFacts {
  const { values, upperNormal } = f.case.cea;
  const latest = values[values.length - 1];
  const nadir = values.reduce<CeaValue | undefined>((min, v) => (min === undefined || v.value < min.value ? v : min), undefined);
  const start = f.currentLine?.start;
  const baseline = start === undefined ? undefined : [...values].reverse().find((v) => v.date.slice(0, 10) <= start.slice(0, 10));
  const [a, b, c] = values.slice(-3);
  const rising =
    a !== undefined && b !== undefined && c !== undefined && nadir !== undefined &&
    a.value < b.value && b.value < c.value && c.value >= CEA_RISE_OF_NADIR * nadir.value && c.value > upperNormal;
  const response =
    baseline !== undefined && latest !== undefined && latest !== baseline && baseline.value > 0 &&
    latest.value <= CEA_RESPONSE_OF_BASELINE * baseline.value;
  return {
    values,
    upperNormal,
    ...(latest ? { latest } : {}),
    ...(nadir ? { nadir } : {}),
    ...(baseline ? { baseline } : {}),
    trend: trendOf(values),
    rising,
    response,
  };
}

function ceaBasis(cea: CeaFacts): BasedOn[] {
  const latest = cea.latest;
  if (!latest) return [];
  const trend = cea.trend === 'insufficient-data' ? '' : `, ${cea.trend}`;
  const prefix = latest.belowDetection ? '<' : '';
  return [{ label: 'CEA', value: `${prefix}${latest.value} ng/mL${trend}`, date: latest.date, source: latest.source }];
}

/** Evidence dated after the line's first day; undated evidence counts (it cannot be placed before the line). */
function afterLineStart(b: BasedOn, line: LineFact): boolean {
  if (!line.start || !b.date) return true;
  return isoDay(b.date) > isoDay(line.start);
}

function therapyBasis(f: FactBase): BasedOn[] {
  const since = f.systemicSinceMetastatic;
  if (since.length === 0) {
    const from = f.case.metastaticDiagnosisDate ? ` since ${isoDay(f.case.metastaticDiagnosisDate)}` : '';
    return [{ label: 'Systemic therapy', value: `none${from}` }];
  }
  const drugs = [...new Set(since.map((e) => e.drug))].join(', ');
  const first = since.map((e) => e.date).filter((d): d is string => !!d).sort()[0];
  return [{ label: 'Systemic therapy', value: drugs, date: first }];
}

const given = (f: FactBase, drugs: readonly Drug[]) => f.case.therapy.exposures.find((e) => drugs.includes(e.drug));

const givenBasis = (label: string) => (e: DrugExposure | undefined): BasedOn[] =>
  [e ? { label, value: `${e.drug} (${e.active ? 'active ' : ''}${e.kind})`, date: e.date, source: e.source } : { label, value: 'none given' }];

/** An induction regimen: a fluoropyrimidine with oxaliplatin and/or irinotecan (what maintenance de-escalates). */
function isInduction(line: LineFact): boolean {
  return FLUOROPYRIMIDINES.some((d) => line.drugs.includes(d)) && (line.drugs.includes('oxaliplatin') || line.drugs.includes('irinotecan'));
}

/** RC-19: the systemic therapy of the curative pathway (since the metastatic diagnosis; curative-flagged when any are). */
function perioperativeOverrun(f: FactBase): FactBase['perioperativeOverrun'] {
  const since = f.systemicSinceMetastatic;
  const flagged = since.filter((e) => e.curative === true);
  const pathway = flagged.length > 0 ? flagged : since;
  const first = pathway
    .map((e) => e.date)
    .filter((d): d is string => d !== undefined && Number.isFinite(isoMs(d)))
    .sort((a, b) => isoMs(a) - isoMs(b))[0];
  if (!first) return undefined;
  const stillActive =
    f.onSystemicTherapy || pathway.some((e) => e.active) || pathway.some((e) => e.date !== undefined && daysBetween(e.date, f.case.now) <= LINE_ACTIVE_DAYS);
  if (!stillActive) return undefined;
  const days = daysBetween(first, f.case.now);
  if (days < PERIOPERATIVE_MAX_DAYS) return undefined;
  const firstExposure = pathway.find((e) => e.date === first);
  const latest = [...pathway].filter((e) => e.date !== undefined).sort((a, b) => isoMs(b.date as string) - isoMs(a.date as string))[0];
  return { first, days, ...(firstExposure ? { firstExposure } : {}), ...(latest ? { latest } : {}) };
}

export const therapyFacts: FactDefs<
  | 'systemicSinceMetastatic' | 'unidentifiedSinceMetastatic' | 'untreatedSinceMetastatic' | 'needsFirstLineTherapy'
  | 'lines' | 'currentLine' | 'linesGiven' | 'onSystemicTherapy' | 'cea' | 'diseaseStatus' | 'progression' | 'response'
  | 'progressionOnCurrentLine' | 'responseOnCurrentLine' | 'checkpointInhibitorGiven' | 'checkpointInhibitorDue'
  | 'encorafenibGiven' | 'g12cInhibitorGiven' | 'fluoropyrimidineGiven' | 'currentRegimen' | 'firstLineAntiEgfr' | 'antiHer2Given' | 'laterLineAgentsGiven'
  | 'chemotherapyLines' | 'firstLineSetting' | 'brafSetting'
  | 'maintenanceDue' | 'dueForRestaging' | 'restagedSinceLineStart' | 'lastImaging' | 'perioperativeOverrun'
> = {
  systemicSinceMetastatic: {
    compute: (f) => {
      const since = ms(f.case.metastaticDiagnosisDate);
      return f.case.therapy.exposures.filter((e) => {
        if (!isSystemicTherapy(e)) return false;
        if (e.active || since === undefined) return true;
        // An exposure without a date cannot be placed in time: count it, so we never claim "untreated" wrongly.
        return e.date === undefined || isoMs(e.date) >= since - DAY_MS;
      });
    },
    basis: (_v, f) => therapyBasis(f),
  },
  unidentifiedSinceMetastatic: {
    compute: (f) => {
      const since = ms(f.case.metastaticDiagnosisDate);
      return (f.case.therapy.unidentified ?? []).filter(
        (u) => u.active || since === undefined || u.date === undefined || isoMs(u.date) >= since - DAY_MS,
      );
    },
    basis: (records) =>
      records.length === 0 ? [] : [{ label: 'Medication records', value: `${records.length} whose drug cannot be read (counted as possible therapy)` }],
  },
  untreatedSinceMetastatic: {
    compute: (f) => f.systemicSinceMetastatic.length === 0 && f.unidentifiedSinceMetastatic.length === 0,
  },
  needsFirstLineTherapy: {
    compute: (f) => f.untreatedSinceMetastatic && f.fitForCombination && f.obstructionOrPerforation.length === 0,
  },
  lines: {
    compute: (f) => {
      const nowMs = isoMs(f.case.now);
      return f.case.therapy.lines.map((l) => judgeLine(l, nowMs));
    },
    basis: (lines) => lines.map(lineBasis),
  },
  currentLine: { compute: (f) => f.lines[f.lines.length - 1], basis: (line) => (line ? [lineBasis(line)] : []) },
  linesGiven: { compute: (f) => f.lines.length },
  onSystemicTherapy: { compute: (f) => f.currentLine?.active ?? false },
  cea: { compute: ceaFacts, basis: ceaBasis },
  diseaseStatus: {
    compute: (f) => f.case.diseaseStatus,
    basis: (s) => (s ? [{ label: 'Disease status', value: s.value, date: s.source.date, source: s.source }] : []),
  },
  progression: {
    compute: (f) => {
      const out: BasedOn[] = [];
      const status = f.case.diseaseStatus;
      if (status?.value === 'worsened') out.push({ label: 'Disease status', value: 'worsened (progression)', date: status.source.date, source: status.source });
      const cea = f.cea;
      if (cea.rising && cea.latest) {
        const nadir = cea.nadir ? `, nadir ${cea.nadir.value}` : '';
        out.push({ label: 'CEA', value: `rising to ${cea.latest.value} ng/mL${nadir}`, date: cea.latest.date, source: cea.latest.source });
      }
      return out;
    },
    basis: (v) => v,
  },
  response: {
    compute: (f) => {
      const out: BasedOn[] = [];
      const status = f.case.diseaseStatus;
      if (status?.value === 'improved') out.push({ label: 'Disease status', value: 'improved (response)', date: status.source.date, source: status.source });
      const cea = f.cea;
      if (cea.response && cea.latest && cea.baseline) {
        out.push({ label: 'CEA', value: `${cea.baseline.value} -> ${cea.latest.value} ng/mL (<= 50% of baseline)`, date: cea.latest.date, source: cea.latest.source });
      }
      return out;
    },
    basis: (v) => v,
  },
  // Progression recorded before the current line started is the progression that led to it, not a new one.
  progressionOnCurrentLine: {
    compute: (f) => {
      const line = f.currentLine;
      return line ? f.progression.filter((b) => afterLineStart(b, line)) : [];
    },
    basis: (v) => v,
  },
  responseOnCurrentLine: {
    compute: (f) => {
      const line = f.currentLine;
      return line ? f.response.filter((b) => afterLineStart(b, line)) : [];
    },
    basis: (v) => v,
  },
  checkpointInhibitorGiven: { compute: (f) => given(f, CHECKPOINT_INHIBITORS), basis: givenBasis('Checkpoint inhibitor') },
  checkpointInhibitorDue: { compute: (f) => f.msiHigh && !f.checkpointInhibitorGiven, basis: (due, f) => (due ? f.basisOf('msi') : []) },
  encorafenibGiven: { compute: (f) => given(f, ['encorafenib']), basis: () => [] },
  g12cInhibitorGiven: { compute: (f) => given(f, G12C_INHIBITORS), basis: givenBasis('KRAS G12C inhibitor') },
  fluoropyrimidineGiven: { compute: (f) => given(f, FLUOROPYRIMIDINES), basis: givenBasis('Fluoropyrimidine') },
  currentRegimen: {
    compute: (f) => {
      const line = f.currentLine;
      if (!line) return [];
      const ofLine = f.case.therapy.exposures.filter((e) => line.drugs.includes(e.drug) && !MODULATORS.includes(e.drug));
      const active = ofLine.filter((e) => e.active);
      if (active.length > 0) return [...new Set(active.map((e) => e.drug))];
      // No active order: the drugs given on the line's latest dose day.
      const latest = ofLine.reduce<string | undefined>((m, e) => (e.date !== undefined && (m === undefined || e.date > m) ? e.date : m), undefined);
      return latest === undefined ? [] : [...new Set(ofLine.filter((e) => e.date?.slice(0, 10) === latest.slice(0, 10)).map((e) => e.drug))];
    },
    basis: (drugs) => (drugs.length === 0 ? [] : [{ label: 'Current regimen', value: drugs.map((d) => d.replace('-', '/')).join(' + ') }]),
  },
  firstLineAntiEgfr: { compute: (f) => (f.lines[0]?.drugs ?? []).some((d) => ANTI_EGFR.includes(d)), basis: () => [] },
  antiHer2Given: { compute: (f) => given(f, ANTI_HER2), basis: () => [] },
  laterLineAgentsGiven: { compute: (f) => LATER_LINE_AGENTS.filter((d) => given(f, [d])), basis: () => [] },
  chemotherapyLines: {
    compute: (f) => f.lines.filter((l) => FLUOROPYRIMIDINES.some((d) => l.drugs.includes(d)) && (l.drugs.includes('oxaliplatin') || l.drugs.includes('irinotecan'))),
    basis: (lines) => lines.map(lineBasis),
  },
  firstLineSetting: {
    compute: (f) => {
      if (f.linesGiven === 0 && f.untreatedSinceMetastatic) return 'untreated';
      if (f.linesGiven === 1 && f.progressionOnCurrentLine.length === 0) return 'on-first-line';
      return undefined;
    },
  },
  brafSetting: {
    compute: (f) => {
      if (f.linesGiven === 0 && f.untreatedSinceMetastatic) return 'first-line';
      if (f.linesGiven >= 1 && f.progressionOnCurrentLine.length > 0) return 'after-line';
      return undefined;
    },
  },
  maintenanceDue: {
    compute: (f) => {
      const line = f.currentLine;
      if (!line || line.number !== 1 || !line.active || !line.start || !isInduction(line)) return undefined;
      const days = daysBetween(line.start, f.case.now);
      if (!(days >= MAINTENANCE_FROM_DAYS && days <= MAINTENANCE_TO_DAYS)) return undefined;
      const status = f.diseaseStatus?.value;
      if (status !== 'stable' && status !== 'improved') return undefined;
      if (f.progression.length > 0) return undefined;
      if (f.curativeIntent || f.resectability?.value === 'resectable') return undefined;
      // Oxaliplatin and irinotecan already stopped: the patient is on maintenance.
      if (!f.currentRegimen.some((d) => d === 'oxaliplatin' || d === 'irinotecan')) return undefined;
      return { line, days };
    },
    basis: (due, f) =>
      due
        ? [
            { label: 'First line', value: `${due.line.regimen} (${due.line.drugs.join(', ')}), ${due.days} days`, date: due.line.start },
            ...f.basisOf('diseaseStatus'),
            ...f.basisOf('resectability'),
          ]
        : [],
  },
  dueForRestaging: {
    compute: (f) => {
      const line = f.currentLine;
      if (!line) return false;
      if (line.start) return daysBetween(line.start, f.case.now) >= RESTAGING_AFTER_DAYS;
      return (line.cycles ?? 0) >= RESTAGING_AFTER_CYCLES;
    },
    basis: (_v, f) => f.basisOf('currentLine'),
  },
  // Re-staged since the line's first day (a scan on day 1 is its baseline): a CT/MRI, or a documented disease
  // status (the clinician's judgement of the restaging), dated after it.
  restagedSinceLineStart: {
    compute: (f) => {
      const line = f.currentLine;
      const after = (date: string | undefined) => date !== undefined && (!line?.start || isoDay(date) > isoDay(line.start));
      return after(f.lastImaging?.value) || after(f.diseaseStatus?.source.date);
    },
    basis: (restaged, f) => {
      if (restaged) return [];
      const img = f.lastImaging;
      return [img ? { label: 'Last CT/MRI', value: 'before the current line', date: img.value, source: img.source } : { label: 'Last CT/MRI', value: 'none on record' }];
    },
  },
  lastImaging: { compute: (f) => f.case.lastImaging, basis: () => [] },
  perioperativeOverrun: {
    compute: perioperativeOverrun,
    basis: (v, f) =>
      v
        ? [
            ...f.basisOf('curativeIntent'),
            { label: 'First dose of the curative pathway', value: `${v.firstExposure?.drug ?? 'systemic therapy'}, ${v.days} days ago`, date: v.first, source: v.firstExposure?.source },
            { label: 'Systemic therapy', value: v.latest ? `still active (latest: ${v.latest.drug} ${v.latest.kind})` : 'still active', date: v.latest?.date, source: v.latest?.source },
          ]
        : [],
  },
};
