import type { HookName, OrderHookName } from '../engine/types.js';
import { draftResourcesById, mapDraftOrders } from '../fhir-mapping/draft-orders.js';
import type { DraftOrder } from '../domain/draft-order.js';
import { composeCards } from '../engine/compose.js';
import { toComposedCard, withSmartLink } from './cards.js';
import type { ServiceDefinition } from './cds-types.js';
import { issuedCards } from './issued-cards.js';
import { assessRecord } from './assess-record.js';
import { explainEvaluation } from '../engine/explain.js';
import { evaluationContext } from './evaluation-context.js';
import type { HookCaller, HookDeps, HookResult } from './hook-deps.js';
import { liveRuleSettings, shadowRecommendations } from '../learning/shadow-rules.js';
import { assertPrefetchIsForPatient, readPatientRecord } from './read-case.js';
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
export interface RunOptions {
  /** Add, for each rule, whether it fired and why not (the response's `org.rectal-cds.explain` extension). */
  explain?: boolean;
  /** Who calls (the client JWT's `iss`, or `open`): the snooze is per client. */
  caller?: HookCaller;
}

/** The response extension member carrying the rules' explanations (operators only). */
export const EXPLAIN_EXTENSION = 'org.rectal-cds.explain';

export async function runHook(hook: HookName, body: unknown, service: ServiceDefinition, deps: HookDeps, options: RunOptions = {}): Promise<HookResult> {
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

  const now = deps.now();
  // The snooze lookup runs while the chart is read and the rules run.
  const beforeCards = deps.beforeCards?.({ patientId, client: options.caller?.client ?? 'open', now });
  beforeCards?.catch(() => undefined);
  const { resources, data } = await readPatientRecord(service, req, patientId, deps);
  // Live rules only: shadow rules (SHADOW_RULES) are evaluated apart and never shown.
  const settings = { ...deps.config, ...liveRuleSettings(deps.config) };
  const drafts = orders ? { drafts: orders.drafts } : {};
  const { case: c, evaluation } = assessRecord(resources, { patientId, hook, now, settings, rules: deps.rules, ...drafts });
  const recs = beforeCards ? (await beforeCards)(evaluation.recommendations) : evaluation.recommendations;
  const cardDeps = { newId: deps.newId, publicBaseUrl: deps.config.publicBaseUrl, patientId, ...(orders ? { drafts: orders.resources } : {}) };
  // Chart review composes its cards (alerts alone, the rest in one plan card); order cards are one per problem.
  const composed = composeCards(recs, hook === 'patient-view' ? deps.config.cardLayout : 'separate');
  const built = composed.map((cc) => ({ card: toComposedCard(cc, cardDeps), recs: cc.recs }));
  const shadowRules = deps.config.shadowRules ?? [];
  const shadow = shadowRecommendations(deps.rules, c, evaluationContext(settings, hook, now, orders?.drafts), shadowRules).map((r) => ({
    card: toComposedCard({ recs: [r], indicator: r.indicator }, cardDeps),
    recs: [r],
  }));
  const cards = built.map((b) => b.card);
  const userId = typeof req.context['userId'] === 'string' ? req.context['userId'] : undefined;
  return {
    response: {
      cards: hook === 'patient-view' ? withSmartLink(cards, deps.config.smartLaunchUrl) : cards,
      ...(options.explain ? { extension: { [EXPLAIN_EXTENSION]: explainEvaluation(deps.rules, evaluation) } } : {}),
    },
    telemetry: { origins: data.origins, fhirCalls: data.fhirCalls, ruleIds: recs.map((r) => r.ruleId) },
    call: { hookInstance: req.hookInstance, patientId, ...(userId !== undefined ? { userId } : {}) },
    issued: issuedCards(built),
    ...(shadow.length > 0 ? { shadow: issuedCards(shadow) } : {}),
  };
}
