import type { LineFact } from '../facts/fact-types.js';
import { isoDay, lineName } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';

interface Data {
  line: LineFact;
  was: 'potentially resectable' | 'unresectable';
}

const latestDate = (lines: readonly { date?: string }[]) => lines.map((b) => b.date).filter((d): d is string => !!d).sort().at(-1);

/** RC-11: a response in (potentially) unresectable disease reopens the question of resection. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-11',
    title: 'Response: re-present for conversion',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002', '003', '004'] },
    trigger:
      'Latest resectability `unresectable` or `potentially-resectable`; on systemic therapy; response (disease status improved, or CEA fallen to <= 50% of the pre-treatment baseline) documented after the last MDT assessment',
    recommendation: 'Re-present to the MDT for conversion to resection or local therapy',
    defaultIndicator: 'info',
    examples: ['V21', 'V22', 'V22b'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['latest resectability unresectable or potentially resectable', () => f.resectabilityStatus === 'unresectable' || f.resectabilityStatus === 'potentially-resectable'],
        ['on systemic therapy', () => f.onSystemicTherapy],
        ['response on the current line', () => f.responseOnCurrentLine.length > 0],
        [
          // Already re-presented: the MDT looked at resectability on or after the response.
          'no MDT assessment since the response',
          () => {
            const responded = latestDate(f.responseOnCurrentLine);
            const assessed = f.lastMdtAssessment;
            return !(responded && assessed && isoDay(assessed) >= isoDay(responded));
          },
        ],
      ],
      () => ({
        data: { line: f.currentLine as LineFact, was: f.resectabilityStatus === 'potentially-resectable' ? 'potentially resectable' : 'unresectable' },
      }),
    ),
  card: ({ data: { line, was } }) => ({
    summary: `Response on ${lineName(line)} in ${was} disease: re-present at the MDT for resection or local therapy`,
    detail: [
      `The metastases were called **${was}** before this response: **re-present at the tumour board** to reconsider resection or local therapy (ablation, radiotherapy).`,
      '- Patients converted to resectable disease reach 5-year survival similar to those resectable from the start.',
    ].join('\n'),
  }),
});
