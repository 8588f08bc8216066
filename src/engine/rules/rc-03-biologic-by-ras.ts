import type { GeneFinding } from '../../domain/case.js';
import { mutantName } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';

interface Data {
  mutant?: GeneFinding;
  wildType: boolean;
  /** Why bevacizumab must not be advised now (another rule forbids it). */
  blockers: string[];
  /** Curative intent documented or metastases documented resectable: no anti-EGFR (New EPOC). */
  curative: boolean;
}

/** RC-03: choose the biologic by the biomarkers; never suggest anti-EGFR unless RAS is wild-type. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-03',
    title: 'Biologic choice by RAS status',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { level: 'I-A', seeds: ['002', '004'], citation: 'ext: New EPOC (Bridgewater, Lancet Oncol 2020)' },
    trigger: 'RC-02 applies',
    recommendation:
      'Biologic by biomarkers: bevacizumab whatever the RAS status; anti-EGFR (cetuximab, panitumumab) only when RAS wild-type. Never both biologics together. ext: with curative intent documented or metastases documented resectable, no anti-EGFR (perioperative chemotherapy with or without bevacizumab; New EPOC)',
    defaultIndicator: 'info',
    examples: ['V01', 'V07', 'V23', 'V47', 'V48'],
  },
  match: (f) =>
    whenAll(f, [['RC-02 applies (untreated, fit or unknown, no obstruction)', () => f.needsFirstLineTherapy]], () => {
      const mutant = f.rasMutant;
      return {
        // The same advice as the first-line card: when that card is an alert, this is a section of it.
        foldsInto: 'RC-02',
        data: {
          ...(mutant ? { mutant } : {}),
          wildType: !mutant && f.rasWildTypeForAntiEgfr,
          blockers: f.bevacizumabBlockers,
          curative: f.ctx.ruleSet === 'extended' && (f.curativeIntent !== undefined || f.resectabilityStatus === 'resectable'),
        },
      };
    }),
  card: ({ data }, ctx) => {
    const { mutant, blockers } = data;
    const bevNow = blockers.length === 0;
    const notNow = `- **Bevacizumab not now**: ${blockers.join(', ')}. Reconsider when this no longer applies.`;
    const never = '- Never give bevacizumab and an anti-EGFR antibody together.';
    if (mutant) {
      const what = mutantName(mutant);
      return {
        summary: bevNow
          ? `${what}: bevacizumab is the biologic; anti-EGFR antibodies are contraindicated`
          : `${what}: anti-EGFR contraindicated; bevacizumab not now either (${blockers[0]})`,
        detail: [
          bevNow ? 'Add **bevacizumab** to the chemotherapy doublet.' : 'Start the chemotherapy doublet without a biologic for now.',
          ...(bevNow ? [] : [notNow]),
          `- Cetuximab and panitumumab do not work in RAS-mutant disease (${what}).`,
          never,
        ].join('\n'),
      };
    }
    if (data.wildType && data.curative) {
      // Around resection of liver metastases cetuximab did harm (New EPOC): no anti-EGFR in a curative plan.
      return {
        summary: bevNow
          ? 'Curative plan: perioperative chemotherapy with or without bevacizumab; no anti-EGFR antibody (New EPOC)'
          : `Curative plan: perioperative chemotherapy; no anti-EGFR (New EPOC); bevacizumab not now (${blockers[0]})`,
        detail: [
          bevNow
            ? 'Give perioperative chemotherapy (FOLFOX or CAPOX), **with or without bevacizumab**.'
            : 'Give perioperative chemotherapy (FOLFOX or CAPOX) without a biologic for now.',
          ...(bevNow ? [] : [notNow]),
          '- No anti-EGFR antibody in a curative plan: around resection of liver metastases cetuximab shortened survival (New EPOC), even in RAS wild-type disease.',
          never,
        ].join('\n'),
      };
    }
    if (data.wildType) {
      return {
        summary: bevNow
          ? 'RAS wild-type: bevacizumab or an anti-EGFR antibody with the chemotherapy doublet'
          : `RAS wild-type: an anti-EGFR antibody with the doublet; bevacizumab not now (${blockers[0]})`,
        detail: [
          bevNow
            ? 'Add a biologic: **bevacizumab**, or **cetuximab / panitumumab** (RAS wild-type).'
            : 'Add **cetuximab / panitumumab** (RAS wild-type) to the chemotherapy doublet.',
          ...(bevNow ? [] : [notNow]),
          never,
        ].join('\n'),
      };
    }
    const missing = ctx.ruleSet === 'extended' ? 'KRAS and NRAS (extended RAS)' : 'KRAS';
    return {
      summary: bevNow
        ? 'RAS status not confirmed: bevacizumab; anti-EGFR only after a RAS wild-type result'
        : `RAS not confirmed, bevacizumab not now (${blockers[0]}): doublet alone; anti-EGFR only if RAS wild-type`,
      detail: [
        bevNow ? 'Add **bevacizumab** to the chemotherapy doublet; it works whatever the RAS status.' : 'Start the chemotherapy doublet without a biologic for now.',
        ...(bevNow ? [] : [notNow]),
        data.curative
          ? '- No anti-EGFR antibody in a curative plan (New EPOC), whatever the RAS result.'
          : `- Anti-EGFR antibodies (cetuximab, panitumumab) only once ${missing} testing shows wild-type disease.`,
        never,
      ].join('\n'),
    };
  },
});
