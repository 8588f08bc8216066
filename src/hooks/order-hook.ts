import { evaluate } from '../engine/evaluate.js';
import { draftResourcesById, mapDraftOrders } from '../fhir-mapping/draft-orders.js';
import { toCard } from './cards.js';
import type { HookHandler } from './hook-deps.js';
import { assertPrefetchIsForPatient, readPatientCase } from './read-case.js';
import { parseCdsRequest, parseOrderContext } from './request.js';

export type OrderHook = 'order-select' | 'order-sign';

/**
 * The order hooks: read the chart (prefetch first, else the EHR's FHIR server), read the draft orders, and
 * judge the selected drafts (order-select) or all of them (order-sign) with the order rules, the other drafts
 * serving as context. Stateless: each call stands alone (see the README on order-select then order-sign).
 * @see https://cds-hooks.org/hooks/order-select/
 * @see https://cds-hooks.org/hooks/order-sign/
 */
export function orderHook(hook: OrderHook): HookHandler {
  return async (body, service, deps) => {
    const req = parseCdsRequest(body, service);
    const patientId = req.context.patientId;
    const { draftOrders, selections } = parseOrderContext(req.context, hook, patientId);
    assertPrefetchIsForPatient(req, patientId);
    const drafts = mapDraftOrders(draftOrders, selections ? { selections } : {});
    // No judged drug, procedure or radiotherapy order: no order rule can fire, so the chart is not read.
    if (!drafts.some((d) => d.selected && d.kind !== 'other')) {
      return { response: { cards: [] }, telemetry: { origins: {}, fhirCalls: 0, ruleIds: [] } };
    }
    const { case: c, now, data } = await readPatientCase(service, req, patientId, deps);
    const recs = evaluate(deps.rules, c, {
      hook,
      ruleSet: deps.config.ruleSet,
      disabledRules: new Set(deps.config.disabledRules),
      now,
      orders: { drafts },
    });
    const cardDeps = { newId: deps.newId, publicBaseUrl: deps.config.publicBaseUrl, patientId, drafts: draftResourcesById(draftOrders) };
    const cards = recs.map((r) => toCard(r, cardDeps));
    return {
      response: { cards },
      telemetry: { origins: data.origins, fhirCalls: data.fhirCalls, ruleIds: recs.map((r) => r.ruleId) },
    };
  };
}
