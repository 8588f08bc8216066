import type { RadiotherapyDraft } from '../../domain/draft-order.js';
import { isoDay } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import type { ActionSpec, SuggestionSpec } from '../types.js';
import { cancelAction, curativePlan, draftBasis } from './shared/orders.js';
import { doseText, withoutPelvicIndication } from './shared/radiotherapy-drafts.js';

interface Data {
  draft: RadiotherapyDraft;
  /** The draft and any fluoropyrimidine drafted as its radiosensitiser: what "cancel the chemoradiation" cancels. */
  cancel: ActionSpec[];
  shortCourseIndicated: boolean;
  metastaticSince?: string;
}

/** RC-33: long-course chemoradiation (>= 45 Gy) with synchronous metastases before any systemic therapy. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-33',
    title: 'Long-course chemoradiation before systemic therapy',
    origin: 'seed',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: ['004'] },
    trigger: 'Long-course pelvic chemoradiation (>= 4500 cGy) being ordered; synchronous metastases (within 90 days of the rectal diagnosis); no systemic therapy yet',
    recommendation: 'Start systemic therapy; if the pelvis needs RT, short course 5 x 5 Gy (info when a curative-intent plan is documented)',
    defaultIndicator: 'warning',
    examples: ['V14', 'V15', 'V16', 'V29', 'V30', 'V43'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['long-course pelvic chemoradiation is being ordered', () => f.judgedRadiotherapy.some((d) => d.pelvic && d.course === 'long-course')],
        ['synchronous metastases', () => f.synchronous === true],
        ['no systemic therapy since the metastatic diagnosis', () => f.untreatedSinceMetastatic],
      ],
      () => {
        mention(f.curativeIntent);
        return f.judgedRadiotherapy
          .filter((d) => d.pelvic && d.course === 'long-course')
          .map((draft) => ({
            indicator: curativePlan(f, draft) ? 'info' : 'warning',
            data: {
              draft,
              cancel: [draft, ...f.radiosensitiserDrafts].map((x) => cancelAction(x)),
              // Short course only where RC-34 would not object to it: symptoms, a planned resection or a curative plan.
              shortCourseIndicated: !withoutPelvicIndication(f, draft),
              ...(f.case.metastaticDiagnosisDate ? { metastaticSince: f.case.metastaticDiagnosisDate } : {}),
            },
            subject: [draftBasis(draft)],
            draftIds: [draft.id],
          }));
      },
    ),
  card: ({ data, indicator }) => {
    const { draft, cancel } = data;
    const suggestions: SuggestionSpec[] = [];
    if (data.shortCourseIndicated) {
      suggestions.push({
        label: 'Replace with short-course RT 5 x 5 Gy',
        isRecommended: true,
        actions: [...cancel, { type: 'order-short-course-rt', reason: 'Short course instead of long-course chemoradiation: systemic therapy is not delayed', ...(draft.curative ? { curative: true } : {}) }],
      });
    }
    suggestions.push({ label: 'Cancel the chemoradiation; start systemic therapy', isRecommended: suggestions.length === 0, actions: cancel });
    const since = data.metastaticSince ? ` (metastatic since ${isoDay(data.metastaticSince)})` : '';
    return {
      summary:
        indicator === 'info'
          ? 'Curative plan with synchronous metastases: prefer short-course RT 5 x 5 Gy so systemic therapy is not delayed'
          : 'Long-course chemoradiation with synchronous metastases, no systemic therapy yet: start systemic therapy first',
      detail: [
        `${draft.label}${doseText(draft)}: five to six weeks of chemoradiation delay systemic therapy, which is what controls the metastases${since}.`,
        '- Start systemic therapy first.',
        '- If the pelvis needs radiotherapy (symptoms, or a resection within a curative plan), give **short-course RT 5 x 5 Gy** and continue chemotherapy.',
      ].join('\n'),
      suggestions,
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});
