import type { Bundle, FhirResource, Resource } from 'fhir/r4.js';
import { fixtureContext, type FixtureContext } from '../../src/fixtures/builders/index.js';

export type OrderHook = 'order-select' | 'order-sign';

/** `context.draftOrders` as an EHR sends it: a collection Bundle of the draft resources. */
export function draftBundle(orders: readonly Resource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: orders.map((resource) => ({ resource: resource as FhirResource })) };
}

/** An order-select / order-sign request; `selections` are sent for order-select only (order-sign has none). */
export function orderRequest(hook: OrderHook, patientId: string, orders: readonly Resource[], selections: readonly string[], extra: Record<string, unknown> = {}) {
  return {
    hook,
    hookInstance: '3b8f0d4e-5c43-4a8e-9a53-2f1d6b7c9e01',
    context: {
      userId: 'Practitioner/example',
      patientId,
      draftOrders: draftBundle(orders),
      ...(hook === 'order-select' ? { selections: [...selections] } : {}),
    },
    ...extra,
  };
}

export const refOf = (r: { resourceType: string; id?: string }) => `${r.resourceType}/${r.id ?? ''}`;

/**
 * A copy of a scenario record under another patient id (every id and reference is prefixed by the patient id,
 * so the copy can live beside the original in one FHIR server), plus resources built for the copy.
 */
export function recordCopy<T extends Resource>(record: readonly T[], from: string, to: string, now: Date, add: (ctx: FixtureContext) => Resource[] = () => []): Resource[] {
  const copy = JSON.parse(JSON.stringify(record).split(from).join(to)) as Resource[];
  return [...copy, ...add(fixtureContext(now, to))];
}

/** Draft orders built for a patient (ids `${patientId}-draft-...`). */
export function draftsFor(patientId: string, now: Date, build: (ctx: FixtureContext) => FhirResource[]): FhirResource[] {
  return build(fixtureContext(now, patientId, `${patientId}-draft`));
}
