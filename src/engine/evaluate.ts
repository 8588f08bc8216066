import type { Case } from '../domain/case.js';
import type { EvaluationContext, Firing, Indicator, Recommendation, Rule } from './types.js';
import { applySuppressions } from './resolution.js';

const severity: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };

/** CDS Hooks: a card summary SHOULD be under 140 characters. Names of drafted orders can make one longer. */
export const SUMMARY_MAX_LENGTH = 139;

function clampSummary(summary: string): string {
  return summary.length <= SUMMARY_MAX_LENGTH ? summary : `${summary.slice(0, SUMMARY_MAX_LENGTH - 1).trimEnd()}…`;
}

/** The rules that may run for this request: right hook, enabled, and ext rules only in extended mode. */
export function activeRules(rules: readonly Rule[], ctx: EvaluationContext): Rule[] {
  return rules.filter(
    (r) =>
      r.hooks.includes(ctx.hook) &&
      !ctx.disabledRules.has(r.id) &&
      (r.origin === 'seed' || ctx.ruleSet === 'extended'),
  );
}

/** Scope gate of every rule: active confirmed rectal (or enabled rectosigmoid) cancer, patient alive. */
export function inScope(c: Case): boolean {
  return !c.deceased && (c.scope.kind === 'rectal' || c.scope.kind === 'rectosigmoid');
}

/** One firing per problem: `appliesEach` (order rules, one per offending draft) or the single `applies`. */
export function firingsOf(rule: Rule, c: Case, ctx: EvaluationContext): Firing[] {
  if (rule.appliesEach) return rule.appliesEach(c, ctx);
  const firing = rule.applies(c, ctx);
  return firing ? [firing] : [];
}

/**
 * Evaluate the rules against one case. Pure: all data was gathered before, `now` is in the context.
 * Returns the recommendations after the resolution rules, most severe first.
 */
export function evaluate(rules: readonly Rule[], c: Case, ctx: EvaluationContext): Recommendation[] {
  if (!inScope(c)) return [];
  const recs: Recommendation[] = [];
  for (const rule of activeRules(rules, ctx)) {
    if (!c.stageIV && !rule.withoutStageIV) continue;
    for (const firing of firingsOf(rule, c, ctx)) {
      const content = rule.card(c, firing, ctx);
      const indicator = firing.indicator ?? rule.defaultIndicator;
      recs.push({
        ruleId: rule.id,
        title: rule.title,
        indicator,
        summary: clampSummary(content.summary),
        detail: content.detail,
        basedOn: firing.basedOn,
        evidence: rule.evidence,
        origin: rule.origin,
        suggestions: content.suggestions ?? [],
        overrideReasons:
          indicator === 'info' ? [] : (content.overrideReasons ?? ['mdt-decision', 'clinical-trial', 'patient-preference']),
        ...(firing.draftIds ? { draftIds: firing.draftIds } : {}),
      });
    }
  }
  return applySuppressions(recs).sort((a, b) => severity[a.indicator] - severity[b.indicator]);
}
