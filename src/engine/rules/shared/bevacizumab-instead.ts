import type { DraftOrder } from '../../../domain/draft-order.js';
import type { FactBase } from '../../facts/fact-types.js';
import type { ActionSpec, SuggestionSpec } from '../../types.js';

/** What decides whether an order card may offer bevacizumab instead of a drafted anti-EGFR antibody. */
export interface BevacizumabOption {
  inPlace: 'running' | 'drafted' | undefined;
  blockers: string[];
}

export function bevacizumabOption(f: FactBase): BevacizumabOption {
  return { inPlace: f.bevacizumabInPlace, blockers: f.bevacizumabBlockers };
}

/**
 * The safer biologic: cancel the anti-EGFR draft and, when no other rule forbids it and it is not already there,
 * draft bevacizumab. Returns the suggestion and the sentence the card says about bevacizumab.
 */
export function replaceWithBevacizumab(
  option: BevacizumabOption,
  d: DraftOrder,
  name: string,
  extra: ActionSpec[],
  meanwhile = false,
): { suggestion: SuggestionSpec; line: string } {
  const cancel: ActionSpec = { type: 'delete-draft', draftId: d.id, description: `Cancel the ${name} order` };
  if (option.inPlace) {
    const line = `- Bevacizumab is already ${option.inPlace === 'running' ? 'running' : 'in this order set'}: keep it as the biologic.`;
    return { suggestion: { label: `Cancel ${name}`, isRecommended: true, actions: [cancel, ...extra] }, line };
  }
  if (option.blockers.length > 0) {
    const line = `- Bevacizumab, the usual alternative, is not suggested now: ${option.blockers.join('; ')}.`;
    return { suggestion: { label: `Cancel ${name}`, isRecommended: true, actions: [cancel, ...extra] }, line };
  }
  const bev: ActionSpec = { type: 'order-drug', drug: 'bevacizumab', reason: `Biologic instead of ${name}: bevacizumab works whatever the RAS status` };
  return {
    suggestion: { label: `Replace ${name} with bevacizumab`, isRecommended: true, actions: [cancel, ...extra, bev] },
    line: `- The biologic for the chemotherapy doublet is **bevacizumab**, whatever the RAS status${meanwhile ? ', meanwhile' : ''}.`,
  };
}
