import type { ClinicalConfig, LearningConfig } from '../config/types.js';
import { evaluate } from '../engine/evaluate.js';
import type { Case } from '../domain/case.js';
import type { EvaluationContext, Recommendation } from '../engine/types.js';
import type { AnyRule } from '../engine/rule.js';

/**
 * Shadow rules (`SHADOW_RULES`): evaluated and recorded in the ledger as the cards they would have been, never
 * shown. The live evaluation runs without them, so a shadow rule can neither add a card nor, through the
 * resolution rules, suppress a live one. The shadow evaluation runs the live rules plus the shadow ones, so
 * what is recorded is exactly what the shadow rule would have shown had it been live (after resolution).
 */

/** The rule settings of every live evaluation (cards and the SMART app): shadow rules are off there. */
export function liveRuleSettings(config: Pick<ClinicalConfig, 'ruleSet' | 'disabledRules'> & Partial<Pick<LearningConfig, 'shadowRules'>>): Pick<ClinicalConfig, 'ruleSet' | 'disabledRules'> {
  const shadow = config.shadowRules ?? [];
  return { ruleSet: config.ruleSet, disabledRules: shadow.length === 0 ? config.disabledRules : [...new Set([...config.disabledRules, ...shadow])] };
}

/** What the shadow rules would have shown for this case; empty without shadow rules. */
export function shadowRecommendations(rules: readonly AnyRule[], c: Case, liveCtx: EvaluationContext, shadowRules: readonly string[]): Recommendation[] {
  if (shadowRules.length === 0) return [];
  const shadow = new Set(shadowRules);
  const disabledRules = new Set([...liveCtx.disabledRules].filter((id) => !shadow.has(id)));
  return evaluate(rules, c, { ...liveCtx, disabledRules }).filter((r) => shadow.has(r.ruleId));
}
