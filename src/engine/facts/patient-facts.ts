import type { Symptom } from '../../domain/case.js';
import type { DrugDraft, RadiotherapyDraft } from '../../domain/draft-order.js';
import { ANTI_EGFR, FLUOROPYRIMIDINES, MODULATORS } from '../../domain/drug-groups.js';
import type { FactDefs, RadiotherapyTarget } from './fact-types.js';
import { drugDrafts } from './treatment-facts.js';
import { performanceBasis, symptomBasis } from './wording.js';

/** Symptoms of the primary, fitness for therapy, and the orders being written (order hooks). */

const OBSTRUCTIVE: ReadonlySet<Symptom> = new Set(['obstruction', 'perforation']);
const PRIMARY_SYMPTOMS: ReadonlySet<Symptom> = new Set(['obstruction', 'impending-obstruction', 'perforation', 'bleeding', 'primary-tumour-pain']);
/** What palliation of the primary is for (RC-07, RC-16): obstruction and perforation are RC-06's. */
const PALLIATED: ReadonlySet<Symptom> = new Set(['bleeding', 'impending-obstruction', 'primary-tumour-pain']);

export const patientFacts: FactDefs<
  | 'obstructionOrPerforation' | 'primarySymptoms' | 'symptomaticPrimaryInPlace' | 'radiotherapyTargets' | 'performance'
  | 'fitForCombination' | 'poorPerformance' | 'allDrafts' | 'judgedDrafts' | 'judgedRadiotherapy' | 'radiosensitiserDrafts'
  | 'judgedProcedures' | 'biologicOrders'
> = {
  obstructionOrPerforation: {
    compute: (f) => f.case.symptoms.filter((s) => OBSTRUCTIVE.has(s.symptom)),
    basis: (symptoms) => symptoms.map(symptomBasis),
  },
  /** Symptoms caused by the primary tumour (symptomatic metastases are not the primary's). */
  primarySymptoms: {
    compute: (f) => f.case.symptoms.filter((s) => PRIMARY_SYMPTOMS.has(s.symptom)),
    basis: (symptoms) => (symptoms.length === 0 ? [{ label: 'Symptoms of the primary', value: 'none documented' }] : symptoms.map(symptomBasis)),
  },
  // After its resection the symptoms are not the primary's.
  symptomaticPrimaryInPlace: {
    compute: (f) => (f.primaryResected ? [] : f.primarySymptoms.filter((s) => PALLIATED.has(s.symptom))),
    basis: (symptoms) => symptoms.map(symptomBasis),
  },
  radiotherapyTargets: {
    compute: (f) => {
      const c = f.case;
      const out: RadiotherapyTarget[] = [];
      const primary = f.symptomaticPrimaryInPlace;
      if (primary.length > 0) out.push({ kind: 'primary', basedOn: primary.map(symptomBasis) });
      const brain = c.metastases.filter((m) => m.site === 'brain');
      if (brain.length > 0) out.push({ kind: 'brain', basedOn: brain.map((m) => ({ label: 'Metastasis', value: 'brain', date: m.date, source: m.source })) });
      // A symptomatic metastasis whose site could not be read counts for bone only when a bone metastasis is on record.
      const hasBoneMet = c.metastases.some((m) => m.site === 'bone');
      const bone = c.symptoms.filter((s) => s.symptom === 'symptomatic-metastasis' && (s.site === 'bone' || (s.site === undefined && hasBoneMet)));
      if (bone.length > 0) out.push({ kind: 'bone', basedOn: bone.map(symptomBasis) });
      return out;
    },
    basis: (targets) => targets.flatMap((t) => t.basedOn),
  },
  performance: { compute: (f) => f.case.performance, basis: (p) => [performanceBasis(p)] },
  fitForCombination: { compute: (f) => f.performance === undefined || f.performance.ecog <= 2 },
  // A missing ECOG never makes a patient poorly: unknown is not poor.
  poorPerformance: { compute: (f) => f.performance !== undefined && f.performance.ecog >= 3 },

  allDrafts: { compute: (f) => f.ctx.orders?.drafts ?? [], basis: () => [] },
  judgedDrafts: { compute: (f) => f.allDrafts.filter((d) => d.selected), basis: () => [] },
  judgedRadiotherapy: { compute: (f) => f.judgedDrafts.filter((d): d is RadiotherapyDraft => d.kind === 'radiotherapy'), basis: () => [] },
  // When the only drugs being ordered are fluoropyrimidines (with leucovorin) they go with the radiotherapy.
  radiosensitiserDrafts: {
    compute: (f) => {
      const drugs = f.allDrafts.filter((d): d is DrugDraft => d.kind === 'drug');
      const onlyFluoropyrimidine = drugs.every((d) => d.drugs.every((x) => FLUOROPYRIMIDINES.includes(x) || MODULATORS.includes(x)));
      return onlyFluoropyrimidine ? drugs : [];
    },
    basis: () => [],
  },
  judgedProcedures: {
    compute: (f) => f.judgedDrafts.filter((d): d is Extract<typeof d, { kind: 'procedure' }> => d.kind === 'procedure'),
    basis: () => [],
  },
  biologicOrders: {
    compute: (f) => ({
      bevDrafts: drugDrafts(f.allDrafts, ['bevacizumab']),
      egfrDrafts: drugDrafts(f.allDrafts, ANTI_EGFR),
      // At order entry a recent dose alone is not running: a stopped or completed order is a line being replaced.
      ...(f.activeBevacizumab ? { bevRunning: f.activeBevacizumab } : {}),
      ...(f.activeAntiEgfr ? { egfrRunning: f.activeAntiEgfr } : {}),
    }),
    basis: () => [],
  },
};
