import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { CdsError } from './errors.js';
import { allRules } from './engine/rules/index.js';
import type { Rule } from './engine/types.js';
import { validateRules } from './engine/validate-rules.js';
import { fhirKitReader, type FhirReaderFactory } from './hooks/fhir-reader.js';
import type { HookDeps } from './hooks/hook-deps.js';
import { buildRegistry } from './hooks/registry.js';
import { loadServiceDefinitions } from './hooks/services.js';
import { errorHandler } from './http/error-handler.js';
import { requestId } from './http/request-id.js';
import { rulesRouter } from './http/rules-routes.js';

export interface AppOptions {
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
  readerFor?: FhirReaderFactory;
  rules?: readonly Rule[];
  /** Demo mode: routes for the embedded FHIR server (`/fhir`) and demo helpers, mounted at the root. */
  demoRouter?: Router;
}

/**
 * Build the express app: no listening, no globals. Everything variable comes in through `config` and `options`.
 */
export function createApp(config: Config, options: AppOptions = {}): express.Express {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const rules = options.rules ?? allRules;
  validateRules(rules);
  const discovery = loadServiceDefinitions();
  const registry = buildRegistry(discovery);
  const deps: HookDeps = {
    config,
    rules,
    readerFor: options.readerFor ?? fhirKitReader,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestId);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/cds-services', (_req, res) => {
    res.json(discovery);
  });

  const json = express.json({ limit: config.jsonBodyLimit, strict: true, type: ['application/json', 'application/*+json'] });

  app.post('/cds-services/:id', json, async (req, res) => {
    const service = registry.get(req.params.id ?? '');
    if (!service) throw new CdsError('not-found', `No CDS service with id '${req.params.id}'`);
    const started = performance.now();
    const { response, telemetry } = await service.handler(req.body, service.definition, deps);
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
  app.post('/cds-services/:id/feedback', json, (req, res) => {
    if (!registry.has(req.params.id ?? '')) throw new CdsError('not-found', `No CDS service with id '${req.params.id}'`);
    const feedback = Array.isArray(req.body?.feedback) ? req.body.feedback : [];
    logger.info({ reqId: req.id, service: req.params.id, outcomes: feedback.map((f: { outcome?: unknown }) => f?.outcome) }, 'card feedback');
    res.json({});
  });

  app.use('/rules', rulesRouter(rules));
  if (options.demoRouter) app.use(options.demoRouter);

  app.use((req, _res, next) => next(new CdsError('not-found', `No route for ${req.method} ${req.path}`)));
  app.use(errorHandler(logger));
  return app;
}
