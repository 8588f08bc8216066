import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { CdsError } from './errors.js';
import { allRules } from './engine/rules/index.js';
import type { Rule } from './engine/types.js';
import { validateRules } from './engine/validate-rules.js';
import type { FhirReaderFactory } from './hooks/fhir-reader.js';
import type { HookDeps } from './hooks/hook-deps.js';
import { buildRegistry } from './hooks/registry.js';
import { loadServiceDefinitions } from './hooks/services.js';
import { errorHandler } from './http/error-handler.js';
import { requestId } from './http/request-id.js';
import { rulesRouter } from './http/rules-routes.js';
import { webRouter } from './http/web-routes.js';
import { clientAuthFor } from './http/auth/index.js';
import { corsPolicy } from './http/cors.js';
import { jsonBody } from './http/json-body.js';
import { Lifecycle } from './http/lifecycle.js';
import { opsRouter } from './http/ops-routes.js';
import { securityHeaders } from './http/security-headers.js';
import { httpTelemetry, labelHookInstance, labelService } from './observability/http-telemetry.js';
import { instrumentReader } from './observability/instrumented-reader.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { boundedFetchReader } from './security/fhir-fetch-reader.js';
import { guardOutbound, outboundPolicyOf } from './security/outbound.js';

export interface AppOptions {
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
  readerFor?: FhirReaderFactory;
  rules?: readonly Rule[];
  /** Demo mode: routes for the embedded FHIR server (`/fhir`) and demo helpers, mounted at the root. */
  demoRouter?: Router;
  /** Built browser pages (SMART app, demo EHR); default `dist/web`. */
  webDir?: string;
  /** Start-up/draining state shared with the entry point (`/readyz`, graceful shutdown); default: ready. */
  lifecycle?: Lifecycle;
  /** Metrics registry; default: a new one for this app. */
  metrics?: Metrics;
}

/**
 * Build the express app: no listening, no globals. Everything variable comes in through `config` and `options`.
 */
export function createApp(config: Config, options: AppOptions = {}): express.Express {
  const logger = options.logger ?? createLogger(config);
  const metrics = options.metrics ?? createMetrics();
  const lifecycle = options.lifecycle ?? new Lifecycle('ready');
  const rules = options.rules ?? allRules;
  validateRules(rules);
  const discovery = loadServiceDefinitions();
  const registry = buildRegistry(discovery);
  const deps: HookDeps = {
    config,
    rules,
    // Every FHIR call passes the outbound check first and is timed; the default reader caps bytes and entries.
    readerFor: instrumentReader(
      guardOutbound(outboundPolicyOf(config), options.readerFor ?? boundedFetchReader({ maxBytes: config.fhirMaxBytes, maxEntries: config.fhirMaxEntries })),
      metrics,
    ),
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestId);
  app.use(lifecycle.track);
  app.use(httpTelemetry(metrics, logger));
  app.use(securityHeaders());
  app.use(corsPolicy(config.corsOrigins));
  const auth = clientAuthFor(config, logger, (reason) => metrics.authFailures.inc({ reason }));
  const authenticated = auth ? [auth] : [];
  // Names the service for logs and metrics (registered ids only, so label values stay bounded).
  const named: express.RequestHandler<{ id: string }> = (req, res, next) => {
    if (registry.has(req.params.id)) labelService(res, req.params.id);
    next();
  };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use(opsRouter({ lifecycle, metrics, metricsToken: config.metricsToken }));

  app.get('/cds-services', ...(config.auth.discovery ? authenticated : []), (_req, res) => {
    res.json(discovery);
  });

  const json = jsonBody(config.jsonBodyLimit);

  app.post('/cds-services/:id', named, ...authenticated, ...json, async (req, res) => {
    const service = registry.get(req.params.id ?? '');
    if (!service) throw new CdsError('not-found', `No CDS service with id '${req.params.id}'`);
    const started = performance.now();
    labelHookInstance(res, req.body?.hookInstance);
    const { response, telemetry } = await service.handler(req.body, service.definition, deps);
    for (const rule of telemetry.ruleIds) metrics.cards.inc({ service: service.definition.id, rule });
    for (const origin of Object.values(telemetry.origins)) metrics.dataOrigins.inc({ service: service.definition.id, origin });
    logger.info(
      {
        reqId: req.id,
        service: service.definition.id,
        hookInstance: typeof req.body?.hookInstance === 'string' ? req.body.hookInstance.slice(0, 64) : undefined,
        ms: Math.round(performance.now() - started),
        ...telemetry,
      },
      'hook answered',
    );
    res.json(response);
  });

  // Feedback on cards (accepted/overridden) is acknowledged; it is logged for quality review, not stored.
  app.post('/cds-services/:id/feedback', named, ...authenticated, ...json, (req, res) => {
    if (!registry.has(req.params.id ?? '')) throw new CdsError('not-found', `No CDS service with id '${req.params.id}'`);
    const feedback = Array.isArray(req.body?.feedback) ? req.body.feedback : [];
    // Only the two outcomes the spec defines, and a bounded number: the body is caller-controlled text.
    const outcomes = feedback.slice(0, 50).map((f: { outcome?: unknown }) => (f?.outcome === 'accepted' || f?.outcome === 'overridden' ? f.outcome : 'invalid'));
    logger.info({ reqId: req.id, service: req.params.id, outcomes, count: feedback.length }, 'card feedback');
    res.json({});
  });

  app.use('/rules', rulesRouter(rules));
  // Before the demo router: in demo mode it answers /fhir/.well-known/smart-configuration for the embedded server.
  app.use(webRouter(config, { ...(options.webDir ? { webDir: options.webDir } : {}), ...(options.now ? { now: options.now } : {}) }));
  if (options.demoRouter) app.use(options.demoRouter);

  app.use((req, _res, next) => next(new CdsError('not-found', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
