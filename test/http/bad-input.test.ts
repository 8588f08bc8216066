import nock from 'nock';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { findUnsafeJson } from '../../src/http/json-body.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';

/**
 * Hostile or broken request bodies: every one is a 4xx whose OperationOutcome says what was wrong, and none
 * reaches a handler in a shape that could hurt it (prototype keys, absurd nesting, query injection).
 */
const app = createApp(testConfig());
const URL_ = '/cds-services/rectal-cancer-stage-iv';
const valid = () => patientViewRequest('p1', { prefetch: prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]) });
const raw = (text: string, type = 'application/json') => request(app).post(URL_).set('Content-Type', type).send(text);
const diagnostics = (res: { body: { issue?: { diagnostics?: string }[] } }) => (res.body.issue ?? []).map((i) => i.diagnostics).join(' | ');

/** Splice raw JSON text into a valid request, so the only fault is the one under test. */
const withRaw = (key: string, json: string) => JSON.stringify(valid()).replace(/^\{/, `{"${key}":${json},`);

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)/); // supertest's own server
});
afterAll(() => nock.enableNetConnect());

describe('prototype pollution keys are refused at the parse step (400, path named)', () => {
  test.each<[string, string, RegExp]>([
    ['__proto__ at the top', withRaw('__proto__', '{"polluted":true}'), /the key "__proto__" is not accepted \(at __proto__\)/],
    ['constructor inside context', JSON.stringify({ ...valid(), context: { patientId: 'p1', constructor: { prototype: { polluted: true } } } }), /"constructor" is not accepted \(at context\.constructor\)/],
    ['prototype deep in a prefetch resource', withRaw('x', '[{"a":{"prototype":1}}]'), /"prototype" is not accepted \(at x\[0\]\.a\.prototype\)/],
    ['__proto__ inside a prefetch Bundle entry', JSON.stringify(valid()).replace('"resourceType":"Patient"', '"__proto__":{"isAdmin":true},"resourceType":"Patient"'), /"__proto__" is not accepted \(at prefetch\.patient\.__proto__\)/],
  ])('%s', async (_name, body, message) => {
    const res = await raw(body).expect(400);
    expect(diagnostics(res)).toMatch(message);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  test('the same check guards the feedback endpoint', async () => {
    const res = await request(app).post(`${URL_}/feedback`).set('Content-Type', 'application/json').send('{"feedback":[{"__proto__":{"x":1}}]}').expect(400);
    expect(diagnostics(res)).toMatch(/feedback\[0\]\.__proto__/);
  });

  test('findUnsafeJson: clean FHIR-shaped data passes', () => {
    expect(findUnsafeJson(valid())).toBeUndefined();
  });
});

describe('absurd nesting is refused before any handler walks it', () => {
  test('100 levels: 400 naming the limit', async () => {
    const res = await raw(withRaw('deep', '['.repeat(100) + ']'.repeat(100))).expect(400);
    expect(diagnostics(res)).toMatch(/nested more than 64 levels deep/);
  });

  test('100,000 levels: still a 400, never a stack overflow', async () => {
    const res = await raw(withRaw('deep', '['.repeat(100_000) + ']'.repeat(100_000)));
    expect(res.status).toBe(400);
    expect(diagnostics(res)).toMatch(/nested more than 64 levels|not valid JSON/);
  });
});

describe('strict JSON and content types', () => {
  test.each<[string, string, string, number, RegExp]>([
    ['a top-level array', '[1,2]', 'application/json', 400, /must be a JSON object/],
    ['a bare string', '"hello"', 'application/json', 400, /not valid JSON/],
    ['NaN, which JSON does not have', '{"hook": NaN}', 'application/json', 400, /not valid JSON/],
    ['a trailing comma', '{"hook": "patient-view",}', 'application/json', 400, /not valid JSON/],
    ['a form post', 'hook=patient-view', 'application/x-www-form-urlencoded', 400, /must be a JSON object/],
    ['a non-UTF-8 charset', '{}', 'application/json; charset=latin1', 415, /UTF-8/],
    ['an empty body', '', 'application/json', 400, /Invalid CDS Hooks request \| hook: /],
  ])('%s', async (_name, body, type, status, message) => {
    const res = await raw(body, type).expect(status);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(diagnostics(res)).toMatch(message);
  });

  test('application/fhir+json style types are JSON too', async () => {
    await raw(JSON.stringify(valid()), 'application/cds+json').expect(200);
  });
});

describe('unknown things, per the spec', () => {
  test('unknown top-level fields and extensions are ignored: 200', async () => {
    await request(app)
      .post(URL_)
      .send({ ...valid(), extension: { 'com.example.flag': true }, somethingNew: [1, 2, 3] })
      .expect(200);
  });

  test('an unknown hook at this service: 400 naming both hooks', async () => {
    const res = await request(app).post(URL_).send({ ...valid(), hook: 'order-dispatch' }).expect(400);
    expect(diagnostics(res)).toMatch(/answers the patient-view hook, not order-dispatch/);
  });

  test('an unknown service: 404 naming it', async () => {
    const res = await request(app).post('/cds-services/not-here').send(valid()).expect(404);
    expect(diagnostics(res)).toMatch(/not-here/);
  });
});

describe('ids are validated before they can enter a FHIR query', () => {
  test.each(['p1?_format=xml', 'p1/../Practitioner/x', 'p1%26_include%3D*', 'p1#x', 'a'.repeat(65), ''])('patientId %j: 400, no FHIR call', async (patientId) => {
    const scope = nock('http://ehr.test').get(/.*/).reply(200, {});
    const res = await request(app)
      .post(URL_)
      .send({ ...patientViewRequest('p1', { fhirServer: 'http://ehr.test/fhir' }), context: { patientId } })
      .expect(400);
    expect(diagnostics(res)).toMatch(/context\.patientId/);
    expect(scope.isDone()).toBe(false);
    nock.cleanAll();
  });
});
