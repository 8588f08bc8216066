import express from 'express';
import { CdsError } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { Lifecycle } from './lifecycle.js';
import { sameSecret } from './secrets.js';

/**
 * Operations endpoints: `GET /readyz` (200 once start-up is done, 503 while starting or draining, so a load
 * balancer stops sending before shutdown) and `GET /metrics` (Prometheus text; behind a bearer token when
 * `METRICS_TOKEN` is set). `/healthz` (liveness) stays with the app itself.
 */
export function opsRouter(options: { lifecycle: Lifecycle; metrics: Metrics; metricsToken: string | undefined }): express.Router {
  const router = express.Router();
  router.get('/readyz', (_req, res) => {
    const phase = options.lifecycle.phase;
    res.status(phase === 'ready' ? 200 : 503).json({ status: phase, inFlight: options.lifecycle.inFlight });
  });
  router.get('/metrics', async (req, res) => {
    const expected = options.metricsToken;
    if (expected !== undefined) {
      // The scheme is case-insensitive (RFC 7235 §2.1), as on hook calls.
      const given = /^Bearer +(.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (!sameSecret(given, expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new CdsError('unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  return router;
}
