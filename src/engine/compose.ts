import type { Indicator, Recommendation } from './types.js';

/**
 * Card composition for chart review (decision table, "Card composition"): a clinician opening the chart reads
 * one or two cards, not six. Alerts (warning, critical) stand alone; every info recommendation folds into one
 * plan card led by the rule highest in the priority order; advice an alert already gives folds into that
 * alert. Plain data and a pure function: the card builder renders what this returns.
 */
export type CardLayout = 'plan' | 'separate';

/**
 * The lead of the plan card and the order of its sections: biomarker-directed therapy, therapy now, the
 * curative and local pathway, work-up, coordination; comfort-focused care leads whenever it fires.
 */
export const PLAN_PRIORITY: readonly string[] = [
  'RC-26',
  // 1. biomarker-directed therapy
  'RC-E3', 'RC-E2', 'RC-14', 'RC-E6',
  // 2. therapy now
  'RC-02', 'RC-03', 'RC-05', 'RC-E4', 'RC-12', 'RC-13', 'RC-E8',
  // 3. curative and local pathway
  'RC-08', 'RC-18', 'RC-17', 'RC-11', 'RC-09', 'RC-22', 'RC-23', 'RC-25', 'RC-16',
  // 4. work-up
  'RC-10', 'RC-04',
  // 5. coordination
  'RC-01', 'RC-24',
];

/** One card to build: its lead recommendation and those folded into it, lead first. */
export interface ComposedCard {
  recs: Recommendation[];
  indicator: Indicator;
}

const severity: Record<Indicator, number> = { critical: 0, warning: 1, info: 2 };

function rank(ruleId: string): number {
  const i = PLAN_PRIORITY.indexOf(ruleId);
  return i === -1 ? PLAN_PRIORITY.length : i;
}

const byPriority = (a: Recommendation, b: Recommendation) => rank(a.ruleId) - rank(b.ruleId);

/**
 * The cards of a chart review. `separate`: one card per recommendation (for EHRs that file cards one by one).
 * `plan`: alerts first (critical, then warning), each with the advice folded into it; then one plan card.
 * Order hooks are not composed: their cards are about one draft each already.
 */
export function composeCards(recs: readonly Recommendation[], layout: CardLayout): ComposedCard[] {
  if (layout === 'separate') return recs.map((r) => ({ recs: [r], indicator: r.indicator }));
  const alerts = recs.filter((r) => r.indicator !== 'info').sort((a, b) => severity[a.indicator] - severity[b.indicator] || byPriority(a, b));
  const folded = new Set<Recommendation>();
  const alertCards = alerts.map((alert): ComposedCard => {
    const into = recs.filter((r) => r.indicator === 'info' && r.foldsInto === alert.ruleId).sort(byPriority);
    for (const r of into) folded.add(r);
    return { recs: [alert, ...into], indicator: alert.indicator };
  });
  const plan = recs.filter((r) => r.indicator === 'info' && !folded.has(r)).sort(byPriority);
  return plan.length > 0 ? [...alertCards, { recs: plan, indicator: 'info' }] : alertCards;
}
