import type { Evaluation, RuleOutcome } from './evaluate.js';
import type { FactBase, FactName } from './facts/fact-types.js';
import type { AnyRule } from './rule.js';
import type { BasedOn } from './types.js';

/**
 * "Why did I (not) get this card?": for each rule, what became of it in one evaluation, in words an
 * informaticist reads, with the facts behind the answer. Built from the outcomes the engine already records.
 */
export interface FactReading {
  fact: FactName;
  /** How the fact read for this patient ("ECOG: 1, 2026-05-20"). */
  reads: string[];
}

export interface RuleExplanation {
  ruleId: string;
  title: string;
  status: RuleOutcome['status'];
  /** One sentence. */
  reason: string;
  /** Silent rules: the first condition that did not hold, and the facts that condition read. */
  condition?: string;
  facts?: FactReading[];
  suppressedBy?: string[];
  cards?: number;
}

function lineText(b: BasedOn): string {
  return `${b.label}: ${b.value}${b.date ? `, ${b.date.slice(0, 10)}` : ''}`;
}

/** A fact with no lines of its own reads as its value, briefly. */
function valueText(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : `${v.length} on record`;
  return 'on record';
}

function reading(f: FactBase, name: FactName): FactReading {
  const lines = f.basisOf(name).map(lineText);
  return { fact: name, reads: lines.length > 0 ? [...new Set(lines)] : [valueText(f[name])] };
}

export function explainEvaluation(rules: readonly AnyRule[], evaluation: Evaluation): RuleExplanation[] {
  const titles = new Map(rules.map((r) => [r.meta.id, r.meta.title]));
  return evaluation.outcomes.map((o): RuleExplanation => {
    const base = { ruleId: o.ruleId, title: titles.get(o.ruleId) ?? o.ruleId, status: o.status };
    switch (o.status) {
      case 'fired':
        return { ...base, reason: `fired (${o.firings} card${o.firings === 1 ? '' : 's'})`, cards: o.firings };
      case 'suppressed':
        return { ...base, reason: `fired, but ${o.suppressedBy.join(', ')} gives the more specific advice: not shown`, suppressedBy: o.suppressedBy, cards: 0 };
      case 'silent':
        return {
          ...base,
          reason: `silent: "${o.failed.condition}" does not hold`,
          condition: o.failed.condition,
          facts: o.failed.read.map((name) => reading(evaluation.facts, name)),
        };
      case 'not-run':
        return { ...base, reason: `not run: ${o.reason}` };
    }
  });
}
