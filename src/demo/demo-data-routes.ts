import { randomUUID } from 'node:crypto';
import express from 'express';
import type { FhirResource } from 'fhir/r4.js';
import { CdsError } from '../errors.js';
import type { DiscoveryResponse, ServiceDefinition } from '../hooks/cds-types.js';
import { fhirKitReader } from '../fhir-client/fhir-kit-reader.js';
import { FhirReadError } from '../fhir-client/reader.js';
import { fetchPrefetch } from '../hooks/prefetch-template.js';
import { FHIR_ID } from '../domain/ids.js';
import type { DemoPatient } from './demo-data.js';

/** A patient's sample draft orders (the demo EHR's order panel offers the same sets). */
export interface DemoOrderSet {
  id: string;
  orders: FhirResource[];
  selections: string[];
}

export interface DemoDataOptions {
  /** The sample order sets of a patient, first the patient's own drafts when the vignette has some. */
  sampleOrders(patientId: string): DemoOrderSet[];
}

const ORDER_HOOKS = new Set(['order-select', 'order-sign']);

/**
 * The order part of an order service's context: the chosen sample set (`?orders=<id>`, default the first) as
 * `draftOrders`, plus `selections` for order-select. A set that does not exist is a 404 naming those that do.
 */
function orderContext(service: ServiceDefinition, patientId: string, wanted: unknown, options: DemoDataOptions): Record<string, unknown> {
  if (!ORDER_HOOKS.has(service.hook)) return {};
  if (wanted !== undefined && typeof wanted !== 'string') throw new CdsError('bad-request', 'orders must name one sample order set');
  const sets = options.sampleOrders(patientId);
  const set = typeof wanted === 'string' ? sets.find((s) => s.id === wanted) : sets[0];
  if (!set) {
    const known = sets.map((s) => s.id).join(', ') || 'none';
    throw new CdsError('not-found', `No sample order set '${String(wanted)}' for demo patient '${patientId}' (sets: ${known})`);
  }
  const draftOrders = { resourceType: 'Bundle', type: 'collection', entry: set.orders.map((resource) => ({ resource })) };
  return service.hook === 'order-select' ? { selections: set.selections, draftOrders } : { draftOrders };
}

/**
 * Demo-mode helpers for newcomers: which demo patients exist, and a ready-made hook request whose prefetch
 * was filled from the embedded FHIR server exactly as an EHR fills the discovery templates (order services
 * also get the patient's sample draft orders), to post as it is.
 */
export function demoDataRouter(patients: readonly DemoPatient[], discovery: DiscoveryResponse, options: DemoDataOptions): express.Router {
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
    const base = { userId: 'Practitioner/demo', patientId };
    let prefetch: Record<string, unknown>;
    try {
      prefetch = await fetchPrefetch(service, base, (q) => reader.get(q.url, AbortSignal.timeout(5000)));
    } catch (err) {
      if (err instanceof FhirReadError && err.status === 404) throw new CdsError('not-found', `No demo patient '${patientId}'`);
      throw err;
    }
    const context = { ...base, ...orderContext(service, patientId, req.query['orders'], options) };
    res.json({ hook: service.hook, hookInstance: randomUUID(), context, prefetch });
  });
  return router;
}
