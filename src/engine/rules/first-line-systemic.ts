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
  rasWildType,
  stageBasis,
  therapyBasis,
} from '../facts.js';
import { UNTREATED_WARNING_DAYS } from '../thresholds.js';

/** The shared trigger of RC-02 and RC-03: stage IV, untreated, fit or unknown, no obstruction/perforation. */
export function needsFirstLineTherapy(c: Case): boolean {
  return isUntreatedSinceMetastatic(c) && fitForCombination(c) && obstructionOrPerforation(c).length === 0;
}

function performanceCaveat(c: Case): string | undefined {
  if (!c.performance) return '_Performance status not documented: confirm fitness (ECOG 0-2) before combination therapy._';
  if (c.performance.ecog === 2) return '_ECOG 2: weigh the benefit of combination therapy against its toxicity._';
  return undefined;
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
    const caveat = performanceCaveat(c);
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
    const never = '- Never give bevacizumab and an anti-EGFR antibody together.';
    if (mutant) {
      const what = `${mutant.gene}${mutant.used?.variant ? ` ${mutant.used.variant}` : ''} mutant`;
      return {
        summary: `${what}: bevacizumab is the biologic; anti-EGFR antibodies are contraindicated`,
        detail: [
          `Add **bevacizumab** to the chemotherapy doublet.`,
          `- Cetuximab and panitumumab do not work in RAS-mutant disease (${what}).`,
          never,
        ].join('\n'),
      };
    }
    if (rasWildType(c, extended)) {
      return {
        summary: 'RAS wild-type: bevacizumab or an anti-EGFR antibody with the chemotherapy doublet',
        detail: [
          'Add a biologic: **bevacizumab**, or **cetuximab / panitumumab** (RAS wild-type).',
          never,
        ].join('\n'),
      };
    }
    const missing = extended ? 'KRAS and NRAS (extended RAS)' : 'KRAS';
    return {
      summary: 'RAS status not confirmed: bevacizumab; anti-EGFR only after a RAS wild-type result',
      detail: [
        'Add **bevacizumab** to the chemotherapy doublet; it works whatever the RAS status.',
        `- Anti-EGFR antibodies (cetuximab, panitumumab) only once ${missing} testing shows wild-type disease.`,
        never,
      ].join('\n'),
    };
  },
};
