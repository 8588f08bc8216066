import type { Case } from '../../src/domain/case.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { createFactBase } from '../../src/engine/facts/fact-base.js';
import type { FactBase } from '../../src/engine/facts/fact-types.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { EvaluationContext, Recommendation } from '../../src/engine/types.js';
import { NOW } from './case-builder.js';

/** Chart-review evaluation for rule tests: extended rules, nothing disabled, the fixed test `now`. */
export const ctx = (over: Partial<EvaluationContext> = {}): EvaluationContext => ({
  hook: 'patient-view',
  ruleSet: 'extended',
  disabledRules: new Set(),
  now: NOW,
  ...over,
});

/** Recommendations for a case, after the resolution rules. */
export const recs = (c: Case, over: Partial<EvaluationContext> = {}): Recommendation[] => evaluate(allRules, c, ctx(over));

/** Rule ids that fired. */
export const ids = (c: Case, over: Partial<EvaluationContext> = {}): string[] => recs(c, over).map((r) => r.ruleId);

/** The recommendation of one rule, if it fired. */
export const rec = (c: Case, id: string, over: Partial<EvaluationContext> = {}): Recommendation | undefined =>
  recs(c, over).find((r) => r.ruleId === id);

/** Table rows titled "<case>: fires" or "<case>: silent". */
export const titled = <T>(rows: [string, T, boolean][]): [string, T, boolean][] =>
  rows.map(([name, input, fires]) => [`${name}: ${fires ? 'fires' : 'silent'}`, input, fires]);

/** The fact base of a case, as one evaluation computes it. */
export const factsOf = (c: Case, over: Partial<EvaluationContext> = {}): FactBase => createFactBase(c, ctx(over));
