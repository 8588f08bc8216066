import type { Drug, ProcedureKind, Provenance, RadiotherapyCourse } from './case.js';

/**
 * An order being written in the EHR (CDS Hooks `order-select` / `order-sign` `context.draftOrders`), as the
 * order rules see it. Our own type: `src/fhir-mapping/draft-orders.ts` builds it from the draft FHIR
 * MedicationRequest / ServiceRequest, the engine reads only this.
 * @see https://cds-hooks.org/hooks/order-select/
 */
interface DraftOrderBase {
  /** `Type/id`, as `context.selections` and CDS Hooks `delete` actions name the order. */
  id: string;
  /**
   * Judged by the rules: one of `context.selections` (order-select), or any draft being signed (order-sign).
   * The other drafts are context only (e.g. bevacizumab drafted beside a selected cetuximab).
   */
  selected: boolean;
  /** How the order reads to the clinician (its code text or display), for card text. */
  label: string;
  /** Priority urgent, asap or stat. */
  emergency: boolean;
  /** ServiceRequest `occurrence[x]`; MedicationRequest planned start (dosage bounds), when given. */
  plannedDate?: string;
  /** Treatment intent written on the order itself (mCODE procedure-intent): true curative, false palliative. */
  curative?: boolean;
  source: Provenance;
}

/** A drug order: the known drugs it names (a regimen name such as "FOLFOX" stands for its drugs). */
export interface DrugDraft extends DraftOrderBase {
  kind: 'drug';
  drugs: Drug[];
}

/** Surgery or an interventional procedure (ablation, embolisation...). */
export interface ProcedureDraft extends DraftOrderBase {
  kind: 'procedure';
  procedure: ProcedureKind;
}

/** A radiotherapy course with its prescribed dose, when the order carries it. */
export interface RadiotherapyDraft extends DraftOrderBase {
  kind: 'radiotherapy';
  course: RadiotherapyCourse;
  /** Pelvis/rectum, or no site given. */
  pelvic: boolean;
  totalDoseCGy?: number;
  fractions?: number;
}

/**
 * A test some rule asks for, being ordered with the drugs (a DPYD genotype before the first fluoropyrimidine):
 * the rule that asked is answered. Other tests stay `other`.
 */
export interface TestDraft extends DraftOrderBase {
  kind: 'test';
  test: 'DPYD';
}

/** Anything else (another lab test, a diet, an unknown drug): context only, no rule is about it. */
export interface OtherDraft extends DraftOrderBase {
  kind: 'other';
}

export type DraftOrder = DrugDraft | ProcedureDraft | RadiotherapyDraft | TestDraft | OtherDraft;
