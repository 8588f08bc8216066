import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { testConfig } from '../support/test-config.js';
import { clientKey, type ClientKey } from '../security/jwt-helpers.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
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

/**
 * The client JWT is attacker-controlled text too: headers and claims with any Unicode, control characters and
 * wrong types, signed by the trusted key or not, and raw Authorization values. Whatever they hold, the answer is
 * never a 5xx, and `WWW-Authenticate` is printable ASCII.
 */
describe('client JWT fuzzing: never a 5xx', () => {
  const ISS = 'https://ehr.test/';
  const PUBLIC = 'https://cds.test';
  const PATH = '/cds-services/rectal-cancer-stage-iv';
  let key: ClientKey;
  let authApp: ReturnType<typeof createApp>;
  const body = patientViewRequest('p1', { prefetch: prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]) });

  beforeAll(async () => {
    key = await clientKey('ES384', 'k1');
    authApp = createApp(loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL: PUBLIC, CDS_TRUSTED_ISSUERS: JSON.stringify([{ iss: ISS, jwks: { keys: [key.publicJwk] } }]) }));
  });

  /** Any text: full Unicode (lone surrogates included), control characters, long. */
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 300 }));
  const anything = fc.oneof({ weight: 3, arbitrary: text }, fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.integer());
  const maybe = <T>(a: fc.Arbitrary<T>, usual: T) => fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: a as fc.Arbitrary<unknown> });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = fc.record(
    {
      iss: maybe(anything, ISS),
      aud: maybe(anything, `${PUBLIC}${PATH}`),
      exp: maybe(anything, 'soon'),
      iat: maybe(anything, 'now'),
      nbf: anything,
      jti: maybe(anything, 'fresh'),
      sub: anything,
      tenant: anything,
    },
    { requiredKeys: ['iss', 'aud', 'exp', 'iat', 'jti'] },
  );
  const header = fc.record({ kid: maybe(anything, 'k1'), jku: anything, typ: anything, x5u: anything, cty: anything }, { requiredKeys: [] });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  /** Placeholders become real values at run time, so most signed tokens get past the time and replay checks. */
  const concrete = (c: Record<string, unknown>) => ({
    ...c,
    ...(c['exp'] === 'soon' ? { exp: now() + 120 } : {}),
    ...(c['iat'] === 'now' ? { iat: now() } : {}),
    ...(c['jti'] === 'fresh' ? { jti: `${Math.random()}` } : {}),
  });

  const checked = async (authorization: string) => {
    const res = await request(authApp).post(PATH).set('Authorization', authorization).send(body);
    never5xx(res.status, res.body, authorization.slice(0, 300));
    const challenge = res.headers['www-authenticate'];
    if (challenge !== undefined) expect(challenge).toMatch(/^[\x20-\x7e]*$/);
    return res.status;
  };

  /** A JWS signed as ES384 by hand: jose's builder would refuse some of these claims before signing. */
  const signed = async (h: Record<string, unknown>, c: Record<string, unknown>) => {
    const input = `${b64({ ...h, alg: 'ES384' })}.${b64(c)}`;
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, key.privateKey, new TextEncoder().encode(input));
    return `${input}.${Buffer.from(signature).toString('base64url')}`;
  };

  test('signed by the trusted key, any header fields and claims', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(header, claims, async (h, c) => {
        const token = await signed(h, concrete(c));
        statuses.add(await checked(`Bearer ${token}`));
      }),
      { numRuns: 200 },
    );
    expect(statuses.has(200)).toBe(true); // the generator reaches acceptance, not only refusals
    expect(statuses.has(401)).toBe(true);
  }, 60_000);

  test('unsigned or forged: any alg, header and claims', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ alg: anything }), header, claims, fc.string({ maxLength: 100 }), async (a, h, c, signature) => {
        await checked(`Bearer ${b64({ ...h, ...a })}.${b64(concrete(c))}.${Buffer.from(signature).toString('base64url')}`);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  test('any Authorization value a client can send (printable ASCII and Latin-1)', async () => {
    const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 400 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(headerText, headerText.map((t) => `Bearer ${t}`), headerText.map((t) => `bearer ${t}.${t}.${t}`)), async (value) => {
        await checked(value);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

/** What the parsers refuse before any handler runs (malformed percent-encoding, broken content-encoding) is a 4xx. */
describe('malformed URLs and encodings: never a 5xx', () => {
  test('any percent-sequence in the path of every route family', async () => {
    const segment = fc.stringMatching(/^(%[0-9A-Fa-f]{0,2}|%[G-Zg-z]{2}|[A-Za-z0-9._~-]){1,12}$/);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/cds-services/', '/cds-services/rectal-cancer-stage-iv/', '/rules/', '/smart/', '/'), segment, async (prefix, tail) => {
        for (const res of [await request(app).post(`${prefix}${tail}`).send({}), await request(app).get(`${prefix}${tail}`)]) never5xx(res.status, res.body, `${prefix}${tail}`);
      }),
      { numRuns: 150 },
    );
  });

  test.each(['gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown'])('Content-Encoding %s with a body that is not so encoded', async (encoding) => {
    const res = await request(app).post('/cds-services/rectal-cancer-stage-iv').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('{"hook":"patient-view"}');
    never5xx(res.status, res.body, encoding);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
