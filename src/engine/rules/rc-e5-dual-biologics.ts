import type { GeneFinding } from '../../domain/case.js';
import type { DrugDraft } from '../../domain/draft-order.js';
import { ANTI_EGFR } from '../../domain/drug-groups.js';
import type { BiologicOrders, FactBase, MissingTest } from '../facts/fact-types.js';
import { capitalise, mutantName } from '../facts/wording.js';
import { type MatchResult, defineRule, mention, whenAll } from '../rule.js';
import type { ActionSpec, CardContent, SuggestionSpec } from '../types.js';
import { draftBasis, drugNames } from './shared/orders.js';

/**
 * RC-E5: never two biologics together (PACCE, CAIRO2). In chart review: bevacizumab and an anti-EGFR antibody
 * both in use (an active order or a dose in the last 42 days for each, over overlapping periods; a switch from
 * one to the other is not co-administration). At order entry: one being ordered while the other is running or
 * ordered too: one card for the pair, whichever of the two orders is judged.
 */
type Data =
  | { hook: 'patient-view'; egfr: string; mutant?: GeneFinding; rasWildType: boolean; rasTests: MissingTest[] }
  | { hook: 'orders'; orders: BiologicOrders; involved: DrugDraft[]; mutant?: GeneFinding; rasWildType: boolean };

const NEVER = 'Never give bevacizumab and an anti-EGFR antibody together: the combination shortened progression-free survival and added toxicity';

function chartReviewMatch(f: FactBase): MatchResult<Data> {
  return whenAll(f, [['bevacizumab and an anti-EGFR antibody in use at the same time', () => f.coActiveBiologics !== undefined]], () => {
    mention(f.kras, f.nras);
    const both = f.coActiveBiologics as NonNullable<typeof f.coActiveBiologics>;
    return {
      data: {
        hook: 'patient-view',
        egfr: both.egfr.drugs.join(' and '),
        ...(f.rasMutant ? { mutant: f.rasMutant } : {}),
        rasWildType: f.rasWildType,
        rasTests: f.missingRasTests,
      },
    };
  });
}

function orderMatch(f: FactBase): MatchResult<Data> {
  return whenAll(
    f,
    [
      [
        'an anti-EGFR antibody or bevacizumab is being ordered while the other is running or ordered too',
        () => {
          const s = f.biologicOrders;
          const egfrJudged = s.egfrDrafts.some((d) => d.selected);
          const bevJudged = s.bevDrafts.some((d) => d.selected);
          return (egfrJudged && (s.bevRunning !== undefined || s.bevDrafts.length > 0)) || (bevJudged && (s.egfrRunning !== undefined || s.egfrDrafts.length > 0));
        },
      ],
    ],
    () => {
      const orders = f.biologicOrders;
      if (orders.bevRunning) mention(f.recentBevacizumab);
      if (orders.egfrRunning) mention(f.recentAntiEgfr);
      const involved = [...orders.egfrDrafts, ...orders.bevDrafts];
      return {
        data: { hook: 'orders', orders, involved, ...(f.rasMutant ? { mutant: f.rasMutant } : {}), rasWildType: f.rasWildType },
        subject: involved.map((d) => draftBasis(d)),
        draftIds: involved.map((d) => d.id),
      };
    },
  );
}

function chartReviewCard(d: Extract<Data, { hook: 'patient-view' }>): CardContent {
  let which: string;
  if (d.mutant) which = `- Stop ${d.egfr}: ${mutantName(d.mutant).replace(/ mutant$/, '')} mutant disease does not respond to anti-EGFR antibodies.`;
  else if (d.rasWildType) which = '- RAS wild-type: keep one biologic with the chemotherapy and stop the other (tumour board decision).';
  else which = `- RAS status not confirmed: stop ${d.egfr}; give no anti-EGFR antibody before a RAS wild-type result.`;
  const rasTest: SuggestionSpec[] =
    d.rasTests.length === 0 ? [] : [{ label: 'Order RAS testing', isRecommended: true, actions: d.rasTests.map((t) => ({ type: 'order-test' as const, test: t.test, reason: t.why })) }];
  return {
    summary: `Bevacizumab and ${d.egfr} both active: never combine the two antibodies; stop one now`,
    detail: [`${NEVER}.`, which].join('\n'),
    // Only a test order is safe to suggest here: the drugs themselves are the clinician's call.
    suggestions: rasTest,
    overrideReasons: ['clinical-trial', 'already-addressed', 'result-disputed'],
  };
}

function cancelAll(ds: readonly DrugDraft[], why: string): ActionSpec[] {
  return ds.map((d) => ({ type: 'delete-draft', draftId: d.id, description: `Cancel the ${drugNames(d, [])} order (${why})` }));
}

/**
 * Which biologic to keep. Bevacizumab works whatever the RAS status, so keeping it is offered whenever the
 * anti-EGFR is only being ordered. Keeping the anti-EGFR is offered only for RAS wild-type disease; otherwise
 * cancelling bevacizumab is still right, but the anti-EGFR has to go as well (the card text says so).
 */
function orderSuggestions(d: Extract<Data, { hook: 'orders' }>, egfr: string): SuggestionSpec[] {
  const s = d.orders;
  const suggestions: SuggestionSpec[] = [];
  if (s.egfrDrafts.length > 0 && !s.egfrRunning) {
    suggestions.push({ label: `Keep bevacizumab, cancel ${egfr}`, isRecommended: true, actions: cancelAll(s.egfrDrafts, 'second biologic') });
  }
  if (s.bevDrafts.length === 0 || s.bevRunning) return suggestions;
  const cancelBev = cancelAll(s.bevDrafts, 'second biologic');
  if (d.rasWildType) {
    suggestions.push({ label: `Cancel bevacizumab, keep ${egfr}`, isRecommended: suggestions.length === 0, actions: cancelBev });
  } else if (s.egfrRunning) {
    // The running anti-EGFR is stopped outside this order set; its drafts, if any, go with bevacizumab.
    const label = s.egfrDrafts.length > 0 ? `Cancel bevacizumab and the ${egfr} order` : 'Cancel bevacizumab';
    suggestions.push({ label, isRecommended: suggestions.length === 0, actions: [...cancelBev, ...cancelAll(s.egfrDrafts, 'RAS not wild-type')] });
  }
  return suggestions;
}

function orderCard(d: Extract<Data, { hook: 'orders' }>): CardContent {
  const s = d.orders;
  const drafted = [...new Set(s.egfrDrafts.flatMap((x) => x.drugs.filter((y) => ANTI_EGFR.includes(y))))];
  const egfr = (drafted.length > 0 ? drafted : (s.egfrRunning?.drugs ?? ['anti-EGFR'])).join(' and ');
  const running = s.bevRunning ? 'bevacizumab is still ordered' : s.egfrRunning ? `${egfr} is still ordered` : 'both are in this order set';
  // Without a RAS wild-type result the anti-EGFR itself must go, whichever biologic the clash is resolved for.
  let egfrLine: string | undefined;
  if (!d.rasWildType) {
    const act = s.egfrRunning ? 'stop it' : 'cancel it';
    egfrLine = d.mutant
      ? `- ${capitalise(egfr)} itself is contraindicated in RAS-mutant disease (${mutantName(d.mutant).replace(/ mutant$/, '')}): ${act}.`
      : `- ${capitalise(egfr)} itself is not justified without a RAS wild-type result (RAS status unknown or incomplete): ${act} and test RAS.`;
  }
  return {
    summary: `${capitalise(egfr)} and bevacizumab together (${running}): never combine the two antibodies`,
    detail: [
      `Orders: ${d.involved.map((x) => x.label).join(', ')}.`,
      `${NEVER} (PACCE, CAIRO2).`,
      '- Keep one biologic with the chemotherapy; anti-EGFR only for RAS wild-type disease.',
      ...(egfrLine ? [egfrLine] : []),
    ].join('\n'),
    suggestions: orderSuggestions(d, egfr),
    overrideReasons: ['clinical-trial', 'mdt-decision', 'already-addressed'],
  };
}

export const rule = defineRule<Data>({
  meta: {
    id: 'RC-E5',
    title: 'Bevacizumab and anti-EGFR together',
    origin: 'ext',
    hooks: ['patient-view', 'order-select', 'order-sign'],
    evidence: { seeds: [], citation: 'PACCE (Hecht, JCO 2009); CAIRO2 (Tol, NEJM 2009)' },
    trigger:
      'patient-view: an anti-EGFR antibody and bevacizumab active together (both with an active order, or both given in the last 21 days with no stop of either) | order-select, order-sign: an anti-EGFR antibody or bevacizumab being ordered while the other is ordered too or has an active/on-hold order (a recent dose alone is not active at order entry: a stopped or completed order is a line being replaced)',
    recommendation:
      'patient-view: stop one biologic; RAS mutant or unknown: the anti-EGFR antibody goes | order-select, order-sign: never both biologics: cancel the order that adds the second one; never an action that keeps a drug with no active order',
    defaultIndicator: 'critical',
    examples: ['V33', 'V51', 'V52'],
  },
  match: (f, ctx) => (ctx.hook === 'patient-view' ? chartReviewMatch(f) : orderMatch(f)),
  card: ({ data }) => (data.hook === 'patient-view' ? chartReviewCard(data) : orderCard(data)),
});
