import { CdsError } from '../errors.js';
import { evaluate } from '../engine/evaluate.js';
import { draftResourcesById, mapDraftOrders } from '../fhir-mapping/draft-orders.js';
import { mapCase } from '../fhir-mapping/map-case.js';
import { toCard } from './cards.js';
import { gatherData } from './gather-data.js';
import type { HookHandler } from './hook-deps.js';
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
    const prefetchedPatient = req.prefetch?.['patient'] as { resourceType?: unknown; id?: unknown } | null | undefined;
    if (prefetchedPatient?.resourceType === 'Patient' && prefetchedPatient.id !== undefined && prefetchedPatient.id !== patientId) {
      // Cards for the wrong patient are worse than none.
      throw new CdsError('bad-request', 'prefetch.patient is not the patient named in context.patientId');
    }
    const drafts = mapDraftOrders(draftOrders, selections ? { selections } : {});
    // No judged drug, procedure or radiotherapy order: no order rule can fire, so the chart is not read.
    if (!drafts.some((d) => d.selected && d.kind !== 'other')) {
      return { response: { cards: [] }, telemetry: { origins: {}, fhirCalls: 0, ruleIds: [] } };
    }
    const data = await gatherData(service, req, {
      readerFor: deps.readerFor,
      timeoutMs: deps.config.fhirTimeoutMs,
      maxPages: deps.config.fhirMaxPages,
    });
    if (!data.resources.some((r) => r.resourceType === 'Patient')) {
      throw new CdsError('precondition-failed', `Patient ${patientId} was not found`);
    }
    const now = deps.now();
    const c = mapCase(data.resources, { patientId, now, rectosigmoidInScope: deps.config.rectosigmoidInScope });
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
