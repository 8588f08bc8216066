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
  // RC-05 would tell a frail patient to start with systemic therapy: RC-15 speaks for them; trials neither.
  'RC-15': ['RC-02', 'RC-03', 'RC-05', 'RC-12', 'RC-13', 'RC-24', 'RC-E2', 'RC-E4', 'RC-E6'],
  // "Resume after surgery or RT" is the more specific form of "start systemic therapy" (its card keeps the regimen).
  'RC-20': ['RC-02'],
  // Biomarker-directed therapy outranks the generic line: MSI-H/dMMR needs no chemotherapy-plus-biologic card...
  'RC-E3': ['RC-02', 'RC-03', 'RC-E4'],
  // ... BRAF V600E's regimen holds the doublet in first line and replaces the generic second line ...
  'RC-E2': ['RC-02', 'RC-03', 'RC-E4', 'RC-12'],
  // ... and a checkpoint inhibitor is the MSI-H second line.
  'RC-14': ['RC-12'],
  // A known RAS mutation says more than "RAS unknown".
  'RC-30': ['RC-31'],
  // A G12C inhibitor co-ordered with the anti-EGFR is the exception to RC-30.
  'RC-E7': ['RC-30'],
};

/**
 * Rules that, when they fire, leave only a few others standing: comfort-focused care pauses cancer-directed
 * advice (RC-26 keeps the symptom cards RC-06, RC-07 and RC-16).
 */
export const SUPPRESSES_ALL_BUT: Readonly<Record<string, readonly string[]>> = {
  'RC-26': ['RC-06', 'RC-07', 'RC-16'],
};

/**
 * Winners that take a loser's indicator when it is higher (and say in their text what the loser would have
 * said): an MSI-H patient untreated for 60 days gets RC-E3 as a warning, BRAF V600E progressing RC-E2.
 */
export const TAKES_LOSER_INDICATOR: ReadonlySet<string> = new Set(['RC-E3', 'RC-E2', 'RC-14']);

/** Does `winner` suppress `loser` by the tables above? */
export function suppresses(winner: string, loser: string): boolean {
  if (winner === loser) return false;
  const kept = SUPPRESSES_ALL_BUT[winner];
  if (kept) return !kept.includes(loser);
  return SUPPRESSIONS[winner]?.includes(loser) ?? false;
}

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
  // The all-but suppressors first: under comfort-focused care nothing they silence suppresses anything.
  for (const winner of [...Object.keys(SUPPRESSES_ALL_BUT), ...Object.keys(SUPPRESSIONS)]) {
    // A suppressor that is itself suppressed (RC-30 by RC-E7) no longer suppresses.
    const winners = recs.filter((r) => r.ruleId === winner && !suppressedBy.has(r));
    if (winners.length === 0) continue;
    for (const r of recs) {
      if (!suppresses(winner, r.ruleId) || !winners.some((w) => sameSubject(w, r))) continue;
      const by = suppressedBy.get(r) ?? [];
      if (!by.includes(winner)) suppressedBy.set(r, [...by, winner]);
    }
  }
  return { kept: recs.filter((r) => !suppressedBy.has(r)), suppressedBy };
}

export function applySuppressions<T extends Suppressible>(recs: readonly T[]): T[] {
  return resolveSuppressions(recs).kept;
}
