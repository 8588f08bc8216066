import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import type { Config } from '../config.js';
import { DEMO_AUTHORIZE_PATH, demoAuthRouter } from '../demo-ehr/demo-auth.js';
import { sampleOrderSets } from '../demo-ehr/sample-orders.js';
import { CdsError } from '../errors.js';
import { projectFile } from '../project-files.js';
import { smartClientConfig } from '../smart/smart-config.js';
import { pagePolicy } from './security-headers.js';

export interface WebRoutesOptions {
  /** Built browser assets (`npm run build` writes `dist/web`). */
  webDir?: string;
  now?: () => Date;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Demo mode runs on plain http (localhost, a docker network): the page policy's `upgrade-insecure-requests`
 * would turn the SMART redirects into https requests to a server that has no TLS, so demo pages drop it.
 */
function withPlainHttp(demo: boolean, policy: RequestHandler): RequestHandler {
  if (!demo) return policy;
  return (req, res, next) => {
    policy(req, res, (err?: unknown) => {
      const csp = res.getHeader('Content-Security-Policy');
      if (typeof csp === 'string') {
        res.setHeader('Content-Security-Policy', csp.split(';').filter((d) => d.trim() !== 'upgrade-insecure-requests').join(';'));
      }
      next(err);
    });
  };
}

/**
 * The browser pages: the SMART app (`/smart/launch`, `/smart/app`, its assets and `/smart/config.json`) and,
 * in demo mode only, the demo EHR at `/` with its demo SMART authorization server. Pages are built assets;
 * when they are missing the service still runs and the pages answer 503 naming the build command.
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html
 */
export function webRouter(config: Config, options: WebRoutesOptions = {}): express.Router {
  const webDir = options.webDir ?? projectFile('dist/web');
  const now = options.now ?? (() => new Date());
  const demo = config.mode === 'demo';
  const router = express.Router();

  // The app reads the EHR's FHIR server (any https origin; plain http too in demo) and may be framed by the EHR.
  const remote = demo ? ['https:', 'http:'] : ['https:'];
  const smartPolicy = withPlainHttp(demo, pagePolicy({ connectSrc: ["'self'", ...remote], frameAncestors: ["'self'", ...remote] }));
  const demoPolicy = withPlainHttp(demo, pagePolicy({ frameSrc: ["'self'", ...remote] }));

  const page =
    (file: string): RequestHandler =>
    (_req, res) => {
      const path = join(webDir, file);
      if (!existsSync(path)) {
        throw new CdsError('unavailable', `The web pages are not built (${file} missing): run npm run build`);
      }
      res.sendFile(path, { headers: { 'Cache-Control': 'no-store' } });
    };

  router.get('/smart/launch', smartPolicy, page('launch.html'));
  router.get('/smart/app', smartPolicy, page('app.html'));
  router.get('/smart/config.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(smartClientConfig(config));
  });
  router.use('/smart/assets', express.static(webDir, { index: false, maxAge: '5m', dotfiles: 'ignore' }));

  if (demo) {
    router.get('/', demoPolicy, page('demo-ehr.html'));
    router.get('/demo-ehr/sample-orders', (req, res) => {
      const patient = req.query['patient'];
      if (typeof patient !== 'string' || !FHIR_ID.test(patient)) throw new CdsError('bad-request', 'patient must be a FHIR id');
      res.json({ sets: sampleOrderSets(patient, now()) });
    });
    // The authorize redirect happens inside the EHR's frame too: it must be frameable like the app.
    router.get(DEMO_AUTHORIZE_PATH, smartPolicy);
    router.use(demoAuthRouter({ clientId: config.smartClientId, publicBaseUrl: config.publicBaseUrl }));
  }
  return router;
}
