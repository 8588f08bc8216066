import type { Drug, ProcedureKind } from '../../src/domain/case.js';
import type { DraftOrder, DrugDraft, ProcedureDraft, RadiotherapyDraft } from '../../src/domain/draft-order.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { EvaluationContext, HookName, Recommendation } from '../../src/engine/types.js';
import type { Case } from '../../src/domain/case.js';
import { NOW } from './case-builder.js';

/** Draft orders for the order-rule unit tests: one line per order, only the fields a test is about. */

type Common = Partial<Pick<DraftOrder, 'selected' | 'emergency' | 'plannedDate' | 'curative' | 'label'>>;

const base = (type: string, id: string, label: string, o: Common) => ({
  id: `${type}/${id}`,
  selected: o.selected ?? true,
  label: o.label ?? label,
  emergency: o.emergency ?? false,
  ...(o.plannedDate !== undefined ? { plannedDate: o.plannedDate } : {}),
  ...(o.curative !== undefined ? { curative: o.curative } : {}),
  source: { resourceType: type, id },
});

export function drug(id: string, drugs: Drug[], o: Common = {}): DrugDraft {
  return { ...base('MedicationRequest', id, drugs.join(' + '), o), kind: 'drug', drugs };
}

export function surgery(id: string, procedure: ProcedureKind, o: Common = {}): ProcedureDraft {
  return { ...base('ServiceRequest', id, procedure, o), kind: 'procedure', procedure };
}

export function radiotherapy(id: string, rt: Partial<Pick<RadiotherapyDraft, 'course' | 'pelvic' | 'totalDoseCGy' | 'fractions'>>, o: Common = {}): RadiotherapyDraft {
  return { ...base('ServiceRequest', id, 'radiotherapy', o), kind: 'radiotherapy', course: rt.course ?? 'other', pelvic: rt.pelvic ?? true, ...rt };
}

export function orderCtx(hook: HookName, drafts: DraftOrder[], over: Partial<EvaluationContext> = {}): EvaluationContext {
  return { hook, ruleSet: 'extended', disabledRules: new Set(), now: NOW, orders: { drafts }, ...over };
}

/** The recommendations the whole rule set gives for these drafts. */
export function recsFor(c: Case, hook: HookName, drafts: DraftOrder[], over: Partial<EvaluationContext> = {}): Recommendation[] {
  return evaluate(allRules, c, orderCtx(hook, drafts, over));
}

export function idsFor(c: Case, hook: HookName, drafts: DraftOrder[], over: Partial<EvaluationContext> = {}): string[] {
  return recsFor(c, hook, drafts, over).map((r) => r.ruleId);
}

/** The ActionSpec types and targets of a recommendation's suggestions, flattened: `delete-draft:MedicationRequest/x`. */
export function actionsOf(r: Recommendation | undefined): string[] {
  return (r?.suggestions ?? []).flatMap((s) =>
    s.actions.map((a) => {
      switch (a.type) {
        case 'delete-draft':
        case 'reschedule-draft':
          return `${a.type}:${a.draftId}`;
        case 'order-test':
          return `${a.type}:${a.test}`;
        case 'order-drug':
          return `${a.type}:${a.drug}`;
        case 'order-short-course-rt':
          return a.type;
      }
    }),
  );
}
