import fc from 'fast-check';
import type { Case, Drug, ProcedureKind } from '../../src/domain/case.js';
import type { DraftOrder } from '../../src/domain/draft-order.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { HookName } from '../../src/engine/types.js';
import { aStageIvCase, daysAgo, exposure, withEcog, withGene, withSynchronous } from '../support/case-builder.js';
import { contraindications, violations } from '../support/contraindications.js';
import { drug, orderCtx, radiotherapy, surgery } from '../support/draft-builder.js';

/**
 * Whatever the patient and the orders, the order cards keep their promises: short summaries, reasons on every
 * warning/critical card, a judged order named on every card, actions only on drafts of the request, never
 * bevacizumab suggested where another rule forbids it, and no text that recommends (or keeps) what the
 * guideline forbids for the patient (an anti-EGFR antibody in RAS-mutant or RAS-unknown disease...).
 */

const DRUGS: Drug[] = ['cetuximab', 'panitumumab', 'bevacizumab', 'oxaliplatin', 'fluorouracil', 'capecitabine', 'irinotecan', 'pembrolizumab', 'nivolumab', 'sotorasib'];
const PROCEDURES: ProcedureKind[] = ['primary-resection', 'diversion', 'liver-resection', 'other-major-surgery', 'ablation', 'embolisation', 'rectal-stent'];

const common = fc.record({
  selected: fc.boolean(),
  emergency: fc.boolean(),
  plannedIn: fc.option(fc.integer({ min: -5, max: 90 }), { nil: undefined }),
  curative: fc.option(fc.boolean(), { nil: undefined }),
  label: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined }),
});

const draftArb = fc.tuple(fc.nat(), common, fc.oneof(
  fc.record({ kind: fc.constant('drug' as const), drugs: fc.uniqueArray(fc.constantFrom(...DRUGS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('procedure' as const), procedure: fc.constantFrom(...PROCEDURES) }),
  fc.record({ kind: fc.constant('rt' as const), course: fc.constantFrom('short-course' as const, 'long-course' as const, 'other' as const), pelvic: fc.boolean() }),
)).map(([n, o, spec]): DraftOrder => {
  const opts = { selected: o.selected, emergency: o.emergency, ...(o.plannedIn !== undefined ? { plannedDate: daysAgo(-o.plannedIn) } : {}), ...(o.curative !== undefined ? { curative: o.curative } : {}), ...(o.label !== undefined ? { label: o.label } : {}) };
  if (spec.kind === 'drug') return drug(`d${n}`, spec.drugs, opts);
  if (spec.kind === 'procedure') return surgery(`s${n}`, spec.procedure, opts);
  return radiotherapy(`r${n}`, { course: spec.course, pelvic: spec.pelvic }, opts);
});

const caseArb = fc.record({
  kras: fc.constantFrom<[string, 'mutant' | 'wild-type' | 'unknown', string | undefined]>(['KRAS', 'unknown', undefined], ['KRAS', 'wild-type', undefined], ['KRAS', 'mutant', 'p.Gly12Asp'], ['KRAS', 'mutant', 'p.Gly12Cys'], ['KRAS', 'mutant', 'c.35G>T p.Gly12Val detected in 23% of reads, tumour content 40%']),
  nras: fc.constantFrom<'mutant' | 'wild-type' | 'unknown'>('mutant', 'wild-type', 'unknown'),
  msi: fc.constantFrom<'MSI-H' | 'MSS' | 'unknown'>('MSI-H', 'MSS', 'unknown'),
  ecog: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  given: fc.array(fc.tuple(fc.constantFrom<Drug>('bevacizumab', 'cetuximab', 'oxaliplatin'), fc.integer({ min: 1, max: 120 })), { maxLength: 3 }),
  surgeryDaysAgo: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  synchronous: fc.boolean(),
  curative: fc.boolean(),
  symptom: fc.option(fc.constantFrom('bleeding' as const, 'obstruction' as const, 'primary-tumour-pain' as const), { nil: undefined }),
}).map((x): Case => {
  const base = aStageIvCase();
  const exposures = x.given.map(([d, days]) => exposure(d, days));
  return {
    ...base,
    ...(x.ecog !== undefined ? withEcog(x.ecog) : {}),
    ...withSynchronous(x.synchronous),
    ...(x.curative ? { curativeIntent: { resourceType: 'CarePlan', id: 'plan' } } : {}),
    symptoms: x.symptom ? [{ symptom: x.symptom, source: { resourceType: 'Condition', id: x.symptom } }] : [],
    biomarkers: {
      ...base.biomarkers,
      kras: withGene('KRAS', x.kras[1], x.kras[2]),
      nras: withGene('NRAS', x.nras, x.nras === 'mutant' ? 'p.Gln61Lys' : undefined),
      msi: { status: x.msi, conflict: false, ...(x.msi === 'unknown' ? {} : { used: { value: x.msi, source: { resourceType: 'Observation', id: 'msi' } } }) },
    },
    therapy: {
      exposures,
      lines: exposures.length > 0 ? [{ number: 1, regimen: 'FOLFOX', drugs: ['oxaliplatin'], activeRecord: false }] : [],
    },
    procedures: x.surgeryDaysAgo !== undefined ? [{ kind: 'liver-resection', status: 'done', emergency: false, date: daysAgo(x.surgeryDaysAgo), source: { resourceType: 'Procedure', id: 'op' } }] : [],
  };
});

const hookArb = fc.constantFrom<HookName>('order-select', 'order-sign');

/** Always tried first: KRAS G12D, cetuximab running, bevacizumab drafted (RC-E5 once offered to keep the cetuximab). */
const rasMutantCetuximabRunning: Case = {
  ...aStageIvCase(),
  biomarkers: { ...aStageIvCase().biomarkers, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') },
  therapy: { exposures: [exposure('cetuximab', 7)], lines: [{ number: 1, regimen: 'FOLFOX', drugs: ['oxaliplatin', 'cetuximab'], activeRecord: true }] },
};

test('order cards keep their promises for any patient and any set of orders', () => {
  fc.assert(
    fc.property(caseArb, fc.uniqueArray(draftArb, { maxLength: 6, selector: (d) => d.id }), hookArb, fc.constantFrom('extended' as const, 'seed-only' as const), (c, drafts, hook, ruleSet) => {
      const recs = evaluate(allRules, c, orderCtx(hook, drafts, { ruleSet }));
      const ids = new Set(drafts.map((d) => d.id));
      const selected = new Set(drafts.filter((d) => d.selected).map((d) => `${d.source.resourceType}/${d.source.id}`));
      const egfrRunning = c.therapy.exposures.some((e) => (e.drug === 'cetuximab' || e.drug === 'panitumumab') && e.date && Date.parse(c.now) - Date.parse(e.date) <= 42 * 86_400_000);
      const recentSurgery = c.procedures.some((p) => p.date && Date.parse(c.now) - Date.parse(p.date) < 28 * 86_400_000);
      const poor = (c.performance?.ecog ?? 0) >= 3;
      for (const r of recs) {
        expect(r.summary.length).toBeLessThan(140);
        if (r.indicator !== 'info') expect(r.overrideReasons.length).toBeGreaterThan(0);
        expect(r.basedOn.some((b) => b.source && selected.has(`${b.source.resourceType}/${b.source.id}`))).toBe(true);
        for (const a of r.suggestions.flatMap((s) => s.actions)) {
          if (a.type === 'delete-draft' || a.type === 'reschedule-draft') expect(ids.has(a.draftId)).toBe(true);
          if (a.type === 'order-drug') expect([egfrRunning, recentSurgery, poor]).toEqual([false, false, false]);
        }
      }
      if (selected.size === 0) expect(recs).toEqual([]);
      expect(violations(recs, contraindications(c, ruleSet), 'orders')).toEqual([]);
    }),
    { numRuns: 1500, examples: [[rasMutantCetuximabRunning, [drug('d1', ['bevacizumab'])], 'order-sign', 'extended']] },
  );
});
