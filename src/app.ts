import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { sizeToBytes } from './config/env-schemas.js';
import type { Config } from './config/types.js';
import { CdsError } from './errors.js';
import { allRules } from './engine/rules/index.js';
import type { AnyRule } from './engine/rule.js';
import { validateRules } from './engine/validate-rules.js';
import { boundedFetchReader } from './fhir-client/fetch-reader.js';
import { guardOutbound } from './fhir-client/guarded-reader.js';
import { createHttpGet } from './fhir-client/http-get.js';
import { limitConcurrentReaders } from './fhir-client/limited-reader.js';
import { instrumentReader } from './fhir-client/instrumented-reader.js';
import type { FhirReaderFactory } from './fhir-client/reader.js';
import type { HookDeps } from './hooks/hook-deps.js';
import { cdsRoutes } from './hooks/routes.js';
import { loadServiceDefinitions } from './hooks/services.js';
import { clientAuthFor } from './http/auth/index.js';
import { corsPolicy } from './http/cors.js';
import { errorHandler } from './http/error-handler.js';
import { BodiesInFlight, jsonBody } from './http/json-body.js';
import { Lifecycle } from './http/lifecycle.js';
import { opsRouter } from './http/ops-routes.js';
import { requestId } from './http/request-id.js';
import { rulesRouter } from './http/rules-routes.js';
import { securityHeaders } from './http/security-headers.js';
import { defaultWebDir, webRouter } from './http/web-routes.js';
import { analyticsRouter } from './analytics/analytics-routes.js';
import { httpTelemetry } from './observability/http-telemetry.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { BytePool } from './security/capped-body.js';
import { outboundPolicyOf } from './security/outbound.js';
import { checkedLookup } from './security/outbound-lookup.js';
import { FEEDBACK_BODY_LIMIT } from './learning/feedback-body.js';
import { learningParts } from './learning/learning-parts.js';
import type { LearningStore } from './store/learning-store.js';

export interface AppOptions {
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
  readerFor?: FhirReaderFactory;
  rules?: readonly AnyRule[];
  /** Demo mode: the demo router (`src/demo/demo-mode.ts`: embedded FHIR server, demo EHR), mounted at the root. */
  demoRouter?: Router;
  /** Built browser pages (SMART app); default `dist/web`. */
  webDir?: string;
  /** Start-up/draining state shared with the entry point (`/readyz`, graceful shutdown); default: ready. */
  lifecycle?: Lifecycle;
  /** Metrics registry; default: a new one for this app. */
  metrics?: Metrics;
  /** The learning store (card ledger, feedback, snooze, shared replay protection); none: nothing is stored. */
  store?: LearningStore;
}

/**
 * Build the express app: no listening, no globals. Everything variable comes in through `config` and
 * `options`; the app only composes the routers of each feature.
 */
export function createApp(config: Config, options: AppOptions = {}): express.Express {
  const logger = options.logger ?? createLogger(config);
  const metrics = options.metrics ?? createMetrics();
  const lifecycle = options.lifecycle ?? new Lifecycle('ready');
  const rules = options.rules ?? allRules;
  validateRules(rules);
  const policy = outboundPolicyOf(config);
  // The default reader caps bytes and entries (per request, and bytes across requests), and checks the
  // addresses a FHIR host resolves to as it connects.
  const defaultReader = () =>
    boundedFetchReader(
      { maxBytes: config.fhirMaxBytes, maxEntries: config.fhirMaxEntries },
      { get: createHttpGet({ lookupFor: (protocol) => checkedLookup(policy, protocol) }), pool: new BytePool(config.fhirBytesInFlight) },
    );
  const now = options.now ?? (() => new Date());
  const learning = learningParts(config, options.store, rules, now, logger);
  const deps: HookDeps = {
    config,
    rules,
    // Every FHIR call passes the outbound check of its URL first, waits for no one (a bounded number of hook
    // requests read at once, one more gets 503) and is timed.
    readerFor: instrumentReader(guardOutbound(policy, limitConcurrentReaders(options.readerFor ?? defaultReader(), config.fhirConcurrentCalls)), metrics),
    now,
    newId: options.newId ?? randomUUID,
    ...(learning.beforeCards ? { beforeCards: learning.beforeCards } : {}),
  };
  const auth = clientAuthFor(config, logger, (reason) => metrics.authFailures.inc({ reason }), undefined, learning.replay);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestId);
  app.use(lifecycle.track);
  app.use(httpTelemetry(metrics, logger));
  app.use(securityHeaders());
  app.use(corsPolicy(config.corsOrigins));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const bodies = new BodiesInFlight(config.bodyBytesInFlight, sizeToBytes(config.jsonBodyLimit));
  app.use(opsRouter({ lifecycle, metrics, metricsToken: config.metricsToken }));
  app.use(
    cdsRoutes({
      discovery: loadServiceDefinitions(),
      deps,
      logger,
      metrics,
      authenticated: auth ? [auth] : [],
      authenticateDiscovery: config.auth.discovery,
      // Hook and feedback bodies share one budget of bytes held at once.
      jsonBody: jsonBody(config.jsonBodyLimit, bodies),
      feedbackBody: jsonBody(FEEDBACK_BODY_LIMIT, bodies),
      learning: learning.edge,
    }),
  );
  app.use(analyticsRouter({ config, store: options.store, now, webDir: options.webDir ?? defaultWebDir() }));
  app.use('/rules', rulesRouter(rules, config));
  app.use(webRouter(config, options.webDir ? { webDir: options.webDir } : {}));
  if (options.demoRouter) app.use(options.demoRouter);

  app.use((req, _res, next) => next(new CdsError('not-found', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
