import { pathToFileURL } from 'node:url';
import type { CardLayout } from '../src/engine/compose.js';
import { composeCards } from '../src/engine/compose.js';
import { allRules } from '../src/engine/rules/index.js';
import { allScenarios } from '../src/fixtures/scenarios/index.js';
import { assessRecord } from '../src/hooks/assess-record.js';

/**
 * How many cards a clinician gets at chart open, over every demo patient (the scenarios), in one layout:
 * the table the README shows. `npm run card-distribution` prints it; a test keeps the README's copy true.
 */
export interface Distribution {
  layout: CardLayout;
  patients: number;
  /** Number of patients by number of cards at chart open. */
  byCount: Map<number, number>;
  median: number;
  maxInfoCards: number;
}

export function cardDistribution(layout: CardLayout, now: Date): Distribution {
  const counts: number[] = [];
  let maxInfoCards = 0;
  for (const s of allScenarios) {
    const { evaluation } = assessRecord(s.record(now), {
      patientId: s.patientId,
      hook: 'patient-view',
      now,
      settings: { ruleSet: 'extended', disabledRules: [], rectosigmoidInScope: false },
      rules: allRules,
    });
    const cards = composeCards(evaluation.recommendations, layout);
    counts.push(cards.length);
    maxInfoCards = Math.max(maxInfoCards, cards.filter((c) => c.indicator === 'info').length);
  }
  const byCount = new Map<number, number>();
  for (const n of counts) byCount.set(n, (byCount.get(n) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { layout, patients: counts.length, byCount, median, maxInfoCards };
}

/** The README table: one row per layout, one column per card count. */
export function distributionTable(now: Date): string {
  const rows = (['plan', 'separate'] as const).map((layout) => cardDistribution(layout, now));
  const most = Math.max(...rows.flatMap((r) => [...r.byCount.keys()]));
  const columns = Array.from({ length: most + 1 }, (_, i) => i);
  return [
    `| layout | ${columns.map((n) => `${n} card${n === 1 ? '' : 's'}`).join(' | ')} | median | most info cards in one answer |`,
    `|---|${columns.map(() => '---:').join('|')}|---:|---:|`,
    ...rows.map((r) => `| \`${r.layout}\` | ${columns.map((n) => r.byCount.get(n) ?? 0).join(' | ')} | ${r.median} | ${r.maxInfoCards} |`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const now = new Date();
  console.log(`Cards at chart open (patient-view, extended rule set) over the ${allScenarios.length} demo patients:\n`);
  console.log(distributionTable(now));
}
