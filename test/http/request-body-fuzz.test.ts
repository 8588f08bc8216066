import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import type { DiscoveryResponse, ServiceDefinition } from '../../src/hooks/cds-types.js';

/**
 * Fuzzing request bodies against every service that discovery lists at run time (so services added later
 * are covered too) and their feedback endpoints: whatever arrives, the answer is never a 5xx. No fhirServer
 * is sent, so the whole path runs — validation, prefetch classification, mapping, rules, cards — offline.
 */
const app = createApp(testConfig({ fhirTimeoutMs: 200 }));
let services: ServiceDefinition[] = [];

beforeAll(async () => {
  services = ((await request(app).get('/cds-services').expect(200)).body as DiscoveryResponse).services;
  expect(services.length).toBeGreaterThan(0);
});

/** `system|code` pairs the services ask for in their templates: fuzzed resources hit the codes rules read. */
function templateCodes(): { system: string; code: string }[] {
  const out: { system: string; code: string }[] = [];
  for (const s of services) {
    for (const t of Object.values(s.prefetch ?? {})) {
      for (const m of t.matchAll(/(https?:\/\/[^|,&]+|urn:[^|,&]+)\|([^,&]+)/g)) out.push({ system: m[1]!, code: m[2]! });
    }
  }
  return out.length > 0 ? out : [{ system: 'http://loinc.org', code: '2039-6' }];
}

const RESOURCE_TYPES = [
  'Patient', 'Condition', 'Observation', 'MedicationRequest', 'MedicationAdministration', 'MedicationStatement', 'Procedure',
  'ServiceRequest', 'DiagnosticReport', 'ImagingStudy', 'CarePlan', 'Encounter', 'OperationOutcome', 'Bundle',
];

/** Each field is either a plausible FHIR value or anything JSON can carry (type confusion on purpose). */
function fhirResource(patientId: fc.Arbitrary<string>) {
  const codes = templateCodes();
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const coding = fc.oneof(fc.constantFrom(...codes), fc.record({ system: fc.string(), code: fc.string() }));
  const codeableConcept = fc.record({ coding: fc.array(maybe(coding), { maxLength: 3 }), text: fc.string() }, { requiredKeys: [] });
  const date = fc.oneof(
    fc.date({ min: new Date('1990-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2024', '2024-02', '2024-02-30', 'not a date', ''),
  );
  return fc.record(
    {
      resourceType: fc.constantFrom(...RESOURCE_TYPES),
      id: fc.oneof(patientId, fc.string({ maxLength: 70 })),
      status: maybe(fc.constantFrom('final', 'amended', 'entered-in-error', 'cancelled', 'active', 'completed', 'stopped', 'unknown')),
      verificationStatus: maybe(codeableConcept),
      clinicalStatus: maybe(codeableConcept),
      subject: maybe(fc.record({ reference: fc.oneof(patientId.map((p) => `Patient/${p}`), fc.string()) })),
      code: maybe(codeableConcept),
      category: maybe(fc.array(codeableConcept, { maxLength: 2 })),
      valueQuantity: maybe(fc.record({ value: fc.oneof(fc.double({ noNaN: true }), fc.integer()), unit: fc.string() }, { requiredKeys: [] })),
      valueCodeableConcept: maybe(codeableConcept),
      valueString: maybe(fc.string()),
      effectiveDateTime: maybe(date),
      onsetDateTime: maybe(date),
      authoredOn: maybe(date),
      performedDateTime: maybe(date),
      birthDate: maybe(date),
      bodySite: maybe(fc.array(codeableConcept, { maxLength: 2 })),
      component: maybe(fc.array(fc.record({ code: codeableConcept, valueCodeableConcept: codeableConcept }, { requiredKeys: [] }), { maxLength: 2 })),
      medicationCodeableConcept: maybe(codeableConcept),
      stage: maybe(fc.array(fc.record({ summary: codeableConcept }, { requiredKeys: [] }), { maxLength: 2 })),
      extension: maybe(fc.array(fc.record({ url: fc.string(), valueString: fc.string() }), { maxLength: 2 })),
    },
    { requiredKeys: ['resourceType'] },
  );
}

function hookRequest(svc: ServiceDefinition) {
  return fc.constantFrom('p1', 'pat-2', 'A.b-3').chain((pid) => {
    const patientId = fc.constant(pid);
    const resource = fhirResource(patientId);
    const bundle = fc.record({ resourceType: fc.constant('Bundle'), type: fc.constantFrom('searchset', 'collection'), entry: fc.array(fc.record({ resource: maybeAnything(resource) }), { maxLength: 8 }) });
    const prefetchValue = fc.oneof({ weight: 20, arbitrary: bundle }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: resource }, fc.jsonValue({ maxDepth: 3 }));
    // Order hooks: draft orders for this patient, with fuzzed contents, and a selection among them.
    const order = (resourceType: string, id: string) =>
      resource.map((r) => ({ ...r, resourceType, id, subject: { reference: `Patient/${pid}` }, intent: 'order', status: 'draft' }));
    const draftOrders = fc
      .tuple(order('MedicationRequest', 'd1'), order('ServiceRequest', 'd2'))
      .map(([a, b]) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: a }, { resource: b }] }));
    const selections = fc.subarray(['MedicationRequest/d1', 'ServiceRequest/d2'], { minLength: 1 });
    // The patient read mostly matches the context, so most runs get past validation into mapping and rules.
    const patient = fc.oneof({ weight: 8, arbitrary: fc.record({ resourceType: fc.constant('Patient'), id: patientId, gender: fc.string(), birthDate: fc.string() }) }, prefetchValue);
    const keys = Object.keys(svc.prefetch ?? {});
    return fc.record(
      {
        hook: fc.oneof({ weight: 8, arbitrary: fc.constant(svc.hook) }, fc.string()),
        hookInstance: fc.oneof({ weight: 8, arbitrary: fc.uuid() }, fc.string()),
        context: fc.oneof(
          { weight: 8, arbitrary: fc.record(
            { patientId: fc.oneof({ weight: 8, arbitrary: patientId }, fc.string()), userId: fc.string(), encounterId: fc.string(), draftOrders: maybeAnything(draftOrders), selections: maybeAnything(selections) },
            { requiredKeys: ['patientId'] },
          ) },
          fc.jsonValue({ maxDepth: 2 }),
        ),
        prefetch: fc.oneof(
          { weight: 8, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, k === 'patient' ? patient : prefetchValue]))) },
          fc.jsonValue({ maxDepth: 3 }),
        ),
      },
      { requiredKeys: ['hook', 'hookInstance', 'context', 'prefetch'] },
    );
  });
}

function maybeAnything<T>(a: fc.Arbitrary<T>) {
  return fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

const never5xx = (status: number, body: unknown, sent: unknown) => {
  if (status >= 500) throw new Error(`HTTP ${status} for ${JSON.stringify(sent).slice(0, 2000)}\n-> ${JSON.stringify(body).slice(0, 500)}`);
};

describe('request-body fuzzing: never a 5xx', () => {
  test('structured hook requests (mostly valid envelopes, hostile contents) at every service', async () => {
    const statuses = new Map<number, number>();
    for (const svc of services) {
      await fc.assert(
        fc.asyncProperty(hookRequest(svc), async (body) => {
          const res = await request(app).post(`/cds-services/${svc.id}`).send(body);
          never5xx(res.status, res.body, body);
          expect([200, 400, 412]).toContain(res.status);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
        { numRuns: 100 },
      );
    }
    // The generator reaches the whole pipeline (cards answered), not only the validators.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(services.length * 15);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
  }, 120_000);

  test('any JSON value as the body, at every service and its feedback endpoint', async () => {
    for (const svc of services) {
      for (const path of [`/cds-services/${svc.id}`, `/cds-services/${svc.id}/feedback`]) {
        await fc.assert(
          fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
            const res = await request(app).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));
            never5xx(res.status, res.body, body);
          }),
          { numRuns: 100 },
        );
      }
    }
  });

  test('arbitrary text sent as JSON', async () => {
    for (const svc of services) {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
          const res = await request(app).post(`/cds-services/${svc.id}`).set('Content-Type', 'application/json').send(text);
          never5xx(res.status, res.body, text);
        }),
        { numRuns: 100 },
      );
    }
  });
});
