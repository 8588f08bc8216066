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
import type { HookCaller, HookDeps, HookResult, HookTelemetry } from './hook-deps.js';
import type { Recommendation } from '../engine/types.js';
import { liveRuleSettings, shadowRecommendations } from '../learning/shadow-rules.js';
import { assertPrefetchIsForPatient, readPatientRecord, type PatientRecord } from './read-case.js';
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

export function runHook(hook: HookName, body: unknown, service: ServiceDefinition, deps: HookDeps, options: RunOptions = {}): Promise<HookResult> {
  // Synchronous up to the first wait: an async function keeps its parameters (here the whole request) alive
  // until it returns, so the body is handed on only inside a holder the rest of the call can empty.
  try {
    const started = startCall(hook, body, service, deps, options);
    return started ? finishCall(started, service, deps, options) : Promise.resolve(NO_CARDS);
  } catch (err) {
    return Promise.reject(err);
  }
}

type ParsedRequest = ReturnType<typeof parseCdsRequest>;

/** A call past validation: what the rest of it needs, and the request in a holder emptied once it is read. */
interface StartedCall {
  hook: HookName;
  patientId: string;
  now: Date;
  call: HookResult['call'] & object;
  orders: OrderInput | undefined;
  beforeCards: ReturnType<NonNullable<HookDeps['beforeCards']>> | undefined;
  request: { value: ParsedRequest | undefined };
}

/** Validate the request and the hook's own context; undefined when no rule can fire (nothing to read). */
function startCall(hook: HookName, body: unknown, service: ServiceDefinition, deps: HookDeps, options: RunOptions): StartedCall | undefined {
  const req = parseCdsRequest(body, service);
  const patientId = req.context.patientId;
  let orders: OrderInput | undefined;
  if (isOrderHook(hook)) {
    const { draftOrders, selections } = parseOrderContext(req.context, hook, patientId);
    orders = { drafts: mapDraftOrders(draftOrders, selections ? { selections } : {}), resources: draftResourcesById(draftOrders) };
  }
  assertPrefetchIsForPatient(req, patientId);
  // No judged drug, procedure or radiotherapy order: no order rule can fire, so the chart is not read.
  if (orders && !orders.drafts.some((d) => d.selected && d.kind !== 'other')) return undefined;
  const now = deps.now();
  const userId = typeof req.context['userId'] === 'string' ? req.context['userId'] : undefined;
  // The snooze lookup runs while the chart is read and the rules run.
  const beforeCards = deps.beforeCards?.({ patientId, client: options.caller?.client ?? 'open', now });
  beforeCards?.catch(() => undefined);
  return {
    hook,
    patientId,
    now,
    call: { hookInstance: req.hookInstance, patientId, ...(userId !== undefined ? { userId } : {}) },
    orders,
    beforeCards,
    request: { value: req },
  };
}

async function finishCall(started: StartedCall, service: ServiceDefinition, deps: HookDeps, options: RunOptions): Promise<HookResult> {
  const { hook, patientId, now, orders, beforeCards } = started;
  let record: PatientRecord | undefined = await readPatientRecord(service, started.request.value!, patientId, deps);
  const verdict = judge(record, { hook, patientId, now, deps, explain: options.explain === true, ...(orders ? { drafts: orders.drafts } : {}) });
  // The request and the record (a prefetch can be megabytes) are not needed past the verdict: nothing keeps them
  // alive while the snooze lookup is awaited, so they die young instead of being copied into the old generation.
  // (V8 keeps an async function's parameters and dead `const`s alive across an await; a cleared `let` is let go.)
  started.request.value = undefined;
  record = undefined;
  const recs = beforeCards ? (await beforeCards)(verdict.recommendations) : verdict.recommendations;
  const cardDeps = { newId: deps.newId, publicBaseUrl: deps.config.publicBaseUrl, patientId, ...(orders ? { drafts: orders.resources } : {}) };
  // Chart review composes its cards (alerts alone, the rest in one plan card); order cards are one per problem.
  const composed = composeCards(recs, hook === 'patient-view' ? deps.config.cardLayout : 'separate');
  const built = composed.map((cc) => ({ card: toComposedCard(cc, cardDeps), recs: cc.recs }));
  const shadow = verdict.shadow.map((r) => ({ card: toComposedCard({ recs: [r], indicator: r.indicator }, cardDeps), recs: [r] }));
  const cards = built.map((b) => b.card);
  return {
    response: {
      cards: hook === 'patient-view' ? withSmartLink(cards, deps.config.smartLaunchUrl) : cards,
      ...(verdict.explained ? { extension: { [EXPLAIN_EXTENSION]: verdict.explained } } : {}),
    },
    telemetry: { origins: verdict.origins, fhirCalls: verdict.fhirCalls, ruleIds: recs.map((r) => r.ruleId) },
    call: started.call,
    issued: issuedCards(built),
    ...(shadow.length > 0 ? { shadow: issuedCards(shadow) } : {}),
  };
}

/** What a call needs from its record once the rules have run: recommendations and telemetry, not the record. */
interface Verdict {
  recommendations: Recommendation[];
  shadow: Recommendation[];
  explained: ReturnType<typeof explainEvaluation> | undefined;
  origins: HookTelemetry['origins'];
  fhirCalls: number;
}

/** The record through the mapping and the rules (live, then shadow); synchronous, so the record is let go on return. */
function judge(
  record: PatientRecord,
  o: { hook: HookName; patientId: string; now: Date; deps: HookDeps; explain: boolean; drafts?: DraftOrder[] },
): Verdict {
  const { config, rules } = o.deps;
  // Live rules only: shadow rules (SHADOW_RULES) are evaluated apart and never shown.
  const settings = { ...config, ...liveRuleSettings(config) };
  const drafts = o.drafts ? { drafts: o.drafts } : {};
  const { case: c, evaluation } = assessRecord(record.resources, { patientId: o.patientId, hook: o.hook, now: o.now, settings, rules, ...drafts });
  const shadowRules = config.shadowRules ?? [];
  return {
    recommendations: evaluation.recommendations,
    shadow: shadowRecommendations(rules, c, evaluationContext(settings, o.hook, o.now, o.drafts), shadowRules),
    explained: o.explain ? explainEvaluation(rules, evaluation) : undefined,
    origins: record.data.origins,
    fhirCalls: record.data.fhirCalls,
  };
}
