import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/types.js';
import { CdsError } from '../errors.js';
import { sameSecret } from '../http/secrets.js';
import { addLogFields, labelHookInstance, labelService } from '../observability/http-telemetry.js';
import { sendJson } from '../http/send-json.js';
import type { Metrics } from '../observability/metrics.js';
import type { DiscoveryResponse } from './cds-types.js';
import type { LearningEdge } from '../learning/learning-edge.js';
import type { HookDeps } from './hook-deps.js';
import { runHook } from './run-hook.js';
import { serviceRegistry } from './services.js';

/**
 * `?explain=true`: the rules' verdicts beside the cards, for operators answering "why no card?". Open in demo
 * mode; elsewhere only with the operator token, never for ordinary callers (it names the data each rule read).
 */
function explainRequested(req: express.Request, config: Pick<Config, 'mode' | 'operatorToken'>): boolean {
  const asked = req.query['explain'];
  if (asked === undefined || asked === 'false' || asked === '0') return false;
  if (config.mode === 'demo') return true;
  const given = req.get('x-operator-token');
  if (config.operatorToken !== undefined && given !== undefined && sameSecret(given, config.operatorToken)) return true;
  throw new CdsError('forbidden', 'explain is for operators: send the operator token in X-Operator-Token (OPERATOR_TOKEN)');
}

export interface CdsRoutesOptions {
  discovery: DiscoveryResponse;
  deps: HookDeps;
  logger: Logger;
  metrics: Metrics;
  /** Client authentication for hook and feedback calls (none when authentication is off). */
  authenticated: RequestHandler[];
  /** Also authenticate discovery (`AUTH_DISCOVERY`). */
  authenticateDiscovery: boolean;
  /** The JSON body parser and guard of every POST. */
  jsonBody: RequestHandler[];
  /** The same for feedback, with its own (smaller) size limit. */
  feedbackBody?: RequestHandler[];
  /** The card ledger and feedback store at this edge. */
  learning: LearningEdge;
}

/** The parsed body, taken off the request (which lives until the answer is sent). */
function takeBody(req: express.Request): unknown {
  const body: unknown = req.body;
  req.body = undefined;
  return body;
}

/** The calling client as the ledger names it: the verified JWT `iss`, or `open` without client authentication. */
function clientOf(res: express.Response): string {
  const iss = (res.locals['client'] as { iss?: unknown } | undefined)?.iss;
  return typeof iss === 'string' ? iss : 'open';
}

/**
 * The CDS Hooks routes: discovery, one POST per service, and feedback.
 * @see https://cds-hooks.hl7.org/2.0/#discovery
 * @see https://cds-hooks.hl7.org/2.0/#calling-a-cds-service
 * @see https://cds-hooks.hl7.org/2.0/#feedback
 */
export function cdsRoutes(options: CdsRoutesOptions): express.Router {
  const { discovery, deps, logger, metrics, learning } = options;
  const registry = serviceRegistry(discovery);
  const router = express.Router();
  // Names the service for logs and metrics (registered ids only, so label values stay bounded).
  const named: express.RequestHandler<{ id: string }> = (req, res, next) => {
    if (registry.has(req.params.id)) labelService(res, req.params.id);
    next();
  };
  const serviceOf = (id: string | undefined) => {
    const service = registry.get(id ?? '');
    if (!service) throw new CdsError('not-found', `No CDS service with id '${id}'`);
    return service;
  };

  router.get('/cds-services', ...(options.authenticateDiscovery ? options.authenticated : []), (_req, res) => {
    res.json(discovery);
  });

  router.post('/cds-services/:id', named, ...options.authenticated, ...options.jsonBody, async (req, res) => {
    const service = serviceOf(req.params.id);
    const started = performance.now();
    labelHookInstance(res, req.body?.hookInstance);
    const explain = explainRequested(req, deps.config);
    const client = clientOf(res);
    // The parsed request (a prefetch can be megabytes) goes to the hook alone, which lets it go once the rules
    // have run: nothing here keeps it alive while the snooze lookup and the ledger write are awaited.
    const result = await runHook(service.hook, takeBody(req), service.definition, deps, { explain, caller: { client } });
    const { response, telemetry } = result;
    // The ledger is written before the answer leaves: a card the EHR shows is always in it.
    await learning.recordAnswer(result, { service: service.definition.id, hook: service.hook, client });
    for (const rule of telemetry.ruleIds) metrics.cards.inc({ service: service.definition.id, rule });
    for (const origin of Object.values(telemetry.origins)) metrics.dataOrigins.inc({ service: service.definition.id, origin });
    // The request's one log line (written by httpTelemetry when the answer is done) carries what the hook did.
    // (Its hook instance is the one labelHookInstance accepted above.)
    addLogFields(res, { hookMs: Math.round(performance.now() - started), ...telemetry });
    sendJson(res, response);
  });

  // Feedback on cards (accepted/overridden): validated item by item and stored before the 200.
  router.post('/cds-services/:id/feedback', named, ...options.authenticated, ...(options.feedbackBody ?? options.jsonBody), async (req, res) => {
    serviceOf(req.params.id);
    const result = await learning.recordFeedback(req.body, { service: req.params.id, client: clientOf(res) });
    logger.info({ reqId: req.id, service: req.params.id, ...result }, 'card feedback');
    res.json({});
  });
  return router;
}
