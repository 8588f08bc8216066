import type { ActionSpec, Rule } from '../../types.js';
import { msiBasis } from '../../facts-biomarkers.js';
import { CHECKPOINT_INHIBITORS, capitalise, draftBasis, draftsOf, drugDrafts, drugNames, judgedDrafts, orderRule } from './order-facts.js';

/** RC-36: a checkpoint inhibitor ordered for a tumour not known to be MSI-H/dMMR. */
export const checkpointWithoutMsiHigh: Rule = orderRule({
  id: 'RC-36',
  title: 'Checkpoint inhibitor without MSI-H',
  origin: 'seed',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: ['004'], citation: 'Seed 004 corrected: checkpoint inhibitors are for MSI-H/dMMR disease (KEYNOTE-177, André, NEJM 2020)' },
  trigger: 'Checkpoint inhibitor being ordered; MSS/pMMR or MSI/MMR unknown',
  recommendation: 'No checkpoint inhibitor outside MSI-H/dMMR; order MSI/MMR testing when unknown',
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    if (c.biomarkers.msi.status === 'MSI-H') return [];
    const drafts = drugDrafts(judgedDrafts(ctx), CHECKPOINT_INHIBITORS);
    // One problem however many checkpoint drugs (nivolumab + ipilimumab is one regimen): one card.
    if (drafts.length === 0) return [];
    return [{ basedOn: [...drafts.map((d) => draftBasis(d)), msiBasis(c)], draftIds: drafts.map((d) => d.id) }];
  },
  card(c, firing, ctx) {
    const drafts = draftsOf(ctx, firing);
    const names = drafts.map((d) => drugNames(d, CHECKPOINT_INHIBITORS)).join(' + ') || 'checkpoint inhibitor';
    const unknown = c.biomarkers.msi.status === 'unknown';
    const cancel: ActionSpec[] = drafts.map((d) => ({ type: 'delete-draft', draftId: d.id, description: `Cancel the ${d.label} order` }));
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
      suggestions: cancel.length > 0 ? [{ label: unknown ? `Order MSI/MMR testing, hold ${names}` : `Cancel ${names}`, isRecommended: true, actions: [...cancel, ...test] }] : [],
      overrideReasons: ['result-disputed', 'clinical-trial', 'mdt-decision'],
    };
  },
});
