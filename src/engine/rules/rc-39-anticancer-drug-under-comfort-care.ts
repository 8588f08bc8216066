import type { Fact } from '../../domain/case.js';
import type { DrugDraft } from '../../domain/draft-order.js';
import { MODULATORS } from '../../domain/drug-groups.js';
import { defineRule, whenAll } from '../rule.js';
import { cancelAction, draftBasis } from './shared/orders.js';

/** Systemic anticancer drugs: any drug the service knows but leucovorin (a modulator, not therapy). */
const anticancerDrafts = (drafts: readonly { kind: string; selected: boolean }[]) =>
  drafts.filter((d): d is DrugDraft => d.kind === 'drug' && d.selected && (d as DrugDraft).drugs.some((x) => !MODULATORS.includes(x)));

/** RC-39: a systemic anticancer drug ordered while comfort-focused care is documented: confirm the goals of care. */
export const rule = defineRule<{ drafts: DrugDraft[]; care: Fact<string> }>({
  meta: {
    id: 'RC-39',
    title: 'Anticancer drug under comfort-focused care',
    origin: 'seed',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: ['000', '002'] },
    trigger: 'Any systemic anticancer drug (chemotherapy, biologic, immunotherapy, targeted) being ordered; comfort-focused care documented',
    recommendation: 'Confirm the goals of care with the patient; the card names the hospice or care-plan record',
    defaultIndicator: 'warning',
    examples: ['V46'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['a systemic anticancer drug is being ordered', () => anticancerDrafts(f.judgedDrafts).length > 0],
        ['comfort-focused care documented', () => f.comfortCare !== undefined],
      ],
      () => {
        // The drugs of the order set are one problem: one card naming each of them.
        const drafts = anticancerDrafts(f.judgedDrafts);
        return { data: { drafts, care: f.comfortCare as Fact<string> }, subject: drafts.map((d) => draftBasis(d)), draftIds: drafts.map((d) => d.id) };
      },
    ),
  card: ({ data: { drafts, care } }) => {
    const names = drafts.map((d) => d.label).join(', ');
    return {
      summary: 'Anticancer therapy ordered while comfort-focused care is documented: confirm the goals of care first',
      detail: [
        `**Confirm the goals of care with the patient** before ${names}: the record says comfort-focused care (${care.value}, ${care.source.resourceType}/${care.source.id}).`,
        '- If the patient now wants cancer-directed therapy, update the hospice or care-plan record; hospice enrolment may have to end.',
      ].join('\n'),
      suggestions: [{ label: `Cancel ${drafts.length === 1 ? 'the order' : `the ${drafts.length} orders`}`, isRecommended: true, actions: drafts.map((d) => cancelAction(d)) }],
      overrideReasons: ['patient-preference', 'mdt-decision', 'already-addressed'],
    };
  },
});
