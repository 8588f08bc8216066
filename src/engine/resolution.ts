/**
 * The decision table's resolution rules: when a more specific card fires, the less specific one is dropped.
 * Plain data so the catalogue can show it. Order cards suppress one another only on the same draft order.
 */
export const SUPPRESSIONS: Readonly<Record<string, readonly string[]>> = {
  // Urgent surgical assessment replaces "systemic therapy first" and the elective-resection nudge.
  'RC-06': ['RC-05', 'RC-32'],
  // Long-course CRT with synchronous metastases is the more specific RT warning.
  'RC-33': ['RC-34'],
  // ECOG >= 3: no intensive-therapy recommendations (targeted combinations RC-E2 and RC-E6 included).
  // RC-05 would tell a frail patient to start with systemic therapy: RC-15 speaks for them.
  'RC-15': ['RC-02', 'RC-03', 'RC-05', 'RC-12', 'RC-13', 'RC-E2', 'RC-E4', 'RC-E6'],
  // "Resume after surgery or RT" is the more specific form of "start systemic therapy".
  'RC-20': ['RC-02'],
  // A known RAS mutation says more than "RAS unknown".
  'RC-30': ['RC-31'],
  // A G12C inhibitor co-ordered with the anti-EGFR is the exception to RC-30.
  'RC-E7': ['RC-30'],
};

/** What a suppression looks at: the rule, and for order cards the drafts the card is about. */
interface Suppressible {
  ruleId: string;
  draftIds?: readonly string[];
}

/**
 * Do the two cards speak about the same thing? A chart-review card is about the whole record; an order card
 * only about its drafts, so a card on one draft never hides a card on another.
 */
function sameSubject(winner: Suppressible, loser: Suppressible): boolean {
  if (!winner.draftIds || !loser.draftIds) return true;
  return winner.draftIds.some((id) => loser.draftIds?.includes(id));
}

/** The recommendations that stay, and for each dropped one the rules that suppressed it. */
export interface Resolved<T> {
  kept: T[];
  suppressedBy: Map<T, string[]>;
}

/** Drop every recommendation suppressed by another that fired; suppressors are applied in table order. */
export function resolveSuppressions<T extends Suppressible>(recs: readonly T[]): Resolved<T> {
  const suppressedBy = new Map<T, string[]>();
  for (const [winner, losers] of Object.entries(SUPPRESSIONS)) {
    // A suppressor that is itself suppressed (RC-30 by RC-E7) no longer suppresses.
    const winners = recs.filter((r) => r.ruleId === winner && !suppressedBy.has(r));
    for (const r of recs) {
      if (losers.includes(r.ruleId) && winners.some((w) => sameSubject(w, r))) suppressedBy.set(r, [...(suppressedBy.get(r) ?? []), winner]);
    }
  }
  return { kept: recs.filter((r) => !suppressedBy.has(r)), suppressedBy };
}

export function applySuppressions<T extends Suppressible>(recs: readonly T[]): T[] {
  return resolveSuppressions(recs).kept;
}
