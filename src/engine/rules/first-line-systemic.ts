import type { Case } from '../../domain/case.js';
import type { EvaluationContext, Firing, Rule } from '../types.js';
import {
  compact,
  daysBetween,
  fitForCombination,
  geneBasis,
  isoDay,
  isUntreatedSinceMetastatic,
  metastasesBasis,
  obstructionOrPerforation,
  performanceBasis,
  rasMutant,
  rasWildTypeForAntiEgfr,
  stageBasis,
  therapyBasis,
} from '../facts.js';
import { UNTREATED_WARNING_DAYS } from '../thresholds.js';
import { performanceCaveat } from '../performance-caveat.js';
import { bevacizumabBlockers } from './orders/order-facts.js';

/** The shared trigger of RC-02 and RC-03: stage IV, untreated, fit or unknown, no obstruction/perforation. */
export function needsFirstLineTherapy(c: Case): boolean {
  return isUntreatedSinceMetastatic(c) && fitForCombination(c) && obstructionOrPerforation(c).length === 0;
}

/** RC-02: start systemic therapy early. */
export const startSystemicTherapy: Rule = {
  id: 'RC-02',
  title: 'Start first-line systemic therapy',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { level: 'I-A', seeds: ['002', '004'] },
  trigger:
    'Stage IV; no systemic therapy since the metastatic diagnosis date; ECOG 0-2 or unknown; no obstruction or perforation',
  recommendation:
    'Start systemic therapy early: FOLFOX or FOLFIRI (equivalent; choose by toxicity) plus a biologic; CAPOX and FOLFOXIRI are alternatives (ext)',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (!needsFirstLineTherapy(c)) return null;
    const waited = c.metastaticDiagnosisDate ? daysBetween(c.metastaticDiagnosisDate, c.now) : undefined;
    return {
      indicator: waited !== undefined && waited > UNTREATED_WARNING_DAYS ? 'warning' : 'info',
      basedOn: compact([
        stageBasis(c),
        metastasesBasis(c),
        therapyBasis(c),
        performanceBasis(c),
        waited !== undefined
          ? { label: 'Time since metastatic diagnosis', value: `${waited} days`, date: c.metastaticDiagnosisDate }
          : undefined,
      ]),
    };
  },
  card(c, firing, ctx: EvaluationContext) {
    const late = firing.indicator === 'warning';
    const since = c.metastaticDiagnosisDate ? ` since ${isoDay(c.metastaticDiagnosisDate)}` : '';
    const lines = [
      'Start systemic therapy early: **FOLFOX or FOLFIRI** (equivalent efficacy; choose by toxicity profile) **plus a biologic** (see the biologic card).',
    ];
    if (ctx.ruleSet === 'extended') lines.push('- Alternatives: CAPOX; FOLFOXIRI for fit patients with high tumour burden.');
    if (late) {
      lines.push(
        `- No systemic therapy${since}: more than ${UNTREATED_WARNING_DAYS} days (design threshold) have passed since the metastatic diagnosis.`,
      );
    }
    const caveat = performanceCaveat(c, 'combination therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: late
        ? `Stage IV, untreated for over ${UNTREATED_WARNING_DAYS} days: start first-line systemic therapy`
        : 'Stage IV, untreated: start first-line systemic therapy (FOLFOX or FOLFIRI plus a biologic)',
      detail: lines.join('\n'),
      overrideReasons: late ? ['mdt-decision', 'patient-preference', 'already-addressed'] : undefined,
    };
  },
};

/** RC-03: choose the biologic by the biomarkers; never suggest anti-EGFR unless RAS is wild-type. */
export const biologicByBiomarkers: Rule = {
  id: 'RC-03',
  title: 'Biologic choice by RAS status',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { level: 'I-A', seeds: ['002', '004'] },
  trigger: 'RC-02 applies',
  recommendation:
    'Biologic by biomarkers: bevacizumab whatever the RAS status; anti-EGFR (cetuximab, panitumumab) only when RAS wild-type. Never both biologics together',
  defaultIndicator: 'info',
  applies(c, ctx) {
    if (!needsFirstLineTherapy(c)) return null;
    const extended = ctx.ruleSet === 'extended';
    return {
      basedOn: compact([
        geneBasis('KRAS', c.biomarkers.kras),
        extended ? geneBasis('NRAS', c.biomarkers.nras) : undefined,
      ]),
    };
  },
  card(c, _firing, ctx) {
    const extended = ctx.ruleSet === 'extended';
    const mutant = rasMutant(c, extended);
    // Never advise bevacizumab when another rule forbids it now (recent or planned surgery, bleeding primary...).
    const blockers = bevacizumabBlockers(c, ctx);
    const bevNow = blockers.length === 0;
    const notNow = `- **Bevacizumab not now**: ${blockers.join(', ')}. Reconsider when this no longer applies.`;
    const never = '- Never give bevacizumab and an anti-EGFR antibody together.';
    if (mutant) {
      const what = `${mutant.gene}${mutant.used?.variant ? ` ${mutant.used.variant}` : ''} mutant`;
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
    if (rasWildTypeForAntiEgfr(c, extended)) {
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
    const missing = extended ? 'KRAS and NRAS (extended RAS)' : 'KRAS';
    return {
      summary: bevNow
        ? 'RAS status not confirmed: bevacizumab; anti-EGFR only after a RAS wild-type result'
        : `RAS not confirmed, bevacizumab not now (${blockers[0]}): doublet alone; anti-EGFR only if RAS wild-type`,
      detail: [
        bevNow
          ? 'Add **bevacizumab** to the chemotherapy doublet; it works whatever the RAS status.'
          : 'Start the chemotherapy doublet without a biologic for now.',
        ...(bevNow ? [] : [notNow]),
        `- Anti-EGFR antibodies (cetuximab, panitumumab) only once ${missing} testing shows wild-type disease.`,
        never,
      ].join('\n'),
    };
  },
};
