import { allRules } from '../../src/engine/rules/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';

/** The patient-view column of shared/clinical/decision-table.md: RC-01..RC-25 and the chart-review ext rules. */
const CHART_REVIEW_IDS = [
  ...Array.from({ length: 25 }, (_, i) => `RC-${String(i + 1).padStart(2, '0')}`),
  'RC-E2', 'RC-E3', 'RC-E4', 'RC-E5', 'RC-E6', 'RC-E8',
];
const chartReview = allRules.filter((r) => r.hooks.includes('patient-view')).map((r) => r.id);

describe('the registered rule set', () => {
  test.each(allRules.map((r) => [r.id, r] as const))('%s loads and validates on its own (ids, hooks, seeds, ext citation)', (_id, rule) => {
    expect(() => validateRules([rule])).not.toThrow();
  });

  test('every chart-review rule of the decision table is registered for patient-view', () => {
    expect(CHART_REVIEW_IDS.filter((id) => !chartReview.includes(id))).toEqual([]);
  });

  test('patient-view runs only the chart-review rules of the table', () => {
    expect(chartReview.filter((id) => !CHART_REVIEW_IDS.includes(id))).toEqual([]);
  });

  test('only RC-22 and RC-23 run without stage IV (local recurrence)', () => {
    expect(allRules.filter((r) => r.withoutStageIV).map((r) => r.id)).toEqual(['RC-22', 'RC-23']);
  });
});
