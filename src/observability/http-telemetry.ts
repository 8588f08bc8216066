import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

/** Paths probed often enough that logging each call would drown the rest; still counted. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);
const SAFE_HOOK_INSTANCE = /^[A-Za-z0-9._:-]{1,64}$/;

/** The matched route pattern (bounded), never the raw path (which may carry ids). */
function routeOf(req: Request, res: Response): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  const labelled = res.locals['route'];
  return typeof labelled === 'string' ? labelled : '(unmatched)';
}

/** How loud a request's log line is when it succeeds (failures are always logged at info). */
export type RequestLogLevel = 'info' | 'debug';

/**
 * Name a request that no express route pattern names (static files, a mounted FHIR server): `route` must be a
 * pattern from a fixed set, never the raw path. `level: 'debug'` for high-volume reads that drown the rest.
 */
export function labelRoute(res: Response, route: string, level: RequestLogLevel = 'info'): void {
  res.locals['route'] = route;
  res.locals['logLevel'] = level;
}

/** Middleware form of `labelRoute`, for a router or static handler mounted at a path. */
export function routeLabel(route: string | ((req: Request) => string), level: RequestLogLevel | ((req: Request) => RequestLogLevel) = 'info'): RequestHandler {
  return (req, res, next) => {
    labelRoute(res, typeof route === 'string' ? route : route(req), typeof level === 'string' ? level : level(req));
    next();
  };
}

/** Hook routes name their service here (only registered ids) so metrics and logs can say which. */
export function labelService(res: Response, serviceId: string): void {
  res.locals['service'] = serviceId;
}

/** Remember the hook instance for the request log, if it looks like an id (it is caller-controlled text). */
export function labelHookInstance(res: Response, hookInstance: unknown): void {
  if (typeof hookInstance === 'string' && SAFE_HOOK_INSTANCE.test(hookInstance)) res.locals['hookInstance'] = hookInstance;
}

/**
 * Fields a route adds to its request's one log line (the hook routes: what the call read and which rules fired),
 * instead of writing a line of its own. Bounded, PHI-free values only, as for the rest of the line.
 */
export function addLogFields(res: Response, fields: Record<string, unknown>): void {
  res.locals['logFields'] = fields;
}

/**
 * One log line and one metrics observation per request, when its response is done: request id, method,
 * route pattern, service, hook instance, status and time. No bodies, no headers, no query strings: no PHI
 * and no tokens.
 */
export function httpTelemetry(metrics: Metrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    const started = performance.now();
    // 'close' fires for finished and abandoned responses alike; 499 marks a client that hung up first.
    res.once('close', () => {
      const route = routeOf(req, res);
      const service = typeof res.locals['service'] === 'string' ? res.locals['service'] : '';
      const code = res.writableFinished ? res.statusCode : 499;
      const status = String(code);
      end({ route, service, status });
      metrics.httpRequests.inc({ method: req.method, route, service, status });
      const line = {
        reqId: req.id,
        method: req.method,
        route,
        ...(service ? { service } : {}),
        ...(res.locals['hookInstance'] ? { hookInstance: res.locals['hookInstance'] } : {}),
        status: code,
        ms: Math.round(performance.now() - started),
        ...(res.locals['logFields'] as Record<string, unknown> | undefined),
      };
      const quiet = QUIET.has(req.path) || (res.locals['logLevel'] === 'debug' && code < 400);
      if (quiet) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}
