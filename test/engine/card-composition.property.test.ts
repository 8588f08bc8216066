import fc from 'fast-check';
import type { RuleSet } from '../../src/config/types.js';
import type { Case, Drug } from '../../src/domain/case.js';
import type { DrugDraft } from '../../src/domain/draft-order.js';
import { ANTI_EGFR } from '../../src/domain/drug-groups.js';
import { composeCards } from '../../src/engine/compose.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { EvaluationContext, Recommendation } from '../../src/engine/types.js';
import { RULES_EXTENSION, toComposedCard } from '../../src/hooks/cards.js';
import type { Card } from '../../src/hooks/cds-types.js';
import { caseArb } from '../support/case-arbitrary.js';
import { NOW, daysAgo, exposure } from '../support/case-builder.js';
import { drug, orderCtx } from '../support/draft-builder.js';

/**
 * Properties of what a clinician sees, over random cases in both rule sets:
 * - the plan layout carries exactly the rules and suggestions the separate layout returns (nothing dropped,
 *   nothing added), puts no info card above an alert, has at most one info card, and lists every card's rules
 *   in its extension, lead first;
 * - no card calls the metastases "unresectable" unless a documented resectability says so;
 * - no card names a stage other than the current one (a metastatic recurrence is stage IV, whatever the stage
 *   at first diagnosis);
 * - at order entry, no suggestion keeps a drug that has no active order while cancelling a new one.
 */

const ctxFor = (ruleSet: RuleSet): EvaluationContext => ({ hook: 'patient-view', ruleSet, disabledRules: new Set(), now: NOW });
let n = 0;
const deps = { newId: () => `id-${++n}`, publicBaseUrl: 'https://cds.example.org', patientId: 'p' };
const cardsOf = (recs: Recommendation[], layout: 'plan' | 'separate'): Card[] => composeCards(recs, layout).map((c) => toComposedCard(c, deps));
const rulesOf = (card: Card): string[] => card.extension?.[RULES_EXTENSION] as string[];
/** Suggestions as what they do: labels and action types, without the per-call uuids. */
const suggestionsOf = (cards: Card[]) =>
  cards
    .flatMap((c) => c.suggestions ?? [])
    .map((s) => JSON.stringify({ label: s.label, actions: (s.actions ?? []).map((a) => ({ ...a, ...('resource' in a ? { resource: '(resource)' } : {}) })) }))
    .sort();
const textOf = (r: Recommendation) => [r.summary, r.detail, ...r.basedOn.map((b) => `${b.label}: ${b.value}`)].join('\n');

describe.each<RuleSet>(['extended', 'seed-only'])('card composition (%s)', (ruleSet) => {
  test('the plan layout returns the same rules and suggestions as the separate one, alerts first, one plan card', () => {
    let folded = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const recs = evaluate(allRules, c, ctxFor(ruleSet));
        const plan = cardsOf(recs, 'plan');
        const separate = cardsOf(recs, 'separate');
        expect(plan.flatMap(rulesOf).sort()).toEqual(separate.flatMap(rulesOf).sort());
        expect(suggestionsOf(plan)).toEqual(suggestionsOf(separate));
        const indicators = plan.map((card) => card.indicator);
        const firstInfo = indicators.indexOf('info');
        if (firstInfo >= 0) expect(indicators.slice(firstInfo)).toEqual(['info']);
        expect(indicators.filter((i) => i === 'critical').length).toBe(indicators.lastIndexOf('critical') + 1);
        for (const card of plan) expect(rulesOf(card)[0]).toBe(card.source.topic?.code);
        if (plan.some((card) => rulesOf(card).length > 1)) folded++;
      }),
      { numRuns: 400 },
    );
    // A property never exercised on a folded card proves nothing about folding.
    expect(folded).toBeGreaterThan(20);
  });

  test('"unresectable" only when a documented resectability says so', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        // An earlier documented `unresectable` may be cited (a conversion, RC-18); "not documented" never is.
        const documented = c.resectabilityHistory.some((h) => h.value === 'unresectable');
        for (const r of evaluate(allRules, c, ctxFor(ruleSet))) {
          if (!documented) expect([r.ruleId, textOf(r).match(/\bunresectable\b/i)?.[0]]).toEqual([r.ruleId, undefined]);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('a stage IV case is never given another stage (a metastatic recurrence included)', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (base, recurrence) => {
        const c: Case = recurrence && base.stageIV ? { ...base, metastaticRecurrence: { resourceType: 'Condition', id: 'met', date: daysAgo(15) } } : base;
        if (!c.stageIV) return;
        for (const r of evaluate(allRules, c, ctxFor(ruleSet))) {
          // "stage IV" never matches: no word boundary between its I and V.
          expect([r.ruleId, textOf(r).match(/\bstage (0|I|II|III)[ABC]?\b/i)?.[0]]).toEqual([r.ruleId, undefined]);
          const stage = r.basedOn.find((b) => b.label === 'Stage');
          if (stage) expect([r.ruleId, stage.value]).toEqual([r.ruleId, expect.stringMatching(recurrence ? /^IV \(metastatic recurrence\)/ : /^IV/)]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('order entry: no suggestion keeps a drug that has no active order while cancelling a new one', () => {
  const BIOLOGICS: Drug[] = ['bevacizumab', 'cetuximab', 'panitumumab'];
  const historyArb = fc.array(
    fc.record({ drug: fc.constantFrom(...BIOLOGICS), days: fc.integer({ min: 0, max: 60 }), state: fc.constantFrom('active', 'stopped', 'completed', 'dose-only') }),
    { maxLength: 3 },
  );
  const draftsArb = fc.uniqueArray(fc.constantFrom(...BIOLOGICS, 'oxaliplatin', 'irinotecan', 'fluorouracil'), { minLength: 1, maxLength: 4 });

  test.each(['order-select', 'order-sign'] as const)('%s', (hook) => {
    let fired = 0;
    fc.assert(
      fc.property(caseArb, historyArb, draftsArb, fc.boolean(), (base, history, drafted, rasWt) => {
        const exposures = history.map((h) => {
          const e = exposure(h.drug, h.days, h.state === 'dose-only' ? 'administration' : 'order', h.state === 'active');
          return h.state === 'stopped' ? { ...e, stopped: true as const } : e;
        });
        const c: Case = {
          ...base,
          ...(rasWt ? { biomarkers: { ...base.biomarkers, kras: { ...base.biomarkers.kras, status: 'wild-type' as const } } } : {}),
          therapy: { ...base.therapy, exposures: [...base.therapy.exposures, ...exposures] },
        };
        const drafts: DrugDraft[] = drafted.map((d) => drug(d, [d]));
        const activeOrder = new Set(c.therapy.exposures.filter((e) => e.active).map((e) => e.drug));
        for (const r of evaluate(allRules, c, orderCtx(hook, drafts))) {
          for (const s of r.suggestions) {
            const cancelled = s.actions.flatMap((a) => (a.type === 'delete-draft' ? [a.draftId] : []));
            if (cancelled.length === 0) continue;
            fired++;
            // Whatever the label says to keep must still be ordered afterwards: a draft left standing or an active order.
            const kept = /\bkeep ([a-z-]+)/i.exec(s.label)?.[1]?.toLowerCase();
            if (kept === undefined) continue;
            const stillDrafted = drafts.some((d) => !cancelled.includes(d.id) && d.drugs.some((x) => x === kept));
            expect([r.ruleId, s.label, stillDrafted || activeOrder.has(kept as Drug)]).toEqual([r.ruleId, s.label, true]);
            if (ANTI_EGFR.includes(kept as Drug)) expect([r.ruleId, s.label, c.biomarkers.kras.status]).toEqual([r.ruleId, s.label, 'wild-type']);
          }
        }
      }),
      { numRuns: 400 },
    );
    expect(fired).toBeGreaterThan(20);
  });
});
