import type { Case } from '../domain/case.js';
import { createFactBase, distinctBasis } from './facts/fact-base.js';
import type { FactBase, FactName } from './facts/fact-types.js';
import { TAKES_LOSER_INDICATOR, resolveSuppressions } from './resolution.js';
import type { AnyRule, FailedCondition, FiringSpec } from './rule.js';
import { withoutActionsOnUnnamedDrafts } from './rules/shared/draft-actions.js';
import { clampSummary } from './summary.js';
import type { EvaluationContext, Indicator, OverrideReason, Recommendation } from './types.js';

const severity: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };
const DEFAULT_OVERRIDE_REASONS: readonly OverrideReason[] = ['mdt-decision', 'clinical-trial', 'patient-preference'];

/** Why a rule that could not run did not: a property of the request, not of the patient. */
export type NotRunReason = 'other hook' | 'switched off' | 'ext rule (seed-only mode)' | 'out of scope' | 'needs stage IV';

/** What became of one rule in one evaluation: the answer to "why did I (not) get this card?". */
export type RuleOutcome =
  | { ruleId: string; status: 'fired'; firings: number }
  | { ruleId: string; status: 'suppressed'; firings: number; suppressedBy: string[] }
  | { ruleId: string; status: 'silent'; failed: FailedCondition }
  | { ruleId: string; status: 'not-run'; reason: NotRunReason };

export interface Evaluation {
  /** After the resolution rules, most severe first. */
  recommendations: Recommendation[];
  /** One per rule given, in the order given. */
  outcomes: RuleOutcome[];
  /** The facts this evaluation computed (the SMART app and explanations read them). */
  facts: FactBase;
}

/** Scope gate of every rule: active confirmed rectal (or enabled rectosigmoid) cancer, patient alive. */
export function inScope(c: Case): boolean {
  return !c.deceased && (c.scope.kind === 'rectal' || c.scope.kind === 'rectosigmoid');
}

function notRunReason(rule: AnyRule, c: Case, ctx: EvaluationContext): NotRunReason | undefined {
  if (!rule.meta.hooks.includes(ctx.hook)) return 'other hook';
  if (ctx.disabledRules.has(rule.meta.id)) return 'switched off';
  if (rule.meta.origin === 'ext' && ctx.ruleSet !== 'extended') return 'ext rule (seed-only mode)';
  if (!inScope(c)) return 'out of scope';
  if (!c.stageIV && !rule.meta.withoutStageIV) return 'needs stage IV';
  return undefined;
}

/** The rules that may run for this request: right hook, enabled, and ext rules only in extended mode. */
export function activeRules(rules: readonly AnyRule[], ctx: EvaluationContext): AnyRule[] {
  return rules.filter(
    (r) => r.meta.hooks.includes(ctx.hook) && !ctx.disabledRules.has(r.meta.id) && (r.meta.origin === 'seed' || ctx.ruleSet === 'extended'),
  );
}

function recommendationOf(rule: AnyRule, spec: FiringSpec<unknown>, read: readonly FactName[], f: FactBase, ctx: EvaluationContext): Recommendation {
  const indicator = spec.indicator ?? rule.meta.defaultIndicator;
  const basedOn = distinctBasis([...(spec.subject ?? []), ...read.flatMap((name) => f.basisOf(name))]);
  let content = rule.card({ ...spec, indicator, basedOn }, ctx);
  // No order card may cancel or reschedule a draft the EHR sent without an id.
  if (ctx.orders) content = withoutActionsOnUnnamedDrafts(content, ctx);
  return {
    ruleId: rule.meta.id,
    title: rule.meta.title,
    indicator,
    summary: clampSummary(content.summary),
    detail: content.detail,
    basedOn,
    evidence: rule.meta.evidence,
    origin: rule.meta.origin,
    suggestions: content.suggestions ?? [],
    overrideReasons: indicator === 'info' ? [] : [...(content.overrideReasons ?? DEFAULT_OVERRIDE_REASONS)],
    ...(spec.draftIds ? { draftIds: spec.draftIds } : {}),
    ...(spec.foldsInto ? { foldsInto: spec.foldsInto } : {}),
  };
}

/**
 * A winner of the resolution rules that takes a suppressed loser's indicator when it is higher (an MSI-H
 * patient untreated for 60 days: RC-E3 as a warning, as RC-02 would have been).
 */
function withInheritedIndicators(kept: Recommendation[], suppressedBy: ReadonlyMap<Recommendation, string[]>): Recommendation[] {
  return kept.map((winner) => {
    if (!TAKES_LOSER_INDICATOR.has(winner.ruleId)) return winner;
    const losers = [...suppressedBy].filter(([, by]) => by.includes(winner.ruleId)).map(([loser]) => loser);
    const highest = losers.reduce<Indicator>((max, l) => (severity[l.indicator] < severity[max] ? l.indicator : max), winner.indicator);
    if (highest === winner.indicator) return winner;
    const overrideReasons = winner.overrideReasons.length > 0 ? winner.overrideReasons : [...DEFAULT_OVERRIDE_REASONS];
    return { ...winner, indicator: highest, overrideReasons };
  });
}

/**
 * Evaluate the rules against one case. Pure: all data was gathered before, `now` is in the context; the facts
 * are computed once, on first read, and shared by every rule.
 */
export function evaluateCase(rules: readonly AnyRule[], c: Case, ctx: EvaluationContext): Evaluation {
  const f = createFactBase(c, ctx);
  const fired: { rule: AnyRule; rec: Recommendation }[] = [];
  const outcomes: RuleOutcome[] = [];
  for (const rule of rules) {
    const reason = notRunReason(rule, c, ctx);
    if (reason) {
      outcomes.push({ ruleId: rule.meta.id, status: 'not-run', reason });
      continue;
    }
    const { result, read } = f.track(() => rule.match(f, ctx));
    if (result.failed) {
      outcomes.push({ ruleId: rule.meta.id, status: 'silent', failed: result.failed });
      continue;
    }
    for (const spec of result.firings) fired.push({ rule, rec: recommendationOf(rule, spec, read, f, ctx) });
    outcomes.push({ ruleId: rule.meta.id, status: 'fired', firings: result.firings.length });
  }
  const { kept, suppressedBy } = resolveSuppressions(fired.map((x) => x.rec));
  for (const [i, o] of outcomes.entries()) {
    if (o.status !== 'fired') continue;
    const mine = fired.filter((x) => x.rule.meta.id === o.ruleId).map((x) => x.rec);
    if (mine.every((r) => suppressedBy.has(r))) {
      outcomes[i] = { ruleId: o.ruleId, status: 'suppressed', firings: o.firings, suppressedBy: [...new Set(mine.flatMap((r) => suppressedBy.get(r) ?? []))] };
    }
  }
  const recommendations = withInheritedIndicators(kept, suppressedBy).sort((a, b) => severity[a.indicator] - severity[b.indicator]);
  return { recommendations, outcomes, facts: f };
}

/** The recommendations of `evaluateCase`: after the resolution rules, most severe first. */
export function evaluate(rules: readonly AnyRule[], c: Case, ctx: EvaluationContext): Recommendation[] {
  return evaluateCase(rules, c, ctx).recommendations;
}
