import type { Case, Drug, ProcedureFact } from '../../../domain/case.js';
import type { DraftOrder, DrugDraft, ProcedureDraft, RadiotherapyDraft } from '../../../domain/draft-order.js';
import type { BasedOn, EvaluationContext, Firing, Rule } from '../../types.js';
import { daysBetween, isoDay, primarySymptoms } from '../../facts.js';
import { BEVACIZUMAB_SURGERY_GAP_DAYS, LINE_ACTIVE_DAYS, SURGERY_BEVACIZUMAB_GAP_DAYS } from '../../thresholds.js';
import { ANTI_EGFR, SURGICAL_KINDS, procedureName, recentSpan } from '../../treatment-history.js';
import { withoutActionsOnUnnamedDrafts } from './draft-actions.js';

/**
 * Facts about the orders being written, shared by the order rules (RC-30 to RC-38, RC-E5, RC-E7, RC-E10).
 * Pure functions of the case and the evaluation context; the drafts come in `ctx.orders`.
 */

export const CHECKPOINT_INHIBITORS: readonly Drug[] = ['pembrolizumab', 'nivolumab', 'ipilimumab'];
export const G12C_INHIBITORS: readonly Drug[] = ['sotorasib', 'adagrasib'];
const FLUOROPYRIMIDINES: readonly Drug[] = ['fluorouracil', 'capecitabine'];
const MODULATORS: readonly Drug[] = ['leucovorin', 'levoleucovorin'];

/** Every draft of the call: judged ones and context. */
export function allDrafts(ctx: EvaluationContext): readonly DraftOrder[] {
  return ctx.orders?.drafts ?? [];
}

/** The drafts the rules judge: the selections (order-select), every draft (order-sign). */
export function judgedDrafts(ctx: EvaluationContext): DraftOrder[] {
  return allDrafts(ctx).filter((d) => d.selected);
}

export function drugDrafts(drafts: readonly DraftOrder[], drugs: readonly Drug[]): DrugDraft[] {
  return drafts.filter((d): d is DrugDraft => d.kind === 'drug' && d.drugs.some((x) => drugs.includes(x)));
}

export function procedureDrafts(drafts: readonly DraftOrder[], kinds: ReadonlySet<string>): ProcedureDraft[] {
  return drafts.filter((d): d is ProcedureDraft => d.kind === 'procedure' && kinds.has(d.procedure));
}

export function radiotherapyDrafts(drafts: readonly DraftOrder[]): RadiotherapyDraft[] {
  return drafts.filter((d): d is RadiotherapyDraft => d.kind === 'radiotherapy');
}

export function draftById(ctx: EvaluationContext, id: string | undefined): DraftOrder | undefined {
  return allDrafts(ctx).find((d) => d.id === id);
}

/** The drafts a firing is about, in firing order. */
export function draftsOf(ctx: EvaluationContext, firing: Firing): DraftOrder[] {
  return (firing.draftIds ?? []).map((id) => draftById(ctx, id)).filter((d): d is DraftOrder => d !== undefined);
}

/** The drugs of a draft that are among `drugs` ("cetuximab"), else its label. */
export function drugNames(d: DraftOrder | undefined, drugs: readonly Drug[]): string {
  if (!d) return 'the order';
  if (d.kind !== 'drug') return d.label;
  const names = d.drugs.filter((x) => drugs.includes(x));
  return (names.length > 0 ? names : d.drugs).join(' + ').replace('-', '/');
}

/** An order's label for a card summary: EHR labels can be long, the summary must stay under 140 characters. */
export function shortLabel(d: DraftOrder | undefined, fallback: string, max = 48): string {
  const label = d?.label ?? fallback;
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The order as a "based on" line: what is being ordered, when, and with what priority. */
export function draftBasis(d: DraftOrder, label = 'Order being written'): BasedOn {
  const when = d.plannedDate ? `, planned for ${isoDay(d.plannedDate)}` : '';
  const priority = d.emergency ? ', emergency priority' : '';
  // The planned date is in the value ("planned for"), not in `date`: it is not the date of a fact.
  return { label, value: `${d.label}${when}${priority}`, source: d.source };
}

/** Curative intent documented on the record, or written on the order itself. */
export function curativePlan(c: Case, d?: DraftOrder): boolean {
  return c.curativeIntent !== undefined || d?.curative === true;
}

/** A resection of the primary planned on the record (active ServiceRequest) or being ordered now. */
export function primaryResectionPlanned(c: Case, ctx: EvaluationContext): boolean {
  const planned = c.procedures.some((p) => p.kind === 'primary-resection' && p.status === 'planned');
  return planned || procedureDrafts(allDrafts(ctx), new Set(['primary-resection'])).length > 0;
}

/** Combination chemotherapy: at least two of fluoropyrimidine, oxaliplatin, irinotecan. */
export function isCombinationChemotherapy(drugs: readonly Drug[]): boolean {
  const parts = [FLUOROPYRIMIDINES.some((d) => drugs.includes(d)), drugs.includes('oxaliplatin'), drugs.includes('irinotecan')];
  return parts.filter(Boolean).length >= 2;
}

/**
 * The fluoropyrimidine drafted as the radiosensitiser of a chemoradiation: when the only drugs being ordered
 * are fluoropyrimidines (with leucovorin), they go with the radiotherapy; with a regimen they are not.
 */
export function radiosensitiserDrafts(ctx: EvaluationContext): DrugDraft[] {
  const drugs = allDrafts(ctx).filter((d): d is DrugDraft => d.kind === 'drug');
  const onlyFluoropyrimidine = drugs.every((d) => d.drugs.every((x) => FLUOROPYRIMIDINES.includes(x) || MODULATORS.includes(x)));
  return onlyFluoropyrimidine ? drugs : [];
}

// ---- surgery and bevacizumab ---------------------------------------------------------------------

/** Operations that need the bevacizumab gap: the surgical kinds of the chart-review rules (RC-21). */
export const MAJOR_SURGERY = SURGICAL_KINDS;

/** The latest major surgery done, with a date. */
export function lastMajorSurgery(c: Case): (ProcedureFact & { date: string }) | undefined {
  return c.procedures
    .filter((p): p is ProcedureFact & { date: string } => p.status === 'done' && MAJOR_SURGERY.has(p.kind) && p.date !== undefined)
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
}

function within(date: string | undefined, now: string, days: number): boolean {
  return date === undefined || daysBetween(now, date) < days;
}

/**
 * Why bevacizumab must not be suggested as the alternative biologic now (empty: it may be). Each reason is
 * another rule that would fire on it: RC-E10 (recent surgery), RC-35/RC-21 (elective surgery within 6 weeks),
 * RC-E5 (an anti-EGFR antibody running), RC-15/RC-37 (ECOG >= 3); and bleeding, perforation or obstruction of
 * the primary, which the label lists among bevacizumab's hazards.
 */
export function bevacizumabBlockers(c: Case, ctx: EvaluationContext): string[] {
  const reasons: string[] = [];
  const surgery = lastMajorSurgery(c);
  if (surgery && daysBetween(surgery.date, c.now) < SURGERY_BEVACIZUMAB_GAP_DAYS) {
    reasons.push(`${procedureName(surgery.kind)} ${daysBetween(surgery.date, c.now)} days ago (< ${SURGERY_BEVACIZUMAB_GAP_DAYS} days)`);
  }
  const plannedOnRecord = c.procedures.some((p) => p.status === 'planned' && !p.emergency && MAJOR_SURGERY.has(p.kind) && within(p.date, c.now, BEVACIZUMAB_SURGERY_GAP_DAYS));
  const drafted = procedureDrafts(allDrafts(ctx), MAJOR_SURGERY).some((d) => !d.emergency && within(d.plannedDate, c.now, BEVACIZUMAB_SURGERY_GAP_DAYS));
  if (plannedOnRecord || drafted) reasons.push(`elective surgery planned within ${BEVACIZUMAB_SURGERY_GAP_DAYS / 7} weeks`);
  if (recentSpan(c, ANTI_EGFR, LINE_ACTIVE_DAYS)) reasons.push('EGFR antibody within 6 weeks');
  if (c.performance && c.performance.ecog >= 3) reasons.push(`ECOG ${c.performance.ecog}`);
  const hazards = primarySymptoms(c).filter((s) => ['bleeding', 'perforation', 'obstruction'].includes(s.symptom));
  if (hazards.length > 0) reasons.push(`${[...new Set(hazards.map((s) => s.symptom))].join(' and ')} of the primary`);
  return reasons;
}

/** Bevacizumab already running or already in this order set: nothing to add. */
export function bevacizumabInPlace(c: Case, ctx: EvaluationContext): 'running' | 'drafted' | undefined {
  if (drugDrafts(allDrafts(ctx), ['bevacizumab']).length > 0) return 'drafted';
  return recentSpan(c, ['bevacizumab'], LINE_ACTIVE_DAYS) ? 'running' : undefined;
}

// ---- rule shape ----------------------------------------------------------------------------------

/** An order rule: defined by its per-problem firings; `applies` reports the first, for callers of the single form. */
export type OrderRuleDefinition = Omit<Rule, 'applies' | 'appliesEach'> & {
  appliesEach(c: Case, ctx: EvaluationContext): Firing[];
};

export function orderRule(def: OrderRuleDefinition): Rule {
  return {
    ...def,
    applies: (c, ctx) => def.appliesEach(c, ctx)[0] ?? null,
    // Every order card: no cancel or reschedule of a draft the EHR sent without an id.
    card: (c, firing, ctx) => withoutActionsOnUnnamedDrafts(def.card(c, firing, ctx), ctx),
  };
}
