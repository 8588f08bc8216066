import { firingsOf } from './evaluate.js';
import type { Rule } from './types.js';

/**
 * One decision-table row may be implemented by one rule object per hook family under the same id: RC-E5 is
 * "both biologics active" in patient-view and "one biologic being ordered beside the other" in the order hooks.
 * Merge such variants into one rule, so the catalogue lists the row once and each hook runs its own variant.
 * The same id answering the same hook twice is a bug: it throws at start-up.
 */
export function mergeHookVariants(rules: readonly Rule[]): Rule[] {
  const byId = new Map<string, Rule[]>();
  for (const r of rules) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()].map((variants) => (variants.length === 1 ? (variants[0] as Rule) : merge(variants)));
}

function merge(variants: Rule[]): Rule {
  const first = variants[0] as Rule;
  const hooks = variants.flatMap((v) => v.hooks);
  if (new Set(hooks).size !== hooks.length) throw new Error(`${first.id}: two rules with this id answer the same hook`);
  const variantFor = (hook: string): Rule => variants.find((v) => v.hooks.some((h) => h === hook)) ?? first;
  const byHook = (text: (r: Rule) => string) => variants.map((v) => `${v.hooks.join(', ')}: ${text(v)}`).join(' | ');
  return {
    ...first,
    hooks,
    trigger: byHook((v) => v.trigger),
    recommendation: byHook((v) => v.recommendation),
    applies: (c, ctx) => variantFor(ctx.hook).applies(c, ctx),
    appliesEach: (c, ctx) => firingsOf(variantFor(ctx.hook), c, ctx),
    card: (c, firing, ctx) => variantFor(ctx.hook).card(c, firing, ctx),
  };
}
