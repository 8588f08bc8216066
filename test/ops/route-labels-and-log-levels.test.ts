import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { startDemoMode } from '../../src/demo/demo-mode.js';
import { fhirRoutePattern } from '../../src/fhir-server/route-pattern.js';
import { createLogger } from '../../src/observability/logger.js';
import { service } from '../support/prefetch.js';
import { testConfig } from '../support/test-config.js';

/**
 * What an operator sees for one demo session: static files, the embedded FHIR server and the demo helpers each
 * have their own bounded route label in /metrics (never "(unmatched)" nor a raw path), and the bulk reads
 * (static files, FHIR reads) log at debug, so info stays readable. Failures stay at info.
 */
const V01 = 'v01-kras-g12d-liver';
/** The searches of the patient-view prefetch (the ready-made request runs each once); the rest are reads. */
const PREFETCH_SEARCHES = Object.values(service('patient-view').prefetch ?? {}).filter((q) => q.includes('?')).length;
const lines: { level: number; route?: string; status?: number; method?: string; msg: string }[] = [];
let app: ReturnType<typeof createApp>;
let webDir: string;
let metrics = '';

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'rectal-cds-web-'));
  writeFileSync(join(webDir, 'app.css'), 'body {}');
  const config = testConfig({ logLevel: 'debug' });
  const logger = createLogger(config, { write: (s: string) => void lines.push(JSON.parse(s)) });
  const { router } = await startDemoMode(config, { webDir });
  app = createApp(config, { logger, demoRouter: router, webDir });
  const form = 'application/x-www-form-urlencoded';
  await request(app).get('/smart/assets/app.css').expect(200);
  await request(app).get('/smart/assets/missing.js').expect(404);
  await request(app).get('/fhir/metadata').expect(200);
  await request(app).get(`/fhir/Patient/${V01}`).expect(200);
  await request(app).get(`/fhir/Observation?patient=${V01}`).expect(200);
  await request(app).post('/fhir/Observation/_search').set('Content-Type', form).send(`patient=${V01}`).expect(200);
  await request(app).get('/fhir/Patient/nobody').expect(404);
  await request(app).get('/demo/patients').expect(200);
  await request(app).get(`/demo/requests/rectal-cancer-stage-iv/${V01}`).expect(200);
  await request(app).get('/nowhere').expect(404);
  metrics = (await request(app).get('/metrics').expect(200)).text;
}, 60_000);
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

const count = (method: string, route: string, status: number) =>
  Number(
    metrics
      .split('\n')
      .find((l) => l.startsWith(`cds_http_requests_total{method="${method}",route="${route}",service="",status="${status}"}`))
      ?.split(' ')
      .pop() ?? 0,
  );

test.each<[string, string, number, number]>([
  ['GET', '/smart/assets/*', 200, 1],
  ['GET', '/smart/assets/*', 404, 1],
  ['GET', '/fhir/metadata', 200, 1],
  ['GET', '/fhir/:type/:id', 200, 2], // one read here, the Patient prefetch of the ready-made request
  ['GET', '/fhir/:type/:id', 404, 1],
  ['GET', '/fhir/:type', 200, 1 + PREFETCH_SEARCHES], // one search here, the prefetch searches of the ready-made request
  ['POST', '/fhir/:type/_search', 200, 1],
  ['GET', '/demo/patients', 200, 1],
  ['GET', '/demo/requests/:serviceId/:patientId', 200, 1],
  ['GET', '(unmatched)', 404, 1],
])('/metrics: %s %s %s counted %s time(s) under its own label', (method, route, status, times) => {
  expect(count(method, route, status)).toBe(times);
});

test('no label carries a raw path or an id', () => {
  expect(metrics).not.toContain(V01);
  expect(metrics).not.toMatch(/route="[^"]*(app\.css|missing\.js|Observation|Patient)/);
});

test('static files and FHIR reads log at debug when they succeed; failures and the rest at info', () => {
  const requests = lines.filter((l) => l.msg === 'request');
  const levelOf = (method: string, route: string, status: number) =>
    requests.filter((l) => l.method === method && l.route === route && l.status === status).map((l) => l.level);
  const DEBUG = 20;
  const INFO = 30;
  expect(levelOf('GET', '/smart/assets/*', 200)).toEqual([DEBUG]);
  expect(levelOf('GET', '/fhir/:type/:id', 200)).toEqual([DEBUG, DEBUG]);
  expect(new Set(levelOf('GET', '/fhir/:type', 200))).toEqual(new Set([DEBUG]));
  expect(levelOf('POST', '/fhir/:type/_search', 200)).toEqual([DEBUG]);
  expect(levelOf('GET', '/smart/assets/*', 404)).toEqual([INFO]);
  expect(levelOf('GET', '/fhir/:type/:id', 404)).toEqual([INFO]);
  expect(levelOf('GET', '/demo/patients', 200)).toEqual([INFO]);
  expect(levelOf('GET', '/demo/requests/:serviceId/:patientId', 200)).toEqual([INFO]);
});

test.each([
  ['', ''],
  ['/metadata', '/metadata'],
  ['/Patient', '/:type'],
  ['/Observation?patient=x', '/:type'],
  ['/Observation/_search', '/:type/_search'],
  ['/Patient/p1', '/:type/:id'],
  ['/Patient/p1/_history', '/:type/:id/_history'],
  ['/Patient/p1/_history/3', '/:type/:id/_history/:vid'],
  ['/Patient/p1/Observation', '/:type/:id/*'],
  ['/.well-known/smart-configuration', '/.well-known/*'],
])('FHIR path %p is labelled %p', (path, pattern) => {
  expect(fhirRoutePattern(path)).toBe(pattern);
});
