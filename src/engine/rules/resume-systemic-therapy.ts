import type { Case } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { compact, daysBetween, isoDay, isUnresectable, performanceBasis, resectabilityBasis } from '../facts.js';
import { POST_LOCAL_THERAPY_DAYS } from '../thresholds.js';
import { completedLocalTreatments, type LocalTreatment } from '../treatment-history.js';
import { DAY_MS } from '../../domain/time.js';

/**
 * The latest surgery or radiotherapy of the metastatic phase, when it is at least the threshold old and no
 * systemic therapy has been given or ordered since. Local treatment before the metastatic diagnosis belongs
 * to the earlier disease and says nothing about a gap now.
 */
function untreatedAfterLocalTherapy(c: Case): { last: LocalTreatment; days: number } | undefined {
  const last = completedLocalTreatments(c)[0];
  if (!last) return undefined;
  const sinceMs = Date.parse(last.date);
  if (c.metastaticDiagnosisDate && sinceMs < Date.parse(c.metastaticDiagnosisDate) - DAY_MS) return undefined;
  const days = daysBetween(last.date, c.now);
  if (!(days >= POST_LOCAL_THERAPY_DAYS)) return undefined;
  const after = (e: { active: boolean; date?: string }) => e.active || (e.date !== undefined && Date.parse(e.date) >= sinceMs);
  // A medication record whose drug cannot be read may be the therapy: never claim "no therapy since" then.
  const treatedSince =
    c.therapy.exposures.some((e) => e.drug !== 'leucovorin' && e.drug !== 'levoleucovorin' && after(e)) ||
    (c.therapy.unidentified ?? []).some(after);
  return treatedSince ? undefined : { last, days };
}

/** RC-20: after local treatment of unresectable stage IV disease, systemic therapy must start or resume. */
export const resumeSystemicTherapy: Rule = {
  id: 'RC-20',
  title: 'Resume systemic therapy after local treatment',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002'] },
  trigger: `Resectability absent or \`unresectable\`; surgery or RT completed >= ${POST_LOCAL_THERAPY_DAYS} days (8 weeks, design) ago; no systemic therapy since`,
  recommendation: 'Start or resume systemic therapy: it is the only modality that prolongs survival',
  defaultIndicator: 'warning',
  applies(c): Firing | null {
    if (!isUnresectable(c)) return null;
    const gap = untreatedAfterLocalTherapy(c);
    if (!gap) return null;
    return {
      basedOn: compact([
        resectabilityBasis(c),
        { label: 'Last local treatment', value: `${gap.last.what}, ${gap.days} days ago`, date: gap.last.date, source: gap.last.source },
        { label: 'Systemic therapy', value: `none since ${isoDay(gap.last.date)}` },
        performanceBasis(c),
      ]),
    };
  },
  card(c) {
    const gap = untreatedAfterLocalTherapy(c);
    const weeks = gap ? Math.floor(gap.days / 7) : POST_LOCAL_THERAPY_DAYS / 7;
    const what = gap?.last.what ?? 'local treatment';
    const lines = [
      'Start or resume systemic therapy: in stage IV disease it is the only treatment that prolongs survival.',
      `- Last local treatment: ${what}, ${isoDay(gap?.last.date)} (${weeks} weeks ago; threshold ${POST_LOCAL_THERAPY_DAYS / 7} weeks, design).`,
      '- Do not let further local treatment delay it.',
    ];
    // RC-15's territory: the card must not read as a push for combination therapy in a frail patient.
    if (c.performance && c.performance.ecog >= 3) {
      lines.push(`- ECOG ${c.performance.ecog}: intensive combination therapy is not appropriate; decide the systemic option at the tumour board.`);
    }
    return {
      summary: `No systemic therapy in the ${weeks} weeks since ${what}: start or resume it`,
      detail: lines.join('\n'),
      overrideReasons: ['mdt-decision', 'patient-preference', 'already-addressed'],
    };
  },
};
