import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Bundle, Condition, FhirResource, Observation, Resource } from 'fhir/r4.js';
import { patientIdsIn, searchedPatient } from '../../src/fhir-server/compartments.js';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';
import { NOW } from '../support/now.js';

/**
 * Searches that name one patient run in that patient's own repository. These tests pin down that the
 * answer is the one a search over every stored resource gives.
 */
describe('patientIdsIn', () => {
  it.each<[string, Resource, string[]]>([
    ['a subject reference', { resourceType: 'Observation', subject: { reference: 'Patient/p1' } } as Observation, ['p1']],
    ['a versioned reference', { resourceType: 'Observation', subject: { reference: 'Patient/p1/_history/2' } } as Observation, ['p1']],
    ['references in extensions and backbone elements', {
      resourceType: 'Observation',
      extension: [{ url: 'x', valueReference: { reference: 'Patient/p2' } }],
      performer: [{ reference: 'Patient/p3' }],
    } as Observation, ['p2', 'p3']],
    ['a Patient itself and a contained Patient', {
      resourceType: 'Patient', id: 'p4', contained: [{ resourceType: 'Patient', id: 'inner' }],
    } as Resource, ['p4', 'inner']],
    ['no patient at all', { resourceType: 'Observation', subject: { reference: 'Group/g1' }, note: [{ text: 'Patient' }] } as Observation, []],
  ])('finds %s', (_what, resource, expected) => {
    expect([...patientIdsIn(resource)].sort()).toEqual(expected.sort());
  });
});

describe('searchedPatient', () => {
  beforeAll(() => createEmbeddedFhirServer()); // indexes the search parameters it looks up

  it.each<[string, string, string | undefined]>([
    ['Observation', 'patient=Patient/p1&code=http://loinc.org|2039-6', 'p1'],
    ['Observation', 'code=http://loinc.org|2039-6&subject=Patient/p1', 'p1'],
    ['Condition', 'patient=Patient/p1,Patient/p2', undefined], // either patient: crosses compartments
    ['Observation', 'patient:missing=true', undefined],
    ['Observation', '_compartment=Patient/p1', undefined], // Medplum also matches it by suffix
    ['Observation', 'performer=Practitioner/d1', undefined],
    ['Observation', 'code=Patient/p1', undefined], // a token, not a reference
    ['Observation', 'subject=Patient/p1/_history/1', undefined],
    ['Observation', 'status=final', undefined],
  ])('%s?%s -> %s', (resourceType, query, expected) => {
    expect(searchedPatient(resourceType, new URLSearchParams(query))).toBe(expected);
  });
});

describe('embedded FHIR server: compartment searches answer as a search over everything', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const fhir = await createEmbeddedFhirServer();
    for (const s of allScenarios) {
      await fhir.load({ resourceType: 'Bundle', type: 'collection', entry: s.record(NOW).map((resource) => ({ resource })) });
    }
    const app = express();
    app.use('/fhir', fhir.router);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function search(query: string): Promise<{ total?: number; ids: string[]; next?: string }> {
    const res = await fetch(`${baseUrl}/${query}`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle;
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    return { total: bundle.total, ids: (bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`), ...(next ? { next } : {}) };
  }

  /** `patient=X,X` means the same as `patient=X` but names no single compartment, so it scans everything. */
  const unrouted = (query: string, patientId: string): string => query.replace(`patient=${patientId}`, `patient=${patientId},${patientId}`);

  // Every prefetch query of the service, plus paging and sorting, for a spread of demo patients.
  const templates = Object.values(loadServiceDefinitions().services[0]?.prefetch ?? {}).filter((t) => t.includes('?'));
  const extra = [
    'Observation?patient={{context.patientId}}&_count=3&_offset=2',
    'Observation?patient={{context.patientId}}&_sort=-date&_count=5',
    'MedicationAdministration?patient={{context.patientId}}&status=completed',
  ];
  const patients = allScenarios.filter((_, i) => i % 7 === 0).map((s) => s.patientId);

  it.each(patients)('patient %s: same totals, entries and order', async (patientId) => {
    let nonEmpty = 0;
    for (const template of [...templates, ...extra]) {
      const query = template.replaceAll('{{context.patientId}}', patientId);
      const routed = await search(query);
      const everything = await search(unrouted(query, patientId));
      expect({ query, total: routed.total, ids: routed.ids }).toEqual({ query, total: everything.total, ids: everything.ids });
      expect(routed.next === undefined).toBe(everything.next === undefined);
      if (routed.ids.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(2); // the comparison saw real data, not only empty pages
  });

  it('finds nothing for a patient nobody mentions', async () => {
    expect((await search('Observation?patient=nobody-at-all')).total).toBe(0);
  });

  it('moves a resource between compartments when an update changes its patient', async () => {
    const put = async (condition: Condition) => {
      const transaction: Bundle<FhirResource> = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: condition, request: { method: 'PUT', url: `Condition/${condition.id}` } }],
      };
      const res = await fetch(baseUrl, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(transaction) });
      expect(res.status).toBe(200);
    };
    const condition = (patientId: string): Condition => ({
      resourceType: 'Condition', id: 'moving-condition', code: { text: 'x' }, subject: { reference: `Patient/${patientId}` },
    });
    await put(condition('mover-a'));
    expect((await search('Condition?patient=mover-a')).ids).toEqual(['Condition/moving-condition']);
    await put(condition('mover-b'));
    expect((await search('Condition?patient=mover-a')).ids).toEqual([]);
    expect((await search('Condition?patient=mover-b')).ids).toEqual(['Condition/moving-condition']);
    expect((await search('Condition?_id=moving-condition')).total).toBe(1);
  });
});
