import type { Provenance } from '../domain/case.js';
import type { DraftOrder } from '../domain/draft-order.js';
import type { RuleSet } from '../config/types.js';

/** The hook a rule is evaluated for. */
export type HookName = 'patient-view' | 'order-select' | 'order-sign';

/** The hooks that judge draft orders. */
export type OrderHookName = Exclude<HookName, 'patient-view'>;

export const HOOK_NAMES: readonly HookName[] = ['patient-view', 'order-select', 'order-sign'];

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
export type TestOrder = 'KRAS' | 'NRAS' | 'BRAF' | 'RAS-extended' | 'MSI' | 'HER2' | 'germline' | 'DPYD' | 'CEA' | 'CT-restaging';

/** An abstract action; `src/hooks` turns it into a CDS Hooks action with a FHIR resource. */
export type ActionSpec =
  | { type: 'order-test'; test: TestOrder; reason: string }
  | { type: 'delete-draft'; draftId: string; description: string }
  /** Order a drug as a new draft (the safer alternative of an order card). */
  | { type: 'order-drug'; drug: SuggestedDrug; reason: string }
  /** Order a short-course (25 Gy / 5 fractions) pelvic radiotherapy as a new draft. */
  | { type: 'order-short-course-rt'; reason: string; curative?: boolean }
  /** Move a drafted ServiceRequest's `occurrenceDateTime` to `occurrence` (the rest of the draft unchanged). */
  | { type: 'reschedule-draft'; draftId: string; occurrence: string; description: string };

/** Drugs an order card may suggest instead of the drafted one. */
export type SuggestedDrug = 'bevacizumab';

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
  /** Order rules: the draft orders (`Type/id`) the card is about, as the firing named them. */
  draftIds?: string[];
  /** Chart review: the alert whose card already gives this advice, if it fires (e.g. RC-03 into a late RC-02). */
  foldsInto?: string;
}

export type OverrideReason = 'mdt-decision' | 'clinical-trial' | 'result-disputed' | 'patient-preference' | 'already-addressed';

export interface EvaluationContext {
  hook: HookName;
  ruleSet: RuleSet;
  /** Rule ids switched off by the operator. */
  disabledRules: ReadonlySet<string>;
  now: Date;
  /** Order hooks only: the orders being written (each knows whether it is judged or context). */
  orders?: OrderContext;
}

/** The draft orders of an order-select / order-sign call. */
export interface OrderContext {
  drafts: readonly DraftOrder[];
}

/** What a rule's card says for one firing; evidence and "based on" are added by the engine and the card builder. */
export interface CardContent {
  summary: string;
  detail: string;
  suggestions?: SuggestionSpec[];
  overrideReasons?: OverrideReason[];
}
