import type { Case, Provenance } from '../domain/case.js';
import type { RuleSet } from '../config.js';

/** The hook a rule is evaluated for. */
export type HookName = 'patient-view' | 'order-select' | 'order-sign';

export type Indicator = 'info' | 'warning' | 'critical';

/** Where a rule's knowledge comes from: the seed texts, or the current standard of care beyond them. */
export type Origin = 'seed' | 'ext';

export interface Evidence {
  /** Level as the source grades it (`I-A`, `IV`, `1iiA`), or undefined when no grade is given. */
  level?: string;
  /** Seed file numbers, e.g. `['002', '004']`. */
  seeds: string[];
  /** Trial or guideline to cite (ext rules), e.g. `PRIME (Douillard, NEJM 2013)`. */
  citation?: string;
}

/** One datum a recommendation rests on, shown to the clinician as "based on". */
export interface BasedOn {
  label: string;
  value: string;
  date?: string;
  source?: Provenance;
}

/** A diagnostic test the engine can suggest ordering. Codes live at the edge (`src/hooks`). */
export type TestOrder = 'KRAS' | 'NRAS' | 'BRAF' | 'RAS-extended' | 'MSI' | 'CEA' | 'CT-restaging';

/** An abstract action; `src/hooks` turns it into a CDS Hooks action with a FHIR resource. */
export type ActionSpec =
  | { type: 'order-test'; test: TestOrder; reason: string }
  | { type: 'delete-draft'; draftId: string; description: string };

export interface SuggestionSpec {
  label: string;
  isRecommended?: boolean;
  actions: ActionSpec[];
}

/** What a rule says when it fires. */
export interface Recommendation {
  ruleId: string;
  title: string;
  indicator: Indicator;
  /** Card summary: one line, under 140 characters. */
  summary: string;
  /** Markdown recommendation text (evidence and "based on" are appended by the card builder). */
  detail: string;
  basedOn: BasedOn[];
  evidence: Evidence;
  origin: Origin;
  suggestions: SuggestionSpec[];
  /** Reasons a clinician may give for overriding (warning/critical cards). */
  overrideReasons: OverrideReason[];
}

export type OverrideReason = 'mdt-decision' | 'clinical-trial' | 'result-disputed' | 'patient-preference' | 'already-addressed';

export interface EvaluationContext {
  hook: HookName;
  ruleSet: RuleSet;
  /** Rule ids switched off by the operator. */
  disabledRules: ReadonlySet<string>;
  now: Date;
}

/** What a rule's `applies` returns when it fires: the facts that made it fire, plus any variant it chose. */
export interface Firing {
  basedOn: BasedOn[];
  indicator?: Indicator;
}

/**
 * A guideline rule as data: identity, provenance, a predicate over the case, and the card content.
 * `applies` and `card` are pure functions of the case and the context.
 */
export interface Rule {
  id: string;
  /** Short name for `source.topic.display`. */
  title: string;
  origin: Origin;
  hooks: HookName[];
  evidence: Evidence;
  /** Trigger and recommendation in plain words, for the rule catalogue. */
  trigger: string;
  recommendation: string;
  defaultIndicator: Indicator;
  /** Does not need stage IV (local recurrence rules). */
  withoutStageIV?: boolean;
  applies(c: Case, ctx: EvaluationContext): Firing | null;
  card(c: Case, firing: Firing, ctx: EvaluationContext): CardContent;
}

export interface CardContent {
  summary: string;
  detail: string;
  suggestions?: SuggestionSpec[];
  overrideReasons?: OverrideReason[];
}
