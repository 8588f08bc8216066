/** CDS Hooks: a card summary SHOULD be under 140 characters. Names of drafted orders can make one longer. */
export const SUMMARY_MAX_LENGTH = 139;

/** Cut to `max` characters with an ellipsis, at a word's end where the text allows. */
export function clampText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function clampSummary(summary: string): string {
  return clampText(summary, SUMMARY_MAX_LENGTH);
}
