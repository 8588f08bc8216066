import type { Case, TherapyLine } from '../../domain/case.js';
import type { BasedOn, Firing, Rule } from '../types.js';
import { daysBetween, isoDay } from '../facts.js';
import { currentLine } from '../disease-course.js';
import { lineBasis, lineName } from '../facts-lines.js';
import { RESTAGING_AFTER_CYCLES, RESTAGING_AFTER_DAYS } from '../thresholds.js';

/** The current line has run long enough to be judged: >= 6 weeks since its start, or >= 3 cycles when undated. */
function dueForRestaging(c: Case, line: TherapyLine): boolean {
  if (line.start) return daysBetween(line.start, c.now) >= RESTAGING_AFTER_DAYS;
  return (line.cycles ?? 0) >= RESTAGING_AFTER_CYCLES;
}

/**
 * Re-staged since the line's first day (a scan on day 1 is its baseline): a CT/MRI, or a documented disease
 * status (the clinician's judgement of the restaging), dated after it.
 */
function restagedSinceStart(c: Case, line: TherapyLine): boolean {
  const after = (date: string | undefined) => date !== undefined && (!line.start || isoDay(date) > isoDay(line.start));
  return after(c.lastImaging?.value) || after(c.diseaseStatus?.source.date);
}

function imagingBasis(c: Case): BasedOn {
  const img = c.lastImaging;
  if (!img) return { label: 'Last CT/MRI', value: 'none on record' };
  return { label: 'Last CT/MRI', value: 'before the current line', date: img.value, source: img.source };
}

/** RC-10: response is judged after 2-3 cycles, with imaging and CEA, so the next decision rests on data. */
export const restaging: Rule = {
  id: 'RC-10',
  title: 'Re-stage on therapy',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002', '004'] },
  trigger: `Current line started >= ${RESTAGING_AFTER_DAYS} days (6 weeks) ago (when undated: >= ${RESTAGING_AFTER_CYCLES} cycles) and no CT/MRI report (nor a documented disease status) dated after its start`,
  recommendation: 'Re-stage: CT or MRI plus CEA. Suggestions: orders for both',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const line = currentLine(c);
    if (!line || !dueForRestaging(c, line) || restagedSinceStart(c, line)) return null;
    return { basedOn: [lineBasis(line), imagingBasis(c)] };
  },
  card(c) {
    const line = currentLine(c);
    const label = line ? lineName(line) : 'systemic therapy';
    const since = line?.start ? `started ${daysBetween(line.start, c.now)} days ago` : `${line?.cycles ?? RESTAGING_AFTER_CYCLES} cycles given`;
    return {
      summary: `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} ${since}, no CT/MRI since: re-stage with CT or MRI and CEA`,
      detail: [
        'Re-stage to judge the response: **CT of chest, abdomen and pelvis (or MRI)** and **CEA**, compared with the pre-treatment baseline.',
        `- Due after 2-3 cycles: ${RESTAGING_AFTER_DAYS} days (6 weeks) on the line, or ${RESTAGING_AFTER_CYCLES} cycles when its start is not dated.`,
        '- A response in unresectable disease reopens the question of resection; progression calls for the next line.',
      ].join('\n'),
      suggestions: [
        {
          label: 'Order restaging CT and CEA',
          isRecommended: true,
          actions: [
            { type: 'order-test', test: 'CT-restaging', reason: `Restaging on ${label}` },
            { type: 'order-test', test: 'CEA', reason: `Restaging on ${label}` },
          ],
        },
      ],
    };
  },
};
