import type { DrugDraft } from '../../domain/draft-order.js';
import type { ProcedureFact } from '../../domain/case.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import { drugDrafts } from '../facts/treatment-facts.js';
import { daysBetween, isoDay, procedureName } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';
import { SURGERY_BEVACIZUMAB_GAP_DAYS } from '../thresholds.js';
import { draftBasis } from './shared/orders.js';

interface Data {
  draft: DrugDraft;
  surgery: ProcedureFact & { date: string };
  /** Days from the surgery to the bevacizumab start (its planned start, else now). */
  days: number;
}

/** Bevacizumab's start: the order's planned start, else now. */
const startOf = (d: DrugDraft, now: string) => d.plannedDate ?? now;

/** RC-E10: bevacizumab ordered less than 28 days after major surgery (wound healing). */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-E10',
    title: 'Bevacizumab soon after surgery',
    origin: 'ext',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: [], citation: 'Bevacizumab prescribing information: surgery and wound-healing complications' },
    trigger: `Bevacizumab being ordered < ${SURGERY_BEVACIZUMAB_GAP_DAYS} days after major surgery (measured to its planned start, else now)`,
    recommendation: `Start bevacizumab no sooner than ${SURGERY_BEVACIZUMAB_GAP_DAYS} days after major surgery, with the wound healed`,
    defaultIndicator: 'warning',
    examples: ['V45'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['bevacizumab is being ordered', () => drugDrafts(f.judgedDrafts, ['bevacizumab']).length > 0],
        ['major surgery on record', () => f.lastMajorSurgery !== undefined],
      ],
      () => {
        const surgery = f.lastMajorSurgery as Data['surgery'];
        return drugDrafts(f.judgedDrafts, ['bevacizumab'])
          .map((draft) => ({ draft, days: daysBetween(surgery.date, startOf(draft, f.case.now)) }))
          .filter((x) => x.days < SURGERY_BEVACIZUMAB_GAP_DAYS)
          .map(({ draft, days }) => ({ data: { draft, surgery, days }, subject: [draftBasis(draft)], draftIds: [draft.id] }));
      },
      `no bevacizumab order starts within ${SURGERY_BEVACIZUMAB_GAP_DAYS} days of the last major surgery`,
    ),
  card: ({ data: { draft, surgery, days } }) => {
    const earliest = isoDay(new Date(isoMs(surgery.date) + SURGERY_BEVACIZUMAB_GAP_DAYS * DAY_MS).toISOString());
    const what = procedureName(surgery.kind);
    return {
      summary: `Bevacizumab ${days} days after ${what}: wait at least ${SURGERY_BEVACIZUMAB_GAP_DAYS} days (from ${earliest})`,
      detail: [
        `**Do not start bevacizumab yet**: ${what} on ${isoDay(surgery.date)}, ${days} days before its start.`,
        `- Bevacizumab impairs wound healing: start it no sooner than ${SURGERY_BEVACIZUMAB_GAP_DAYS} days after major surgery, and only once the wound has healed (from ${earliest}).`,
        '- The chemotherapy itself may go ahead.',
      ].join('\n'),
      suggestions: [
        { label: 'Cancel bevacizumab for now', isRecommended: true, actions: [{ type: 'delete-draft', draftId: draft.id, description: `Cancel the ${draft.label} order; re-order it from ${earliest}` }] },
      ],
      overrideReasons: ['mdt-decision', 'already-addressed', 'clinical-trial'],
    };
  },
});
