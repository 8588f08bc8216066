import type { ClinicalConfig } from '../config/types.js';
import type { DraftOrder } from '../domain/draft-order.js';
import type { EvaluationContext, HookName } from '../engine/types.js';

/**
 * The engine's context for one evaluation, from the rule settings of the configuration. The hooks and the
 * SMART app both build it here, so the app recommends exactly what the cards say.
 */
export function evaluationContext(
  settings: Pick<ClinicalConfig, 'ruleSet' | 'disabledRules'>,
  hook: HookName,
  now: Date,
  drafts?: readonly DraftOrder[],
): EvaluationContext {
  return {
    hook,
    ruleSet: settings.ruleSet,
    disabledRules: new Set(settings.disabledRules),
    now,
    ...(drafts ? { orders: { drafts } } : {}),
  };
}
