import type { FactBase, FactName } from './facts/fact-types.js';
import type { BasedOn, CardContent, EvaluationContext, Evidence, HookName, Indicator, Origin } from './types.js';

/**
 * The rule contract. A rule is plain data about itself (`meta`), a `match` over the fact base that returns one
 * firing per problem with the data its card needs, and a `card` that words a firing. The engine adds what is
 * the same for every rule: the scope gate, the "based on" lines (from the facts `match` read), the evidence,
 * the resolution rules. Adding a rule is one file under `rules/` plus the scenario its examples name.
 */
export interface RuleMeta {
  id: string;
  /** Short name for `source.topic.display`. */
  title: string;
  origin: Origin;
  hooks: readonly HookName[];
  evidence: Evidence;
  /** Trigger and recommendation in plain words, for the rule catalogue. */
  trigger: string;
  recommendation: string;
  defaultIndicator: Indicator;
  /** Does not need stage IV (local recurrence rules). */
  withoutStageIV?: boolean;
  /**
   * Scenarios (`src/fixtures/scenarios`, by id) whose expectations name this rule: the worked examples of it
   * firing and staying silent. A test runs each through the engine and checks the rule does what they say.
   */
  examples: readonly string[];
}

/** What `match` hands the engine for one problem. */
export interface FiringSpec<T> {
  /** Everything the card needs, computed once by `match`. */
  data: T;
  /** A variant's indicator, when it differs from the rule's default (e.g. RC-02 late: warning). */
  indicator?: Indicator;
  /** Order rules: the draft orders (`Type/id`) this firing is about; one firing = one problem = one card. */
  draftIds?: string[];
  /** Lines about this firing's own subject (the order being written), shown before the facts read. */
  subject?: BasedOn[];
  /** Chart review: the alert whose card already gives this advice; when that alert fires, this folds into it. */
  foldsInto?: string;
}

/** A firing as the card sees it: the rule's findings plus the "based on" lines the engine derived. */
export interface Firing<T> extends FiringSpec<T> {
  indicator: Indicator;
  basedOn: BasedOn[];
}

/** Why a rule did not fire: the first condition that failed, and the facts that condition read. */
export interface FailedCondition {
  condition: string;
  read: FactName[];
}

export type MatchResult<T> = { firings: FiringSpec<T>[]; failed?: undefined } | { firings: []; failed: FailedCondition };

export interface Rule<T = unknown> {
  meta: RuleMeta;
  match(facts: FactBase, ctx: EvaluationContext): MatchResult<T>;
  card(firing: Firing<T>, ctx: EvaluationContext): CardContent;
}

/** One named condition of a rule's trigger; `holds` reads the facts it needs. */
export type Condition = readonly [label: string, holds: () => boolean];

/**
 * The usual match: every condition in order (the first that fails is the reason the rule stayed silent), then
 * `fire` builds the firings. A `fire` that finds nothing to fire on (no order among the drafts matched) fails
 * with `nothing` as its reason.
 */
export function whenAll<T>(
  f: FactBase,
  conditions: readonly Condition[],
  fire: () => FiringSpec<T> | readonly FiringSpec<T>[],
  nothing = 'no order being written meets the conditions',
): MatchResult<T> {
  for (const [condition, holds] of conditions) {
    const { result, read } = f.track(holds);
    if (!result) return { firings: [], failed: { condition, read } };
  }
  const { result, read } = f.track(fire);
  const firings = Array.isArray(result) ? [...(result as readonly FiringSpec<T>[])] : [result as FiringSpec<T>];
  return firings.length > 0 ? { firings } : { firings: [], failed: { condition: nothing, read } };
}

/** A rule with its data type erased, as the engine holds it (rule methods are bivariant in their data). */
export type AnyRule = Rule<unknown>;

export function defineRule<T>(rule: Rule<T>): Rule<T> {
  return rule;
}

/**
 * Read facts only so the card's Based on shows them (the patient's context for the advice); they decide
 * nothing. Reading is what puts a fact on the card, so this is said where it happens.
 */
export function mention(..._facts: unknown[]): void {}
