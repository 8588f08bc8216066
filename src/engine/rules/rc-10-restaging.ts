import type { LineFact } from '../facts/fact-types.js';
import { capitalise, daysBetween, lineName } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';
import { RESTAGING_AFTER_CYCLES, RESTAGING_AFTER_DAYS } from '../thresholds.js';

interface Data {
  line: LineFact;
  /** Days on the line, when its start is dated. */
  days?: number;
}

/** RC-10: response is judged after 2-3 cycles, with imaging and CEA, so the next decision rests on data. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-10',
    title: 'Re-stage on therapy',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002', '004'] },
    trigger: `Current line started >= ${RESTAGING_AFTER_DAYS} days (6 weeks) ago (when undated: >= ${RESTAGING_AFTER_CYCLES} cycles) and no CT/MRI report (nor a documented disease status) dated after its start`,
    recommendation: 'Re-stage: CT or MRI plus CEA. Suggestions: orders for both',
    defaultIndicator: 'info',
    examples: ['V40'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        [`current line running >= ${RESTAGING_AFTER_DAYS} days (or >= ${RESTAGING_AFTER_CYCLES} cycles when undated)`, () => f.dueForRestaging],
        ['no CT/MRI or disease status dated after the line started', () => !f.restagedSinceLineStart],
      ],
      () => {
        const line = f.currentLine as LineFact;
        return { data: { line, ...(line.start ? { days: daysBetween(line.start, f.case.now) } : {}) } };
      },
    ),
  card: ({ data: { line, days } }) => {
    const label = lineName(line);
    const since = days !== undefined ? `started ${days} days ago` : `${line.cycles ?? RESTAGING_AFTER_CYCLES} cycles given`;
    return {
      summary: `${capitalise(label)} ${since}, no CT/MRI since: re-stage with CT or MRI and CEA`,
      detail: [
        'Re-stage to judge the response: **CT of chest, abdomen and pelvis (or MRI)** and **CEA**, compared with the pre-treatment baseline.',
        `- Due after 2-3 cycles: ${RESTAGING_AFTER_DAYS} days (6 weeks) on the line, or ${RESTAGING_AFTER_CYCLES} cycles when its start is not dated.`,
        '- A response can reopen the question of resection; progression calls for the next line.',
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
});
