import type { SuggestionSpec } from '../../types.js';

/** The one radiotherapy order a chart-review card may suggest: short course 25 Gy in 5 fractions to the pelvis. */
export function shortCourseSuggestion(reason: string, curative: boolean): SuggestionSpec {
  return {
    label: 'Order short-course pelvic RT (25 Gy in 5 fractions)',
    actions: [{ type: 'order-short-course-rt', reason, ...(curative ? { curative: true } : {}) }],
  };
}
