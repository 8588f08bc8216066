import type { Case, Drug, DrugExposure, TherapyLine } from '../domain/case.js';
import type { BasedOn } from './types.js';
import { currentLine, progression, response } from './disease-course.js';
import { isoDay } from './facts.js';

/**
 * Facts about the lines of systemic therapy and the disease course on the current line, for the rules that
 * act after first-line therapy (RC-10 to RC-14, RC-E2, RC-E3, RC-E6). Pure functions of the case.
 */

const CHECKPOINT_INHIBITORS: readonly Drug[] = ['pembrolizumab', 'nivolumab', 'ipilimumab'];
const FLUOROPYRIMIDINES: readonly Drug[] = ['fluorouracil', 'capecitabine'];
const MODULATORS: readonly Drug[] = ['leucovorin', 'levoleucovorin'];
const NAMED_REGIMENS = new Set(['FOLFOX', 'CAPOX', 'FOLFIRI', 'FOLFOXIRI']);
/** Drugs a named regimen already stands for (shown once, as the regimen's name). */
const BACKBONE: readonly Drug[] = [...FLUOROPYRIMIDINES, 'oxaliplatin', 'irinotecan', ...MODULATORS];

/** Lines of systemic therapy since the metastatic diagnosis. */
export function linesGiven(c: Case): number {
  return c.therapy.lines.length;
}

/** The line included this drug. */
export function lineHas(line: TherapyLine, drug: Drug): boolean {
  return line.drugs.includes(drug);
}

/** The line included fluorouracil or capecitabine. */
export function lineHasFluoropyrimidine(line: TherapyLine): boolean {
  return FLUOROPYRIMIDINES.some((d) => line.drugs.includes(d));
}

/** "FOLFOX + bevacizumab", "pembrolizumab", "capecitabine": the line as a clinician names it. */
export function lineLabel(line: TherapyLine): string {
  const named = NAMED_REGIMENS.has(line.regimen);
  const shown = line.drugs.filter((d) => !MODULATORS.includes(d) && !(named && BACKBONE.includes(d)));
  return [...(named ? [line.regimen] : []), ...shown.map((d) => d.replace('-', '/'))].join(' + ') || 'systemic therapy';
}

const ORDINALS = ['first', 'second', 'third'];

/**
 * "first-line therapy", "second-line therapy", "line 4": how a card's summary names a line. Summaries name the
 * line, not its drugs, so they never read as recommending a drug the patient should not get; the drugs are in
 * the "based on" lines.
 */
export function lineName(line: TherapyLine): string {
  const ordinal = ORDINALS[line.number - 1];
  return ordinal ? `${ordinal}-line therapy` : `line ${line.number}`;
}

/** The chemotherapy backbone by its regimen name (FOLFOX, CAPOX, FOLFIRI, FOLFOXIRI), else undefined. */
export function backboneName(line: TherapyLine): string | undefined {
  return NAMED_REGIMENS.has(line.regimen) ? line.regimen : undefined;
}

/** The line as a "based on" datum: regimen, cycles, and whether it is still running. */
export function lineBasis(line: TherapyLine): BasedOn {
  const cycles = line.cycles !== undefined ? `, ${line.cycles} cycle${line.cycles === 1 ? '' : 's'}` : '';
  const state = line.active ? ', ongoing' : line.lastGiven ? `, last given ${isoDay(line.lastGiven)}` : '';
  return { label: `Line ${line.number}`, value: `${lineLabel(line)}${cycles}${state}`, date: line.start };
}

/** Evidence dated after the line's first day; undated evidence counts (it cannot be placed before the line). */
function afterLineStart(b: BasedOn, line: TherapyLine): boolean {
  if (!line.start || !b.date) return true;
  return isoDay(b.date) > isoDay(line.start);
}

/**
 * Progression on (or after) the current line: disease status worsened, or CEA rising, dated after the line
 * started. Progression recorded before it started is the progression that led to it, not a new one.
 */
export function progressionOnCurrentLine(c: Case): BasedOn[] {
  const line = currentLine(c);
  if (!line) return [];
  return progression(c).filter((b) => afterLineStart(b, line));
}

/** Response on the current line: disease status improved after it started, or CEA <= 50% of its baseline. */
export function responseOnCurrentLine(c: Case): BasedOn[] {
  const line = currentLine(c);
  if (!line) return [];
  return response(c).filter((b) => afterLineStart(b, line));
}

/** The latest date of any response evidence (undefined when undated or none). */
export function latestDate(basis: readonly BasedOn[]): string | undefined {
  return basis.map((b) => b.date).filter((d): d is string => !!d).sort().at(-1);
}

/** Any record of a checkpoint inhibitor (pembrolizumab, nivolumab, ipilimumab), at any time. */
export function checkpointInhibitorGiven(c: Case): DrugExposure | undefined {
  return c.therapy.exposures.find((e) => CHECKPOINT_INHIBITORS.includes(e.drug));
}

/** Any record of one of these drugs, at any time. */
export function drugGiven(c: Case, drugs: readonly Drug[]): DrugExposure | undefined {
  return c.therapy.exposures.find((e) => drugs.includes(e.drug));
}
