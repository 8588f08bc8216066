import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Bundle, FhirResource } from 'fhir/r4.js';
import { createEmbeddedFhirServer } from '../../src/fhir-server/embedded-fhir-server.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';

/**
 * The embedded FHIR server answers the discovery templates for the resource types the mapper now reads
 * (EpisodeOfCare, DocumentReference, every Encounter) in the patient's compartment, and only for that patient.
 */

const patientRef = (id: string) => ({ reference: `Patient/${id}` });
const resources = (pid: string): FhirResource[] => [
  { resourceType: 'Patient', id: pid },
  { resourceType: 'EpisodeOfCare', id: `${pid}-hospice`, status: 'active', type: [{ text: 'Hospice' }], patient: patientRef(pid), period: { start: '2026-05-01' } },
  { resourceType: 'DocumentReference', id: `${pid}-board-note`, status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '85232-7' }] }, subject: patientRef(pid), content: [{ attachment: { contentType: 'text/plain' } }] },
  { resourceType: 'DocumentReference', id: `${pid}-progress-note`, status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] }, subject: patientRef(pid), content: [{ attachment: { contentType: 'text/plain' } }] },
  { resourceType: 'Encounter', id: `${pid}-board`, status: 'finished', class: { code: 'AMB' }, type: [{ coding: [{ system: 'urn:oid:1.2.840.114350.1.13.0.1.7.10.698084.30', code: '1047' }], text: 'TUMOR BOARD' }], subject: patientRef(pid) },
  { resourceType: 'Encounter', id: `${pid}-office`, status: 'finished', class: { code: 'AMB' }, type: [{ text: 'Office Visit' }], subject: patientRef(pid) },
];

describe('embedded FHIR server: the new prefetch resource types', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const fhir = await createEmbeddedFhirServer();
    await fhir.load({ resourceType: 'Bundle', type: 'collection', entry: [...resources('gc-1'), ...resources('gc-2')].map((resource) => ({ resource })) });
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

  const templates = (hook: string) => Object.entries(loadServiceDefinitions().services.find((s) => s.hook === hook)?.prefetch ?? {});

  async function ids(query: string): Promise<string[]> {
    const res = await fetch(`${baseUrl}/${query}`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle;
    return (bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`).sort();
  }

  test.each(['patient-view', 'order-select', 'order-sign'])('%s templates: EpisodeOfCare and every Encounter of the patient', async (hook) => {
    const byKey = Object.fromEntries(templates(hook));
    expect(await ids((byKey['episodesOfCare'] as string).replace('{{context.patientId}}', 'gc-1'))).toEqual(['EpisodeOfCare/gc-1-hospice']);
    expect(await ids((byKey['encounters'] as string).replace('{{context.patientId}}', 'gc-1'))).toEqual(['Encounter/gc-1-board', 'Encounter/gc-1-office']);
  });

  test('patient-view: the tumour board notes of the patient, not its other notes', async () => {
    const template = Object.fromEntries(templates('patient-view'))['documentReferences'] as string;
    expect(await ids(template.replace('{{context.patientId}}', 'gc-2'))).toEqual(['DocumentReference/gc-2-board-note']);
  });
});
