import { randomUUID } from 'node:crypto';
import express from 'express';
import { CdsError } from '../errors.js';
import type { DiscoveryResponse } from '../hooks/cds-types.js';
import { fhirKitReader } from '../fhir-client/fhir-kit-reader.js';
import { FhirReadError } from '../fhir-client/reader.js';
import { fetchPrefetch } from '../hooks/prefetch-template.js';
import { FHIR_ID } from '../domain/ids.js';
import type { DemoPatient } from './demo-data.js';

/**
 * Demo-mode helpers for newcomers: which demo patients exist, and a ready-made hook request whose prefetch
 * was filled from the embedded FHIR server exactly as an EHR fills the discovery templates.
 */
export function demoDataRouter(patients: readonly DemoPatient[], discovery: DiscoveryResponse): express.Router {
  const router = express.Router();
  router.get('/patients', (_req, res) => {
    res.json({ patients });
  });

  router.get('/requests/:serviceId/:patientId', async (req, res) => {
    const service = discovery.services.find((s) => s.id === req.params.serviceId);
    if (!service) throw new CdsError('not-found', `No CDS service with id '${req.params.serviceId}'`);
    const patientId = req.params.patientId ?? '';
    if (!FHIR_ID.test(patientId)) throw new CdsError('bad-request', 'patientId must be a FHIR id');
    const fhirServer = `${req.protocol}://${req.get('host')}/fhir`;
    const reader = fhirKitReader(fhirServer, undefined);
    const context = { userId: 'Practitioner/demo', patientId };
    let prefetch: Record<string, unknown>;
    try {
      prefetch = await fetchPrefetch(service, context, (q) => reader.get(q.url, AbortSignal.timeout(5000)));
    } catch (err) {
      if (err instanceof FhirReadError && err.status === 404) throw new CdsError('not-found', `No demo patient '${patientId}'`);
      throw err;
    }
    res.json({ hook: service.hook, hookInstance: randomUUID(), context, prefetch });
  });
  return router;
}
