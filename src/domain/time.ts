/** One calendar day in milliseconds: the unit of every window of the decision table. */
export const DAY_MS = 86_400_000;
