import type { Case } from '../domain/case.js';

/**
 * The performance-status caveat of the later-line and immunotherapy cards (decision table: "caveat in the text
 * when 2 or unknown"). Unknown is said, never assumed to be fit.
 */
export function performanceCaveat(c: Case, therapy: string): string | undefined {
  const p = c.performance;
  if (!p) return `_Performance status not documented in the last 90 days: ${therapy} is for patients in good performance status; record ECOG before deciding._`;
  if (p.ecog === 2) return `_ECOG 2: weigh the benefit of ${therapy} against its toxicity._`;
  if (p.ecog >= 3) return `_ECOG ${p.ecog}: outside the populations of the trials behind ${therapy}; decide at the MDT._`;
  return undefined;
}
