import type { Case } from '../../../domain/case.js';
import type { DraftOrder, DrugDraft } from '../../../domain/draft-order.js';
import type { ActionSpec, BasedOn, EvaluationContext, Rule, SuggestionSpec } from '../../types.js';
import { daysBetween, isoDay, rasMutant, rasWildType } from '../../facts.js';
import { LINE_ACTIVE_DAYS, SURGERY_BEVACIZUMAB_GAP_DAYS } from '../../thresholds.js';
import { ANTI_EGFR, type DrugSpan, drugSpanBasis, procedureName, recentSpan } from '../../treatment-history.js';
import {
  allDrafts, capitalise, draftBasis, draftsOf, drugDrafts, drugNames, judgedDrafts, lastMajorSurgery, orderRule,
} from './order-facts.js';
import { DAY_MS } from '../../../domain/time.js';

/** RC-E5 (two biologics) and RC-E10 (bevacizumab too soon after surgery) for the order hooks. */


interface BiologicState {
  bevDrafts: DrugDraft[];
  egfrDrafts: DrugDraft[];
  bevRunning: DrugSpan | undefined;
  egfrRunning: DrugSpan | undefined;
}

function biologics(c: Case, ctx: EvaluationContext): BiologicState {
  return {
    bevDrafts: drugDrafts(allDrafts(ctx), ['bevacizumab']),
    egfrDrafts: drugDrafts(allDrafts(ctx), ANTI_EGFR),
    bevRunning: recentSpan(c, ['bevacizumab'], LINE_ACTIVE_DAYS),
    egfrRunning: recentSpan(c, ANTI_EGFR, LINE_ACTIVE_DAYS),
  };
}

/**
 * RC-E5 in the order hooks: one biologic being ordered while the other is running or ordered too. One card for
 * the pair (one problem), whichever of the two orders is judged.
 */
export const dualBiologicsOrders: Rule = orderRule({
  id: 'RC-E5',
  title: 'Bevacizumab and anti-EGFR together',
  origin: 'ext',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: [], citation: 'PACCE (Hecht, JCO 2009); CAIRO2 (Tol, NEJM 2009)' },
  trigger: `An anti-EGFR antibody or bevacizumab being ordered while the other is active (active order or a dose in the last ${LINE_ACTIVE_DAYS} days) or ordered too`,
  recommendation: 'Never both biologics: cancel the order that adds the second one',
  defaultIndicator: 'critical',
  appliesEach(c, ctx) {
    const s = biologics(c, ctx);
    const egfrJudged = s.egfrDrafts.some((d) => d.selected);
    const bevJudged = s.bevDrafts.some((d) => d.selected);
    const clash = (egfrJudged && (s.bevRunning || s.bevDrafts.length > 0)) || (bevJudged && (s.egfrRunning || s.egfrDrafts.length > 0));
    if (!clash) return [];
    const involved = [...s.egfrDrafts, ...s.bevDrafts];
    const basedOn: BasedOn[] = involved.map((d) => draftBasis(d));
    if (s.bevRunning) basedOn.push(drugSpanBasis('Bevacizumab', s.bevRunning, c.now));
    if (s.egfrRunning) basedOn.push(drugSpanBasis('Anti-EGFR', s.egfrRunning, c.now));
    return [{ basedOn, draftIds: involved.map((d) => d.id) }];
  },
  card(c, firing, ctx) {
    const s = biologics(c, ctx);
    const drafted = [...new Set(s.egfrDrafts.flatMap((d) => d.drugs.filter((x) => ANTI_EGFR.includes(x))))];
    const egfr = (drafted.length > 0 ? drafted : (s.egfrRunning?.drugs ?? ['anti-EGFR'])).join(' and ');
    const names = draftsOf(ctx, firing).map((d) => d.label).join(', ');
    const running = s.bevRunning ? 'bevacizumab is running' : s.egfrRunning ? `${egfr} is running` : 'both are in this order set';
    const egfrLine = antiEgfrLine(c, ctx, s, egfr);
    return {
      summary: `${capitalise(egfr)} and bevacizumab together (${running}): never combine the two antibodies`,
      detail: [
        `Orders: ${names}.`,
        'Never give bevacizumab and an anti-EGFR antibody together: the combination shortened progression-free survival and added toxicity (PACCE, CAIRO2).',
        '- Keep one biologic with the chemotherapy; anti-EGFR only for RAS wild-type disease.',
        ...(egfrLine ? [egfrLine] : []),
      ].join('\n'),
      suggestions: dualBiologicSuggestions(c, ctx, s, egfr),
      overrideReasons: ['clinical-trial', 'mdt-decision', 'already-addressed'],
    };
  },
});

function cancelAll(ds: readonly DrugDraft[], why: string): ActionSpec[] {
  return ds.map((d) => ({ type: 'delete-draft', draftId: d.id, description: `Cancel the ${drugNames(d, [])} order (${why})` }));
}

/**
 * Which biologic to keep. Bevacizumab works whatever the RAS status, so keeping it is offered whenever the
 * anti-EGFR is only being ordered. Keeping the anti-EGFR is offered only for RAS wild-type disease; otherwise
 * cancelling bevacizumab is still right, but the anti-EGFR has to go as well (the card text says so).
 */
function dualBiologicSuggestions(c: Case, ctx: EvaluationContext, s: BiologicState, egfr: string): SuggestionSpec[] {
  const suggestions: SuggestionSpec[] = [];
  if (s.egfrDrafts.length > 0 && !s.egfrRunning) {
    suggestions.push({ label: `Keep bevacizumab, cancel ${egfr}`, isRecommended: true, actions: cancelAll(s.egfrDrafts, 'second biologic') });
  }
  if (s.bevDrafts.length === 0 || s.bevRunning) return suggestions;
  const cancelBev = cancelAll(s.bevDrafts, 'second biologic');
  if (rasWildType(c, ctx.ruleSet === 'extended')) {
    suggestions.push({ label: `Cancel bevacizumab, keep ${egfr}`, isRecommended: suggestions.length === 0, actions: cancelBev });
  } else if (s.egfrRunning) {
    // The running anti-EGFR is stopped outside this order set; its drafts, if any, go with bevacizumab.
    const label = s.egfrDrafts.length > 0 ? `Cancel bevacizumab and the ${egfr} order` : 'Cancel bevacizumab';
    suggestions.push({ label, isRecommended: suggestions.length === 0, actions: [...cancelBev, ...cancelAll(s.egfrDrafts, 'RAS not wild-type')] });
  }
  return suggestions;
}

/** Without a RAS wild-type result the anti-EGFR itself must go, whichever biologic the clash is resolved for. */
function antiEgfrLine(c: Case, ctx: EvaluationContext, s: BiologicState, egfr: string): string | undefined {
  const extended = ctx.ruleSet === 'extended';
  if (rasWildType(c, extended)) return undefined;
  const act = s.egfrRunning ? 'stop it' : 'cancel it';
  const mutant = rasMutant(c, extended);
  if (mutant) {
    const variant = mutant.used?.variant ? ` ${mutant.used.variant}` : '';
    return `- ${capitalise(egfr)} itself is contraindicated in RAS-mutant disease (${mutant.gene}${variant}): ${act}.`;
  }
  return `- ${capitalise(egfr)} itself is not justified without a RAS wild-type result (RAS status unknown or incomplete): ${act} and test RAS.`;
}

/** Bevacizumab's start: the order's planned start, else now. */
function bevStart(c: Case, d: DraftOrder): string {
  return d.plannedDate ?? c.now;
}

/** RC-E10: bevacizumab ordered less than 28 days after major surgery (wound healing). */
export const bevacizumabAfterSurgery: Rule = orderRule({
  id: 'RC-E10',
  title: 'Bevacizumab soon after surgery',
  origin: 'ext',
  hooks: ['order-select', 'order-sign'],
  evidence: { seeds: [], citation: 'Bevacizumab prescribing information: surgery and wound-healing complications' },
  trigger: `Bevacizumab being ordered < ${SURGERY_BEVACIZUMAB_GAP_DAYS} days after major surgery (measured to its planned start, else now)`,
  recommendation: `Start bevacizumab no sooner than ${SURGERY_BEVACIZUMAB_GAP_DAYS} days after major surgery, with the wound healed`,
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    const surgery = lastMajorSurgery(c);
    if (!surgery) return [];
    return drugDrafts(judgedDrafts(ctx), ['bevacizumab'])
      .filter((d) => daysBetween(surgery.date, bevStart(c, d)) < SURGERY_BEVACIZUMAB_GAP_DAYS)
      .map((d) => ({
        basedOn: [
          draftBasis(d),
          { label: 'Last major surgery', value: `${procedureName(surgery.kind)}, ${daysBetween(surgery.date, c.now)} days ago`, date: surgery.date, source: surgery.source },
        ],
        draftIds: [d.id],
      }));
  },
  card(c, firing, ctx) {
    const surgery = lastMajorSurgery(c);
    const d = draftsOf(ctx, firing)[0];
    const days = surgery && d ? daysBetween(surgery.date, bevStart(c, d)) : 0;
    const earliest = surgery ? isoDay(new Date(Date.parse(surgery.date) + SURGERY_BEVACIZUMAB_GAP_DAYS * DAY_MS).toISOString()) : 'later';
    const what = surgery ? procedureName(surgery.kind) : 'major surgery';
    return {
      summary: `Bevacizumab ${days} days after ${what}: wait at least ${SURGERY_BEVACIZUMAB_GAP_DAYS} days (from ${earliest})`,
      detail: [
        `**Do not start bevacizumab yet**: ${what} on ${isoDay(surgery?.date)}, ${days} days before its start.`,
        `- Bevacizumab impairs wound healing: start it no sooner than ${SURGERY_BEVACIZUMAB_GAP_DAYS} days after major surgery, and only once the wound has healed (from ${earliest}).`,
        '- The chemotherapy itself may go ahead.',
      ].join('\n'),
      suggestions: d
        ? [{ label: 'Cancel bevacizumab for now', isRecommended: true, actions: [{ type: 'delete-draft', draftId: d.id, description: `Cancel the ${d.label} order; re-order it from ${earliest}` }] }]
        : [],
      overrideReasons: ['mdt-decision', 'already-addressed', 'clinical-trial'],
    };
  },
});
