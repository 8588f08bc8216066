import express from 'express';
import type { Config } from '../config/types.js';
import { createBackendServices, type BackendServices } from '../demo-ehr/backend-services.js';
import { DEMO_AUTHORIZE_PATH, demoAuthRouter } from '../demo-ehr/demo-auth.js';
import { sampleOrderSets } from '../demo-ehr/sample-orders.js';
import { FHIR_ID } from '../domain/ids.js';
import { CdsError } from '../errors.js';
import { createEmbeddedFhirServer, type EmbeddedFhirServer, type EmbeddedFhirServerOptions } from '../fhir-server/embedded-fhir-server.js';
import { fhirRoutePattern, isFhirRead } from '../fhir-server/route-pattern.js';
import { loadServiceDefinitions } from '../hooks/services.js';
import { builtPage, defaultWebDir, pagePolicies } from '../http/web-routes.js';
import { routeLabel } from '../observability/http-telemetry.js';
import { loadDemoPatients, type DemoPatient } from './demo-data.js';
import { demoDataRouter } from './demo-data-routes.js';

/**
 * Demo mode, in one place: the embedded FHIR server with the demo patients, the demo helpers (`/demo`), the
 * demo EHR page (`/`) with its sample orders and its SMART authorization server. The server mounts it only in
 * demo mode and imports it only then, so no demo code or fixture is loaded by a production start.
 */
export interface DemoMode {
  router: express.Router;
  fhir: EmbeddedFhirServer;
  patients: DemoPatient[];
}

export interface DemoOptions {
  webDir?: string;
  now?: () => Date;
  /** The Backend Services side of the demo authorization server (default: from `demoBackendClients`). */
  backendServices?: BackendServices;
  /** Options of the embedded FHIR server (export pacing in tests). */
  fhir?: Omit<EmbeddedFhirServerOptions, 'exportAuthorizer'>;
}

/** Backend Services for the configured demo clients, if any. */
function backendServicesOf(config: Config, options: DemoOptions): BackendServices | undefined {
  if (options.backendServices) return options.backendServices;
  return config.demoBackendClients.length > 0 ? createBackendServices({ clients: config.demoBackendClients }) : undefined;
}

/** The demo EHR page, its sample draft orders and the demo SMART authorization server (no FHIR data). */
export function demoEhrRouter(config: Config, options: DemoOptions = {}): express.Router {
  const webDir = options.webDir ?? defaultWebDir();
  const now = options.now ?? (() => new Date());
  const policies = pagePolicies(config);
  const router = express.Router();
  router.get('/', policies.ehr, builtPage(webDir, 'demo-ehr.html'));
  router.get('/demo-ehr/sample-orders', (req, res) => {
    const patient = req.query['patient'];
    if (typeof patient !== 'string' || !FHIR_ID.test(patient)) throw new CdsError('bad-request', 'patient must be a FHIR id');
    res.json({ sets: sampleOrderSets(patient, now()) });
  });
  // The authorize redirect happens inside the EHR's frame too: it must be frameable like the app.
  router.get(DEMO_AUTHORIZE_PATH, policies.smart);
  const backendServices = backendServicesOf(config, options);
  router.use(demoAuthRouter({ clientId: config.smartClientId, publicBaseUrl: config.publicBaseUrl, ...(backendServices ? { backendServices } : {}) }));
  return router;
}

/** Start demo mode: load every demo patient into a new embedded FHIR server, dated relative to `now`. */
export async function startDemoMode(config: Config, options: DemoOptions = {}): Promise<DemoMode> {
  const now = options.now ?? (() => new Date());
  const backendServices = backendServicesOf(config, options);
  const fhir = await createEmbeddedFhirServer({ ...options.fhir, ...(backendServices ? { exportAuthorizer: backendServices.authorize } : {}) });
  const patients = await loadDemoPatients(fhir, now());
  const router = express.Router();
  // The demo authorization server answers /fhir/.well-known/smart-configuration: before the FHIR router.
  router.use(demoEhrRouter(config, { ...options, ...(backendServices ? { backendServices } : {}) }));
  // FHIR requests have no express route pattern: label each by its interaction; reads are the bulk (the
  // service's own fallback calls, the SMART app), so their log lines are debug.
  router.use(
    '/fhir',
    routeLabel((req) => `/fhir${fhirRoutePattern(req.path)}`, (req) => (isFhirRead(req.method, req.path) ? 'debug' : 'info')),
    fhir.router,
  );
  router.use('/demo', demoDataRouter(patients, loadServiceDefinitions(), { sampleOrders: (patientId) => sampleOrderSets(patientId, now()) }));
  return { router, fhir, patients };
}
