import { isoDay } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';
import { PERIOPERATIVE_MAX_DAYS } from '../thresholds.js';

/** RC-19: on a curative pathway, perioperative systemic therapy should stop by 6 months. */
export const rule = defineRule<{ first: string; days: number }>({
  meta: {
    id: 'RC-19',
    title: 'Perioperative therapy limited to 6 months',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002', '004'] },
    trigger: `Curative intent documented; >= ${PERIOPERATIVE_MAX_DAYS} days from the first systemic dose of the curative pathway to now, therapy still active`,
    recommendation: 'Total perioperative therapy should not exceed 6 months',
    defaultIndicator: 'warning',
    examples: ['V31'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['curative intent documented', () => f.curativeIntent !== undefined],
        [`curative-pathway therapy still active after ${PERIOPERATIVE_MAX_DAYS} days`, () => f.perioperativeOverrun !== undefined],
      ],
      () => {
        const overrun = f.perioperativeOverrun as NonNullable<typeof f.perioperativeOverrun>;
        return { data: { first: overrun.first, days: overrun.days } };
      },
    ),
  card: ({ data: { first, days } }) => ({
    summary: `Curative pathway: perioperative therapy has run ${days} days, past the 6-month limit; plan to stop`,
    detail: [
      `Total perioperative (pre- plus post-operative) systemic therapy should not exceed **6 months** (${PERIOPERATIVE_MAX_DAYS} days) when the intent is curative.`,
      `- First dose of the pathway: ${isoDay(first)}, ${days} days ago.`,
      '- Plan the end of treatment now; a longer course needs a tumour board decision.',
    ].join('\n'),
    overrideReasons: ['mdt-decision', 'clinical-trial', 'already-addressed'],
  }),
});
