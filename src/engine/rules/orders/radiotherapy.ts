import type { Case } from '../../../domain/case.js';
import type { RadiotherapyDraft } from '../../../domain/draft-order.js';
import type { ActionSpec, EvaluationContext, Rule, SuggestionSpec } from '../../types.js';
import { isUntreatedSinceMetastatic, isoDay, primarySymptoms, therapyBasis } from '../../facts.js';
import {
  curativePlan, draftBasis, draftsOf, judgedDrafts, orderRule, primaryResectionPlanned, radiosensitiserDrafts,
  radiotherapyDrafts,
} from './order-facts.js';

/** RC-33 (long-course chemoradiation before systemic therapy) and RC-34 (pelvic RT without an indication). */

/** RC-34's conditions: pelvic RT with an asymptomatic primary in place, no resection planned, no curative plan. */
function withoutPelvicIndication(c: Case, ctx: EvaluationContext, d?: RadiotherapyDraft): boolean {
  return !c.primaryResected && primarySymptoms(c).length === 0 && !primaryResectionPlanned(c, ctx) && !curativePlan(c, d);
}

/** " 50.4 Gy / 28 fractions" when the order's own label does not already say the dose. */
function dose(d: RadiotherapyDraft): string {
  if (d.totalDoseCGy === undefined || /\bc?Gy\b/i.test(d.label)) return '';
  return ` ${d.totalDoseCGy / 100} Gy${d.fractions ? ` / ${d.fractions} fractions` : ''}`;
}

/** RC-33: long-course chemoradiation (>= 45 Gy) with synchronous metastases before any systemic therapy. */
export const longCourseBeforeSystemic: Rule = orderRule({
  id: 'RC-33',
  title: 'Long-course chemoradiation before systemic therapy',
  origin: 'seed',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: ['004'] },
  trigger: 'Long-course pelvic chemoradiation (>= 4500 cGy) being ordered; synchronous metastases (within 90 days of the rectal diagnosis); no systemic therapy yet',
  recommendation: 'Start systemic therapy; if the pelvis needs RT, short course 5 x 5 Gy (info when a curative-intent plan is documented)',
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    if (c.synchronous !== true || !isUntreatedSinceMetastatic(c)) return [];
    return radiotherapyDrafts(judgedDrafts(ctx))
      .filter((d) => d.pelvic && d.course === 'long-course')
      .map((d) => ({
        indicator: curativePlan(c, d) ? 'info' : 'warning',
        basedOn: [
          draftBasis(d),
          { label: 'Metastases', value: 'synchronous (within 90 days of the rectal cancer diagnosis)', date: c.metastaticDiagnosisDate },
          therapyBasis(c),
          ...(c.curativeIntent ? [{ label: 'Treatment intent', value: 'curative', date: c.curativeIntent.date, source: c.curativeIntent }] : []),
        ],
        draftIds: [d.id],
      }));
  },
  card(c, firing, ctx) {
    const d = draftsOf(ctx, firing)[0] as RadiotherapyDraft | undefined;
    const cancel: ActionSpec[] = d
      ? [d, ...radiosensitiserDrafts(ctx)].map((x) => ({ type: 'delete-draft', draftId: x.id, description: `Cancel the ${x.label} order` }))
      : [];
    const suggestions: SuggestionSpec[] = [];
    const info = firing.indicator === 'info';
    // Short course only where RC-34 would not object to it: symptoms, a planned resection or a curative plan.
    if (d && !withoutPelvicIndication(c, ctx, d)) {
      suggestions.push({
        label: 'Replace with short-course RT 5 x 5 Gy',
        isRecommended: true,
        actions: [...cancel, { type: 'order-short-course-rt', reason: 'Short course instead of long-course chemoradiation: systemic therapy is not delayed', ...(d.curative ? { curative: true } : {}) }],
      });
    }
    if (cancel.length > 0) suggestions.push({ label: 'Cancel the chemoradiation; start systemic therapy', isRecommended: suggestions.length === 0, actions: cancel });
    const since = c.metastaticDiagnosisDate ? ` (metastatic since ${isoDay(c.metastaticDiagnosisDate)})` : '';
    return {
      summary: info
        ? 'Curative plan with synchronous metastases: prefer short-course RT 5 x 5 Gy so systemic therapy is not delayed'
        : 'Long-course chemoradiation with synchronous metastases, no systemic therapy yet: start systemic therapy first',
      detail: [
        `${d ? `${d.label}${dose(d)}` : 'Long-course chemoradiation'}: five to six weeks of chemoradiation delay systemic therapy, which is what controls the metastases${since}.`,
        '- Start systemic therapy first.',
        '- If the pelvis needs radiotherapy (symptoms, or a resection within a curative plan), give **short-course RT 5 x 5 Gy** and continue chemotherapy.',
      ].join('\n'),
      suggestions,
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});

/** RC-34 (order-select): pelvic RT for an asymptomatic primary, no resection planned, no curative intent. */
export const pelvicRtWithoutIndication: Rule = orderRule({
  id: 'RC-34',
  title: 'Pelvic radiotherapy without an indication',
  origin: 'seed',
  hooks: ['order-select'],
  evidence: { seeds: ['002'] },
  trigger: 'Pelvic radiotherapy course being ordered; stage IV; asymptomatic primary; no resection of the primary planned and no curative intent documented',
  recommendation: 'Reserve pelvic RT for symptoms or a planned resection',
  defaultIndicator: 'info',
  appliesEach(c, ctx) {
    return radiotherapyDrafts(judgedDrafts(ctx))
      .filter((d) => d.pelvic && withoutPelvicIndication(c, ctx, d))
      .map((d) => ({
        basedOn: [draftBasis(d), { label: 'Symptoms of the primary', value: 'none documented' }, { label: 'Resection of the primary', value: 'not planned' }, { label: 'Treatment intent', value: 'no curative plan documented' }],
        draftIds: [d.id],
      }));
  },
  card(_c, firing, ctx) {
    const d = draftsOf(ctx, firing)[0] as RadiotherapyDraft | undefined;
    return {
      summary: 'Pelvic RT for an asymptomatic primary with no resection planned: reserve it for symptoms or a planned resection',
      detail: [
        `${d ? `${d.label}${dose(d)}` : 'Pelvic radiotherapy'}: the primary causes no symptoms, no resection is planned and no curative plan is documented.`,
        '- Pelvic RT in stage IV disease is for bleeding, pain or obstruction from the primary, or before a planned resection.',
      ].join('\n'),
      suggestions: d ? [{ label: 'Cancel the pelvic radiotherapy', actions: [{ type: 'delete-draft', draftId: d.id, description: `Cancel the ${d.label} order` }] }] : [],
    };
  },
});
