import type { Case, TherapyLine } from '../domain/case.js';
import type { BasedOn } from './types.js';

/**
 * The disease-course terms of the decision table ("Terms used below"), shared by the rules that need them.
 * The CEA thresholds themselves are applied by the mapper (`CeaSeries.rising` / `.response`).
 */

/** The latest line of systemic therapy after the metastatic diagnosis. */
export function currentLine(c: Case): TherapyLine | undefined {
  return c.therapy.lines[c.therapy.lines.length - 1];
}

/** On systemic therapy: the current line is active (an active order, or a dose in the last 42 days). */
export function onSystemicTherapy(c: Case): boolean {
  return currentLine(c)?.active ?? false;
}

/** Progression: disease status worsened, or CEA rising (two consecutive rises, last >= 125% of nadir and > ULN). */
export function progression(c: Case): BasedOn[] {
  const out: BasedOn[] = [];
  if (c.diseaseStatus?.value === 'worsened') {
    out.push({ label: 'Disease status', value: 'worsened (progression)', date: c.diseaseStatus.source.date, source: c.diseaseStatus.source });
  }
  if (c.cea.rising && c.cea.latest) {
    const nadir = c.cea.nadir ? `, nadir ${c.cea.nadir.value}` : '';
    out.push({ label: 'CEA', value: `rising to ${c.cea.latest.value} ng/mL${nadir}`, date: c.cea.latest.date, source: c.cea.latest.source });
  }
  return out;
}

/** Response: disease status improved, or CEA fallen to <= 50% of the baseline before the current line. */
export function response(c: Case): BasedOn[] {
  const out: BasedOn[] = [];
  if (c.diseaseStatus?.value === 'improved') {
    out.push({ label: 'Disease status', value: 'improved (response)', date: c.diseaseStatus.source.date, source: c.diseaseStatus.source });
  }
  if (c.cea.response && c.cea.latest && c.cea.baseline) {
    out.push({
      label: 'CEA',
      value: `${c.cea.baseline.value} -> ${c.cea.latest.value} ng/mL (<= 50% of baseline)`,
      date: c.cea.latest.date,
      source: c.cea.latest.source,
    });
  }
  return out;
}
