import { evaluate } from '../engine/evaluate.js';
import type { HookName, OrderHookName } from '../engine/types.js';
import { draftResourcesById, mapDraftOrders } from '../fhir-mapping/draft-orders.js';
import type { DraftOrder } from '../domain/draft-order.js';
import { toCard, withSmartLink } from './cards.js';
import type { ServiceDefinition } from './cds-types.js';
import { issuedCards } from './issued-cards.js';
import { evaluationContext } from './evaluation-context.js';
import type { HookCaller, HookDeps, HookResult } from './hook-deps.js';
import { liveRuleSettings, shadowRecommendations } from '../learning/shadow-rules.js';
import { assertPrefetchIsForPatient, readPatientCase } from './read-case.js';
import { parseCdsRequest, parseOrderContext } from './request.js';

/** The drafts of an order hook, as the rules read them and as the EHR sent them (for `update` actions). */
interface OrderInput {
  drafts: DraftOrder[];
  resources: ReadonlyMap<string, Record<string, unknown>>;
}

const isOrderHook = (hook: HookName): hook is OrderHookName => hook === 'order-select' || hook === 'order-sign';

/** Nothing to answer: no rule could fire, so no chart was read. */
const NO_CARDS: HookResult = { response: { cards: [] }, telemetry: { origins: {}, fhirCalls: 0, ruleIds: [] }, issued: [] };

/**
 * The one pipeline of every hook: validate the request, read the hook's own context (draft orders), read the
 * chart (prefetch first, else the EHR's FHIR server; 412 when it cannot be had), evaluate the rules of this
 * hook, turn their recommendations into cards. Stateless: each call stands alone.
 * - `patient-view`: chart review; the first card carries the SMART link.
 * - `order-select`: only the drafts in `context.selections` are judged, the others are context.
 * - `order-sign`: every draft is judged, with the full order details (sign-only rules RC-32, RC-35, RC-37).
 * @see https://cds-hooks.org/hooks/patient-view/
 * @see https://cds-hooks.org/hooks/order-select/
 * @see https://cds-hooks.org/hooks/order-sign/
 */
export async function runHook(hook: HookName, body: unknown, service: ServiceDefinition, deps: HookDeps, caller: HookCaller = { client: 'open' }): Promise<HookResult> {
  const req = parseCdsRequest(body, service);
  const patientId = req.context.patientId;
  let orders: OrderInput | undefined;
  if (isOrderHook(hook)) {
    const { draftOrders, selections } = parseOrderContext(req.context, hook, patientId);
    orders = { drafts: mapDraftOrders(draftOrders, selections ? { selections } : {}), resources: draftResourcesById(draftOrders) };
  }
  assertPrefetchIsForPatient(req, patientId);
  // No judged drug, procedure or radiotherapy order: no order rule can fire, so the chart is not read.
  if (orders && !orders.drafts.some((d) => d.selected && d.kind !== 'other')) return NO_CARDS;

  // The snooze lookup runs while the chart is read and the rules run.
  const beforeCards = deps.beforeCards?.({ patientId, client: caller.client, now: deps.now() });
  beforeCards?.catch(() => undefined);
  const { case: c, now, data } = await readPatientCase(service, req, patientId, deps);
  const ctx = evaluationContext(liveRuleSettings(deps.config), hook, now, orders?.drafts);
  const evaluated = evaluate(deps.rules, c, ctx);
  const recs = beforeCards ? (await beforeCards)(evaluated) : evaluated;
  const cardDeps = { newId: deps.newId, publicBaseUrl: deps.config.publicBaseUrl, patientId, ...(orders ? { drafts: orders.resources } : {}) };
  const built = recs.map((r) => ({ card: toCard(r, cardDeps), recs: [r] }));
  const shadow = shadowRecommendations(deps.rules, c, ctx, deps.config.shadowRules ?? []).map((r) => ({ card: toCard(r, cardDeps), recs: [r] }));
  const cards = built.map((b) => b.card);
  const userId = typeof req.context['userId'] === 'string' ? req.context['userId'] : undefined;
  return {
    response: { cards: hook === 'patient-view' ? withSmartLink(cards, deps.config.smartLaunchUrl) : cards },
    telemetry: { origins: data.origins, fhirCalls: data.fhirCalls, ruleIds: recs.map((r) => r.ruleId) },
    call: { hookInstance: req.hookInstance, patientId, ...(userId !== undefined ? { userId } : {}) },
    issued: issuedCards(built),
    ...(shadow.length > 0 ? { shadow: issuedCards(shadow) } : {}),
  };
}
