import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { MedicationRequest, Reference } from 'fhir/r4.js';
import {
  GROWTH_CORE_SIZE, GROWTH_PATIENT_ID, REALISTIC_PATIENT_ID, draftOrders, growthRecord, realisticRecord,
} from '../../bench/records.js';
import { prefetchFrom, prefetchResourceCount } from '../../bench/requests.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';
import { NOW } from '../support/now.js';

/** The benchmark records must keep measuring what the README says they measure. */

describe('growthRecord', () => {
  it.each([GROWTH_CORE_SIZE, 9, 10, 100, 1000, 10_000])('has exactly %d resources, unique ids, one patient', (size) => {
    const record = growthRecord(NOW, size);
    expect(record).toHaveLength(size);
    expect(new Set(record.map((r) => `${r.resourceType}/${r.id}`)).size).toBe(size);
    expect(record.filter((r) => r.resourceType === 'Patient').map((r) => r.id)).toEqual([GROWTH_PATIENT_ID]);
  });

  it('grows by CEA results and chemotherapy, half each, all in the past', () => {
    const record = growthRecord(NOW, 1008);
    const count = (type: string) => record.filter((r) => r.resourceType === type).length;
    expect(count('Observation')).toBeGreaterThanOrEqual(500); // CEA, plus the core's observations
    expect(count('MedicationAdministration') + count('MedicationRequest')).toBe(500);
    const dates = record.flatMap((r) => ('effectiveDateTime' in r && r.effectiveDateTime ? [Date.parse(r.effectiveDateTime)] : []));
    expect(Math.max(...dates)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('links each administration to an order of the same record', () => {
    const record = growthRecord(NOW, 500);
    const ids = new Set(record.map((r) => `${r.resourceType}/${r.id}`));
    const links = record.flatMap((r) => (r.resourceType === 'MedicationAdministration' && r.request ? [(r.request as Reference).reference] : []));
    expect(links.length).toBeGreaterThan(100);
    for (const link of links) expect(ids.has(link ?? '')).toBe(true);
  });

  it('refuses a size below its core', () => {
    expect(() => growthRecord(NOW, GROWTH_CORE_SIZE - 1)).toThrow(/at least/);
    expect(() => growthRecord(NOW, 10.5)).toThrow(/at least/);
  });

  it('maps as a stage IV rectal cancer on chemotherapy whatever its size', () => {
    for (const size of [10, 2000]) {
      const c = mapCase(growthRecord(NOW, size), { patientId: GROWTH_PATIENT_ID, now: NOW, rectosigmoidInScope: false });
      expect({ size, scope: c.scope.kind, stageIV: c.stageIV }).toEqual({ size, scope: 'rectal', stageIV: true });
      if (size > 10) expect(c.cea.values.length).toBeGreaterThan(900);
    }
  });
});

describe('realisticRecord', () => {
  const record = realisticRecord(NOW);

  it('is about 200 resources of one stage IV patient treated for 18 months', () => {
    expect(record.length).toBeGreaterThanOrEqual(180);
    expect(record.length).toBeLessThanOrEqual(220);
    const c = mapCase(record, { patientId: REALISTIC_PATIENT_ID, now: NOW, rectosigmoidInScope: false });
    expect(c.scope.kind).toBe('rectal');
    expect(c.stageIV).toBe(true);
    expect(c.therapy.lines.length).toBeGreaterThanOrEqual(2); // FOLFOX-bevacizumab, then FOLFIRI
    expect(c.cea.values.length).toBeGreaterThanOrEqual(20);
    expect(c.biomarkers.kras.status).toBe('mutant');
  });

  it('lies entirely inside the patient-view prefetch, as the EHR would fetch it', async () => {
    const fhir = await createEmbeddedFhirServer();
    await fhir.load({ resourceType: 'Bundle', type: 'collection', entry: record.map((resource) => ({ resource })) });
    const app = express();
    app.use('/fhir', fhir.router);
    const server: Server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
      const service = loadServiceDefinitions().services.find((s) => s.hook === 'patient-view');
      const prefetch = await prefetchFrom(base, service!, { patientId: REALISTIC_PATIENT_ID });
      expect(prefetchResourceCount(prefetch)).toBe(record.length);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('draftOrders', () => {
  it.each([1, 10, 50])('builds %d draft MedicationRequests with their own ids', (count) => {
    const bundle = draftOrders(NOW, count);
    const orders = (bundle.entry ?? []).map((e) => e.resource as MedicationRequest);
    expect(orders).toHaveLength(count);
    expect(new Set(orders.map((o) => o.id)).size).toBe(count);
    for (const order of orders) {
      expect(order).toMatchObject({ resourceType: 'MedicationRequest', status: 'draft', subject: { reference: `Patient/${REALISTIC_PATIENT_ID}` } });
      expect(order.id).toMatch(new RegExp(`^${REALISTIC_PATIENT_ID}-draft-`));
    }
  });
});
