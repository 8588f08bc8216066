import type { AnyRule } from './rule.js';
import { allRules } from './rules/index.js';
import { PLAN_PRIORITY } from './compose.js';
import { SUPPRESSES_ALL_BUT, SUPPRESSIONS, TAKES_LOSER_INDICATOR } from './resolution.js';
import { SEEDS } from './sources.js';
import * as thresholdValues from './thresholds.js';

/**
 * The rule catalogue (`docs/rules.md`) for a clinical informaticist: every rule with its trigger,
 * recommendation, indicator and sources, the resolution rules and the design thresholds. Generated from the
 * rule objects so it cannot drift from the code (`npm run generate`; `test/generated-files.test.ts`
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
  /** Rules that leave only the listed ones standing (comfort-focused care). */
  suppressesAllBut: Readonly<Record<string, readonly string[]>>;
  /** Winners that take a suppressed rule's indicator when it is higher. */
  takesLoserIndicator: ReadonlySet<string>;
  /** Lead of the plan card and order of its sections. */
  planPriority: readonly string[];
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

/** The chart-review rules an all-but suppressor silences. */
function allButLosers(winner: string, parts: CatalogueParts): string[] {
  const kept = parts.suppressesAllBut[winner] ?? [];
  return parts.rules.map((r) => r.meta).filter((m) => m.hooks.includes('patient-view') && m.id !== winner && !kept.includes(m.id)).map((m) => m.id);
}

function suppressedBy(id: string, parts: CatalogueParts): string[] {
  return [
    ...Object.keys(parts.suppressesAllBut).filter((w) => allButLosers(w, parts).includes(id)),
    ...Object.entries(parts.suppressions)
      .filter(([, losers]) => losers.includes(id))
      .map(([winner]) => winner),
  ];
}

function ruleSection(rule: AnyRule, parts: CatalogueParts): string[] {
  const r = rule.meta;
  const seeds = r.evidence.seeds.map((s) => `${s} (${parts.seeds[s] ?? 'unknown source'})`);
  const suppresses = parts.suppressesAllBut[r.id]
    ? [`every chart-review rule but ${parts.suppressesAllBut[r.id]?.join(', ')}`]
    : (parts.suppressions[r.id] ?? []);
  const by = suppressedBy(r.id, parts);
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
    ...(suppresses.length > 0
      ? [`- **Suppresses:** ${suppresses.join(', ')}${parts.takesLoserIndicator.has(r.id) ? " (and takes the suppressed card's indicator when it is higher)" : ''}`]
      : []),
    ...(by.length > 0 ? [`- **Suppressed by:** ${by.join(', ')}`] : []),
    '',
  ];
}

export function renderCatalogue(parts: CatalogueParts): string {
  const lines: string[] = [
    '# Rule catalogue',
    '',
    '<!-- Generated from src/engine/rules by `npm run generate`. Do not edit by hand: a test fails when this file and the rules disagree. -->',
    '',
    'Every guideline rule the service runs, as the code defines it. Each card carries its lead rule id in',
    '`source.topic.code` and every rule it carries in `extension["org.rectal-cds.rules"]`; `GET /rules/{id}`',
    'returns the same facts as JSON.',
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
    "no longer suppresses. A winner marked \"takes indicator\" takes the dropped card's indicator when it is higher",
    '(and its text says what the dropped card would have said).',
    '',
    '| rule | suppresses | takes indicator |',
    '|---|---|---|',
    ...Object.entries(parts.suppressesAllBut).map(([winner, kept]) => `| ${winner} | every chart-review rule but ${kept.join(', ')} | no |`),
    ...Object.entries(parts.suppressions).map(
      ([winner, losers]) => `| ${winner} | ${losers.join(', ')} | ${parts.takesLoserIndicator.has(winner) ? 'yes' : 'no'} |`,
    ),
    '',
    '## Card composition (patient-view)',
    '',
    'Alert cards (warning, critical) stand alone, critical first. Every info recommendation folds into one plan',
    "card, last: its lead (summary, `source.topic`) is the folded rule highest in the order below, its detail one",
    "section per rule in that order, its suggestions the union of theirs. Advice an alert already gives folds into",
    "that alert instead (a rule's firing names the alert). Every card lists the rules it carries in",
    '`extension["org.rectal-cds.rules"]`, lead first. `CARD_LAYOUT=separate` keeps one card per rule; order hooks',
    'always answer one card per problem.',
    '',
    `Priority order: ${parts.planPriority.join(', ')}; rules not listed come after them.`,
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
    suppressesAllBut: SUPPRESSES_ALL_BUT,
    takesLoserIndicator: TAKES_LOSER_INDICATOR,
    planPriority: PLAN_PRIORITY,
    thresholds: describeThresholds(thresholdValues, thresholdsSource),
    seeds: SEEDS,
  });
}
