import type { DrugDraft } from '../../domain/draft-order.js';
import { CHECKPOINT_INHIBITORS } from '../../domain/drug-groups.js';
import { drugDrafts } from '../facts/treatment-facts.js';
import { capitalise } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';
import type { ActionSpec } from '../types.js';
import { cancelAction, draftBasis, drugNames } from './shared/orders.js';

/** RC-36: a checkpoint inhibitor ordered for a tumour not known to be MSI-H/dMMR. */
export const rule = defineRule<{ drafts: DrugDraft[]; unknown: boolean }>({
  meta: {
    id: 'RC-36',
    title: 'Checkpoint inhibitor without MSI-H',
    origin: 'seed',
    hooks: ['order-select', 'order-sign'],
    evidence: { seeds: ['004'], citation: 'Seed 004 corrected: checkpoint inhibitors are for MSI-H/dMMR disease (KEYNOTE-177, André, NEJM 2020)' },
    trigger: 'Checkpoint inhibitor being ordered; MSS/pMMR or MSI/MMR unknown',
    recommendation: 'No checkpoint inhibitor outside MSI-H/dMMR; order MSI/MMR testing when unknown',
    defaultIndicator: 'warning',
    examples: ['V17', 'V18', 'V20'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['a checkpoint inhibitor is being ordered', () => drugDrafts(f.judgedDrafts, CHECKPOINT_INHIBITORS).length > 0],
        ['not MSI-H/dMMR (MSS/pMMR or unknown)', () => !f.msiHigh],
      ],
      () => {
        // One problem however many checkpoint drugs (nivolumab + ipilimumab is one regimen): one card.
        const drafts = drugDrafts(f.judgedDrafts, CHECKPOINT_INHIBITORS);
        return { data: { drafts, unknown: f.msi.status === 'unknown' }, subject: drafts.map((d) => draftBasis(d)), draftIds: drafts.map((d) => d.id) };
      },
    ),
  card: ({ data: { drafts, unknown } }) => {
    const names = drafts.map((d) => drugNames(d, CHECKPOINT_INHIBITORS)).join(' + ') || 'checkpoint inhibitor';
    const cancel: ActionSpec[] = drafts.map((d) => cancelAction(d));
    const test: ActionSpec[] = unknown ? [{ type: 'order-test', test: 'MSI', reason: `MSI/MMR status unknown; needed before ${names}` }] : [];
    return {
      summary: unknown
        ? `${capitalise(names)} ordered with MSI/MMR unknown: test MSI/MMR first; checkpoint inhibitors are for MSI-H/dMMR`
        : `${capitalise(names)} ordered for MSS/pMMR disease: checkpoint inhibitors work in MSI-H/dMMR only`,
      detail: [
        unknown
          ? `**Hold ${names} until MSI/MMR is known**: checkpoint inhibitors benefit MSI-H/dMMR disease; no valid MSI/MMR result is on file (unknown is not MSI-H).`
          : `**Cancel ${names}**: the tumour is MSS/pMMR, where checkpoint inhibitors do not work outside a trial.`,
        ...(unknown ? ['- Order MSI (PCR) or MMR immunohistochemistry on tumour tissue.'] : []),
      ].join('\n'),
      suggestions: [{ label: unknown ? `Order MSI/MMR testing, hold ${names}` : `Cancel ${names}`, isRecommended: true, actions: [...cancel, ...test] }],
      overrideReasons: ['result-disputed', 'clinical-trial', 'mdt-decision'],
    };
  },
});
