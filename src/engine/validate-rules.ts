import { RULE_ID } from '../domain/ids.js';
import type { AnyRule } from './rule.js';
import { SEEDS } from './sources.js';


/** Start-up check of the rule set: a broken rule fails at boot, not on a live request. */
export function validateRules(rules: readonly AnyRule[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { meta: r } of rules) {
    if (!RULE_ID.test(r.id)) problems.push(`${r.id}: id must look like RC-01 or RC-E1`);
    if (seen.has(r.id)) problems.push(`${r.id}: duplicate id`);
    seen.add(r.id);
    if (!r.title.trim()) problems.push(`${r.id}: empty title`);
    if (r.hooks.length === 0) problems.push(`${r.id}: no hook`);
    if (!r.trigger.trim() || !r.recommendation.trim()) problems.push(`${r.id}: trigger and recommendation are required`);
    for (const s of r.evidence.seeds) if (!(s in SEEDS)) problems.push(`${r.id}: unknown seed ${s}`);
    if (r.origin === 'ext' && !r.evidence.citation) problems.push(`${r.id}: ext rules must cite their trial or guideline`);
    if (r.evidence.seeds.length === 0 && !r.evidence.citation) problems.push(`${r.id}: no source`);
    if (r.examples.length === 0) problems.push(`${r.id}: no example scenario`);
  }
  if (problems.length > 0) throw new Error(`Invalid rule set:\n  ${problems.join('\n  ')}`);
}
