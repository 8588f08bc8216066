import type { Fact } from '../../domain/case.js';
import { readFromText } from '../../domain/case.js';
import { defineRule, whenAll } from '../rule.js';

/**
 * RC-26: comfort-focused care (hospice, an end-of-life plan) pauses cancer-directed advice: only the symptom
 * cards (RC-06, RC-07, RC-16) stay beside it (resolution rules). DNR or a palliative-care referral alone is
 * not comfort care: early palliative care runs beside cancer therapy.
 */
export const rule = defineRule<{ care: Fact<string> }>({
  meta: {
    id: 'RC-26',
    title: 'Comfort-focused care: cancer-directed advice paused',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['000', '002'] },
    // A pelvic recurrence without distant metastases gets cancer-directed advice too (RC-22, RC-23).
    withoutStageIV: true,
    trigger:
      'Stage IV or a local (pelvic) recurrence; comfort-focused care documented (hospice enrolment, an active end-of-life or comfort-care plan)',
    recommendation:
      'Cancer-directed therapy advice is paused; symptom control and the documented goals of care lead. Names the record that says so',
    defaultIndicator: 'info',
    examples: ['V46', 'V47'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['stage IV or a local recurrence', () => f.case.stageIV || f.localRecurrence !== undefined],
        ['comfort-focused care documented (hospice or an end-of-life plan)', () => f.comfortCare !== undefined],
      ],
      () => ({ data: { care: f.comfortCare as Fact<string> } }),
    ),
  card: ({ data: { care } }) => {
    const when = care.source.date ? ` since ${care.source.date.slice(0, 10)}` : '';
    const read = readFromText(care.source) ? ' (read from the record\'s text)' : '';
    return {
      summary: 'Comfort-focused care documented: cancer-directed advice paused; symptom control and goals of care lead',
      detail: [
        `The record says comfort-focused care: **${care.value}**${when}${read} (${care.source.resourceType}/${care.source.id}).`,
        '- Cancer-directed therapy advice (systemic therapy, trials, local therapy) is paused.',
        '- Symptom control and the goals of care the patient agreed lead; symptom cards (obstruction, bleeding, pain) still show.',
        '- If the goals of care have changed, update the hospice or care-plan record.',
      ].join('\n'),
    };
  },
});
