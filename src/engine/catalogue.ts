import type { AnyRule } from './rule.js';
import { allRules } from './rules/index.js';
import { SUPPRESSIONS } from './resolution.js';
import { SEEDS } from './sources.js';
import * as thresholdValues from './thresholds.js';

/**
 * The rule catalogue (`docs/rules.md`) for a clinical informaticist: every rule with its trigger,
 * recommendation, indicator and sources, the resolution rules and the design thresholds. Generated from the
 * rule objects so it cannot drift from the code (`npm run docs:rules`; `test/engine/rules-catalogue.test.ts`
 * fails when the file is stale). Pure: text in, text out.
 */

export interface ThresholdDoc {
  name: string;
  value: string;
  meaning: string;
}

export interface CatalogueParts {
  rules: readonly AnyRule[];
  suppressions: Readonly<Record<string, readonly string[]>>;
  thresholds: readonly ThresholdDoc[];
  seeds: Readonly<Record<string, string>>;
}

/**
 * Pair each exported constant with the TSDoc comment above it in `thresholds.ts` (the comment is the only
 * place that says what the number means). Constants without a comment are still listed.
 */
export function describeThresholds(values: Readonly<Record<string, unknown>>, source: string): ThresholdDoc[] {
  const comments = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const (\w+)/g)) {
    const text = (m[1] ?? '')
      .split('\n')
      .map((l) => l.replace(/^\s*\*?\s?/, '').trim())
      .filter(Boolean)
      .join(' ');
    comments.set(m[2] ?? '', text);
  }
  return Object.keys(values)
    .sort((a, b) => source.indexOf(`const ${a} `) - source.indexOf(`const ${b} `))
    .map((name) => ({ name, value: String(values[name]), meaning: comments.get(name) ?? '' }));
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function suppressedBy(id: string, suppressions: CatalogueParts['suppressions']): string[] {
  return Object.entries(suppressions)
    .filter(([, losers]) => losers.includes(id))
    .map(([winner]) => winner);
}

function ruleSection(rule: AnyRule, parts: CatalogueParts): string[] {
  const r = rule.meta;
  const seeds = r.evidence.seeds.map((s) => `${s} (${parts.seeds[s] ?? 'unknown source'})`);
  const suppresses = parts.suppressions[r.id] ?? [];
  const by = suppressedBy(r.id, parts.suppressions);
  return [
    `### ${r.id}: ${r.title}`,
    '',
    `- **Origin:** ${r.origin === 'ext' ? 'ext (beyond the seed texts; off in seed-only mode)' : 'seed'}`,
    `- **Hooks:** ${r.hooks.join(', ')}`,
    `- **Needs stage IV:** ${r.withoutStageIV ? 'no (recurrent disease without distant metastasis)' : 'yes'}`,
    `- **Trigger:** ${r.trigger}`,
    `- **Recommendation:** ${r.recommendation}`,
    `- **Indicator:** ${r.defaultIndicator}`,
    `- **Evidence level:** ${r.evidence.level ?? 'not graded'}`,
    `- **Seeds:** ${seeds.length > 0 ? seeds.join('; ') : 'none'}`,
    ...(r.evidence.citation ? [`- **Citation:** ${r.evidence.citation}`] : []),
    ...(suppresses.length > 0 ? [`- **Suppresses:** ${suppresses.join(', ')}`] : []),
    ...(by.length > 0 ? [`- **Suppressed by:** ${by.join(', ')}`] : []),
    '',
  ];
}

export function renderCatalogue(parts: CatalogueParts): string {
  const lines: string[] = [
    '# Rule catalogue',
    '',
    '<!-- Generated from src/engine/rules by `npm run docs:rules`. Do not edit by hand: a test fails when this file and the rules disagree. -->',
    '',
    'Every guideline rule the service runs, as the code defines it. Each card carries its rule id in',
    '`source.topic.code`; `GET /rules/{id}` returns the same facts as JSON.',
    '',
    '- **Rule sets** (`RULE_SET`): `extended` (default) runs the seed rules and the ext rules, which go beyond the',
    '  seed texts to the current standard of care and cite their trial or guideline; `seed-only` runs the seed rules',
    '  only (a seed rule then also leaves out its ext parts).',
    '- **Disabling rules** (`DISABLED_RULES`): a comma-separated list of rule ids the operator switches off.',
    '- **Scope gate** (every rule): active confirmed rectal cancer (rectosigmoid only with `RECTOSIGMOID_IN_SCOPE`),',
    '  patient alive, and stage IV unless the rule says otherwise.',
    '',
    '| id | title | origin | hooks | indicator | level |',
    '|---|---|---|---|---|---|',
    ...parts.rules.map(
      ({ meta: r }) => `| ${r.id} | ${cell(r.title)} | ${r.origin} | ${r.hooks.join(', ')} | ${r.defaultIndicator} | ${r.evidence.level ?? '-'} |`,
    ),
    '',
    '## Rules',
    '',
    ...parts.rules.flatMap((r) => ruleSection(r, parts)),
    '## Resolution rules',
    '',
    'When a more specific card fires, the less specific one is dropped. A suppressor that is itself suppressed',
    'no longer suppresses. Cards are then sorted critical, warning, info.',
    '',
    '| rule | suppresses |',
    '|---|---|',
    ...Object.entries(parts.suppressions).map(([winner, losers]) => `| ${winner} | ${losers.join(', ')} |`),
    '',
    '## Design thresholds',
    '',
    'Named values the engine uses (`src/engine/thresholds.ts`) and what each means. Those the decision table marks',
    '"design" are fixed by no source text; cards that use a threshold show its value.',
    '',
    '| name | value | meaning |',
    '|---|---|---|',
    ...parts.thresholds.map((t) => `| \`${t.name}\` | ${t.value} | ${cell(t.meaning)} |`),
    '',
    '## Seed texts',
    '',
    '| seed | title |',
    '|---|---|',
    ...Object.entries(parts.seeds).map(([id, title]) => `| ${id} | ${cell(title)} |`),
    '',
  ];
  return lines.join('\n');
}

/** The catalogue of the shipped rules; `thresholdsSource` is the text of `src/engine/thresholds.ts`. */
export function buildCatalogue(thresholdsSource: string): string {
  return renderCatalogue({
    rules: allRules,
    suppressions: SUPPRESSIONS,
    thresholds: describeThresholds(thresholdValues, thresholdsSource),
    seeds: SEEDS,
  });
}
