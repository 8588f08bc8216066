import type { PerformanceStatus } from '../../domain/case.js';
import type { LocalTreatment } from '../facts/fact-types.js';
import { isoDay } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { POST_LOCAL_THERAPY_DAYS } from '../thresholds.js';
import { FIRST_LINE_REGIMEN_TEXT } from './shared/first-line-regimen.js';

interface Data {
  last: LocalTreatment;
  days: number;
  performance?: PerformanceStatus;
}

/** RC-20: after local treatment of unresectable stage IV disease, systemic therapy must start or resume. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-20',
    title: 'Resume systemic therapy after local treatment',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002'] },
    trigger: `Resectability absent or \`unresectable\`; surgery or RT completed >= ${POST_LOCAL_THERAPY_DAYS} days (8 weeks, design) ago; no systemic therapy since`,
    recommendation: 'Start or resume systemic therapy: it is the only modality that prolongs survival',
    defaultIndicator: 'warning',
    examples: ['V32'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['unresectable (documented or not documented)', () => f.unresectableOrNotDocumented],
        [`surgery or RT completed >= ${POST_LOCAL_THERAPY_DAYS} days ago, no systemic therapy since`, () => f.untreatedAfterLocalTherapy !== undefined],
      ],
      () => {
        mention(f.performance);
        const gap = f.untreatedAfterLocalTherapy as NonNullable<typeof f.untreatedAfterLocalTherapy>;
        return { data: { last: gap.last, days: gap.days, ...(f.performance ? { performance: f.performance } : {}) } };
      },
    ),
  card: ({ data }) => {
    const weeks = Math.floor(data.days / 7);
    const frail = data.performance !== undefined && data.performance.ecog >= 3;
    const lines = [
      'Start or resume systemic therapy: in stage IV disease it is the only treatment that prolongs survival.',
      // RC-15's territory: the regimen line (RC-02's) is for fit patients only; no combination for the frail.
      frail
        ? `- ECOG ${data.performance!.ecog}: intensive combination therapy is not appropriate; decide the systemic option at the tumour board.`
        : `- Regimen as for first-line therapy: ${FIRST_LINE_REGIMEN_TEXT}.`,
      `- Last local treatment: ${data.last.what}, ${isoDay(data.last.date)} (${weeks} weeks ago; threshold ${POST_LOCAL_THERAPY_DAYS / 7} weeks, design).`,
      '- Do not let further local treatment delay it.',
    ];
    return {
      summary: `No systemic therapy in the ${weeks} weeks since ${data.last.what}: start or resume it`,
      detail: lines.join('\n'),
      overrideReasons: ['mdt-decision', 'patient-preference', 'already-addressed'],
    };
  },
});
