import type { Case } from '../../domain/case.js';
import type { Firing, Rule, SuggestionSpec } from '../types.js';
import { geneBasis, rasMutant, rasWildType } from '../facts.js';
import { LINE_ACTIVE_DAYS } from '../thresholds.js';
import { ANTI_EGFR, drugSpanBasis, recentSpan, spansOverlap, type DrugSpan } from '../treatment-history.js';
import { missingBiomarkerTests } from './biomarker-testing.js';

/**
 * Bevacizumab and an anti-EGFR antibody in use at the same time: an active order or a dose in the last
 * 42 days for each, over overlapping periods (a switch from one to the other is not co-administration).
 */
function coActive(c: Case): { bev: DrugSpan; egfr: DrugSpan } | undefined {
  const bev = recentSpan(c, ['bevacizumab'], LINE_ACTIVE_DAYS);
  const egfr = recentSpan(c, ANTI_EGFR, LINE_ACTIVE_DAYS);
  return bev && egfr && spansOverlap(bev, egfr) ? { bev, egfr } : undefined;
}

/** Only a test order is safe to suggest here: the drugs themselves are the clinician's call. */
function rasTestSuggestion(c: Case): SuggestionSpec[] {
  const ras = missingBiomarkerTests(c, true).filter((t) => t.test === 'RAS-extended' || t.test === 'NRAS' || t.test === 'KRAS');
  if (ras.length === 0) return [];
  return [
    {
      label: 'Order RAS testing',
      isRecommended: true,
      actions: ras.map((t) => ({ type: 'order-test' as const, test: t.test, reason: t.why })),
    },
  ];
}

/** RC-E5 (patient-view): never two biologics together; the RAS status says which one must go. */
export const dualBiologics: Rule = {
  id: 'RC-E5',
  title: 'Bevacizumab and anti-EGFR together',
  origin: 'ext',
  hooks: ['patient-view'],
  evidence: { seeds: [], citation: 'PACCE (Hecht, JCO 2009); CAIRO2 (Tol, NEJM 2009)' },
  trigger: `Anti-EGFR antibody and bevacizumab active together (active order or a dose in the last ${LINE_ACTIVE_DAYS} days, overlapping)`,
  recommendation:
    'Stop one biologic: the combination shortened progression-free survival and added toxicity. RAS mutant or unknown: the anti-EGFR antibody goes',
  defaultIndicator: 'critical',
  applies(c): Firing | null {
    const both = coActive(c);
    if (!both) return null;
    return {
      basedOn: [
        drugSpanBasis('Bevacizumab', both.bev, c.now),
        drugSpanBasis('Anti-EGFR', both.egfr, c.now),
        geneBasis('KRAS', c.biomarkers.kras),
        geneBasis('NRAS', c.biomarkers.nras),
      ],
    };
  },
  card(c) {
    const both = coActive(c);
    const egfr = both?.egfr.drugs.join(' and ') ?? 'anti-EGFR antibody';
    const mutant = rasMutant(c, true);
    const never = 'Never give bevacizumab and an anti-EGFR antibody together: the combination shortened progression-free survival and added toxicity.';
    let which: string;
    if (mutant) {
      which = `- Stop ${egfr}: ${mutant.gene}${mutant.used?.variant ? ` ${mutant.used.variant}` : ''} mutant disease does not respond to anti-EGFR antibodies.`;
    } else if (rasWildType(c, true)) {
      which = '- RAS wild-type: keep one biologic with the chemotherapy and stop the other (tumour board decision).';
    } else {
      which = `- RAS status not confirmed: stop ${egfr}; give no anti-EGFR antibody before a RAS wild-type result.`;
    }
    return {
      summary: `Bevacizumab and ${egfr} both active: never combine the two antibodies; stop one now`,
      detail: [never, which].join('\n'),
      suggestions: rasTestSuggestion(c),
      overrideReasons: ['clinical-trial', 'already-addressed', 'result-disputed'],
    };
  },
};
