import type { Case } from '../../domain/case.js';
import type { BasedOn, EvaluationContext, Rule, TestOrder } from '../types.js';
import { geneBasis } from '../facts.js';

interface MissingTest {
  test: TestOrder;
  why: string;
}

/**
 * The tests still missing for treatment choice. Seed-only: KRAS. Extended (RC-E1 and the ext part of RC-04):
 * a complete RAS status (KRAS + NRAS, not exon 2 only), BRAF V600E and MSI/MMR.
 */
export function missingBiomarkerTests(c: Case, extended: boolean): MissingTest[] {
  const { kras, nras, braf, msi } = c.biomarkers;
  const missing: MissingTest[] = [];
  if (!extended) {
    if (kras.status === 'unknown') missing.push({ test: 'KRAS', why: 'KRAS status unknown; RAS testing is mandatory before anti-EGFR therapy' });
    return missing;
  }
  const krasMutant = kras.status === 'mutant';
  if (kras.status === 'unknown') {
    missing.push({ test: 'RAS-extended', why: 'RAS status unknown; extended RAS (KRAS and NRAS exons 2-4) is mandatory before anti-EGFR therapy' });
  } else if (!krasMutant && kras.used?.exon2Only) {
    missing.push({ test: 'RAS-extended', why: 'KRAS was tested on exon 2 only: an incomplete RAS status (PRIME)' });
  } else if (!krasMutant && nras.status === 'unknown') {
    missing.push({ test: 'NRAS', why: 'NRAS status unknown: RAS means KRAS and NRAS (PRIME)' });
  }
  if (!krasMutant && braf.status === 'unknown') missing.push({ test: 'BRAF', why: 'BRAF V600E status unknown' });
  if (msi.status === 'unknown') missing.push({ test: 'MSI', why: 'MSI/MMR status unknown' });
  return missing;
}

const testNames: Record<TestOrder, string> = {
  KRAS: 'KRAS mutation analysis',
  NRAS: 'NRAS mutation analysis',
  BRAF: 'BRAF V600E',
  'RAS-extended': 'extended RAS (KRAS + NRAS)',
  MSI: 'MSI / MMR',
  CEA: 'CEA',
  'CT-restaging': 'CT chest/abdomen/pelvis',
};

/** RC-04: test the biomarkers that decide treatment; unknown is never treated as wild-type. */
export const biomarkerTesting: Rule = {
  id: 'RC-04',
  title: 'Biomarker testing',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['004'], citation: 'ext: PRIME (Douillard, NEJM 2013) for extended RAS' },
  trigger: 'Stage IV; KRAS unknown. ext: also when KRAS is not mutant and NRAS or BRAF is unknown, or when MSI/MMR is unknown',
  recommendation:
    'Order the missing tests: RAS (mandatory before anti-EGFR); ext: extended RAS, BRAF V600E, MSI/MMR. Suggestion: one ServiceRequest per missing test',
  defaultIndicator: 'info',
  applies(c, ctx) {
    const extended = ctx.ruleSet === 'extended';
    if (missingBiomarkerTests(c, extended).length === 0) return null;
    const basedOn: BasedOn[] = [geneBasis('KRAS', c.biomarkers.kras)];
    if (extended) {
      basedOn.push(geneBasis('NRAS', c.biomarkers.nras), geneBasis('BRAF', c.biomarkers.braf));
      const msi = c.biomarkers.msi;
      basedOn.push(
        msi.used
          ? { label: 'MSI/MMR', value: msi.status, date: msi.used.source.date, source: msi.used.source }
          : { label: 'MSI/MMR', value: 'no valid result on file' },
      );
    }
    return { basedOn };
  },
  card(c, _firing, ctx: EvaluationContext) {
    const missing = missingBiomarkerTests(c, ctx.ruleSet === 'extended');
    const names = missing.map((m) => testNames[m.test]);
    return {
      summary: `Biomarkers missing for treatment choice: order ${names.join(', ')}`,
      detail: [
        'Order the missing tumour biomarker tests (tissue of the primary or a metastasis):',
        ...missing.map((m) => `- **${testNames[m.test]}**: ${m.why}.`),
        '',
        'Until RAS is known, do not start an anti-EGFR antibody.',
      ].join('\n'),
      suggestions: [
        {
          label: `Order ${names.join(', ')}`,
          isRecommended: true,
          actions: missing.map((m) => ({ type: 'order-test' as const, test: m.test, reason: m.why })),
        },
      ],
    };
  },
};
