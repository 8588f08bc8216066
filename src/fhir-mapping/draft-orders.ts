import type { DraftOrder } from '../domain/draft-order.js';
import { textsOf } from './coding.js';
import { intentOf } from './curative-intent.js';
import { isoDate, occurrenceTime } from './dates.js';
import { drugsOf } from './drugs.js';
import { dpydMatch } from './genetics.js';
import { type Json, bool, obj, str, typeOf } from './json.js';
import { isEmergency, readProcedureKind } from './procedures.js';
import { provenanceOf } from './provenance.js';
import { readRadiotherapy } from './radiotherapy.js';
import { type PatientRecord, buildRecord } from './record.js';
import { resolveReference } from './references.js';
import { plannedStart } from './validity.js';

/**
 * `context.draftOrders` (a Bundle) -> `DraftOrder[]` for the order hooks. Pure and defensive like the rest of
 * the mapper: it never throws, and what it cannot read becomes an `other` draft that no rule judges.
 * Drugs are matched as in the record (RxNorm ingredient, clinical-drug or brand text, contained or referenced
 * Medication inside the draft Bundle); procedures and radiotherapy by the same codes as planned ones.
 * @see https://cds-hooks.org/hooks/order-sign/
 */

/** The order resources of CDS Hooks R4 draftOrders (plus CommunicationRequest, seen in the wild). */
const ORDER_TYPES = ['MedicationRequest', 'ServiceRequest', 'DeviceRequest', 'NutritionOrder', 'VisionPrescription', 'CommunicationRequest'];

/** Statuses of orders that are no longer being written: they are not judged. */
const NOT_BEING_ORDERED = ['entered-in-error', 'cancelled', 'revoked', 'completed', 'stopped'];

export interface DraftOrderOptions {
  /** order-select `context.selections` (`Type/id`). Absent (order-sign): every draft is judged. */
  selections?: readonly string[];
}

/**
 * `Type/id` of a draft. A draft without id gets an internal name instead: its Bundle fullUrl, else its place in
 * the Bundle (unique, so two such drafts are not confused). It cannot be selected, and the order rules offer no
 * action that cancels or updates it (`src/engine/rules/orders/draft-actions.ts`).
 */
export function draftIdOf(record: PatientRecord, r: Json): string {
  const type = typeOf(r) ?? 'Unknown';
  const id = str(r.id);
  if (id !== undefined) return `${type}/${id}`;
  return record.fullUrlOf(r) ?? `${type} #${record.resources.indexOf(r) + 1} (no id)`;
}

function isBeingOrdered(r: Json): boolean {
  const status = str(r.status);
  if (status !== undefined && NOT_BEING_ORDERED.includes(status)) return false;
  // An order not to give something is never a problem for these rules.
  return bool(r.doNotPerform) !== true;
}

function orderResources(record: PatientRecord): Json[] {
  return record.resources.filter((r) => ORDER_TYPES.includes(typeOf(r) ?? '') && isBeingOrdered(r));
}

function medicationLabel(record: PatientRecord, r: Json): string | undefined {
  const own = textsOf(r.medicationCodeableConcept)[0];
  if (own !== undefined) return own;
  const ref = obj(r.medicationReference);
  const med = ref ? resolveReference(record, ref, r) : undefined;
  return str(ref?.display) ?? (med ? textsOf(med.code)[0] : undefined);
}

function plannedDateOf(r: Json): string | undefined {
  return typeOf(r) === 'MedicationRequest' ? isoDate(plannedStart(r)) : occurrenceTime(r);
}

function readDraft(record: PatientRecord, r: Json, id: string, selected: boolean): DraftOrder {
  const type = typeOf(r) ?? 'Unknown';
  const plannedDate = plannedDateOf(r);
  const intent = intentOf(r);
  const base = {
    id,
    selected,
    emergency: isEmergency(r),
    ...(plannedDate !== undefined ? { plannedDate } : {}),
    ...(intent !== undefined ? { curative: intent === 'curative' } : {}),
    source: provenanceOf(record, r, plannedDate),
  };
  if (type === 'MedicationRequest') {
    const matches = drugsOf(record, r);
    const label = medicationLabel(record, r) ?? (matches.map((m) => m.drug).join(' + ') || 'medication order');
    if (matches.length === 0) return { ...base, kind: 'other', label };
    return { ...base, kind: 'drug', label, drugs: matches.map((m) => m.drug) };
  }
  const label = textsOf(r.code)[0] ?? type;
  if (type !== 'ServiceRequest') return { ...base, kind: 'other', label };
  const rt = readRadiotherapy(record, r);
  if (rt) {
    const { matched, ...course } = rt;
    return { ...base, source: { ...base.source, matched }, kind: 'radiotherapy', label, ...course };
  }
  const procedure = readProcedureKind(r);
  if (procedure) return { ...base, source: { ...base.source, matched: procedure.matched }, kind: 'procedure', label, procedure: procedure.kind };
  const dpyd = dpydMatch(r);
  if (dpyd !== undefined) return { ...base, source: { ...base.source, matched: dpyd }, kind: 'test', label, test: 'DPYD' };
  return { ...base, kind: 'other', label };
}

/** The draft orders of the hook context, in Bundle order. */
export function mapDraftOrders(draftOrders: unknown, options: DraftOrderOptions = {}): DraftOrder[] {
  const record = buildRecord([draftOrders]);
  const selections = options.selections ? new Set(options.selections) : undefined;
  return orderResources(record).map((r) => {
    const id = draftIdOf(record, r);
    return readDraft(record, r, id, selections ? selections.has(id) : true);
  });
}

/** The draft resources by draft id, so the edge can build `update` actions from the order as the EHR sent it. */
export function draftResourcesById(draftOrders: unknown): Map<string, Json> {
  const record = buildRecord([draftOrders]);
  return new Map(orderResources(record).map((r) => [draftIdOf(record, r), r]));
}
