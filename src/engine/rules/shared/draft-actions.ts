import type { ActionSpec, CardContent, EvaluationContext, SuggestionSpec } from '../../types.js';
import { TYPE_AND_ID } from '../../../domain/ids.js';

/**
 * Actions on the drafts themselves (cancel, reschedule) need the order's `Type/id`: CDS Hooks `delete` names it
 * in `resourceId`, `update` sends the resource with its id. A draft sent without an id has only an internal
 * name (its Bundle fullUrl or its place in the Bundle), which the EHR cannot resolve.
 * @see https://cds-hooks.hl7.org/2.0/#action
 */

/** `Type/id` with a FHIR id, as `context.selections` and `delete` actions name an order. */

export function hasResourceId(draftId: string): boolean {
  return TYPE_AND_ID.test(draftId);
}

/** The draft an action changes, for the actions that change one. */
function targetOf(a: ActionSpec): string | undefined {
  return a.type === 'delete-draft' || a.type === 'reschedule-draft' ? a.draftId : undefined;
}

/** The suggestions without actions on unnamed drafts; a suggestion left with no action goes. */
function keepActionable(suggestions: readonly SuggestionSpec[], unnamed: ReadonlySet<string>): SuggestionSpec[] {
  return suggestions.flatMap((s) => {
    const actions = s.actions.filter((a) => !unnamed.has(targetOf(a) ?? ''));
    return actions.length > 0 ? [{ ...s, actions }] : [];
  });
}

/**
 * A card whose suggestions would cancel or reschedule a draft sent without an id: those actions are dropped (the
 * card and any new order it suggests stay), and the text names the order, by its display, for the clinician
 * to change by hand.
 */
export function withoutActionsOnUnnamedDrafts(content: CardContent, ctx: EvaluationContext): CardContent {
  const targets = (content.suggestions ?? []).flatMap((s) => s.actions.map(targetOf));
  const unnamed = new Set(targets.filter((id): id is string => id !== undefined && !hasResourceId(id)));
  if (unnamed.size === 0) return content;
  const labels = [...unnamed].map((id) => `"${ctx.orders?.drafts.find((d) => d.id === id)?.label ?? 'order'}"`);
  const [verb, pronoun] = labels.length === 1 ? ['was', 'it'] : ['were', 'them'];
  const note = `- ${labels.join(', ')} ${verb} sent without a valid id, so this card cannot cancel or reschedule ${pronoun}: change ${pronoun} in the order entry.`;
  return { ...content, detail: `${content.detail}\n${note}`, suggestions: keepActionable(content.suggestions ?? [], unnamed) };
}
