import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { Lifecycle } from '../../src/http/lifecycle.js';
import { cardIds, patientViewRequest } from '../support/prefetch.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';
import { NOW } from '../support/now.js';
const v01 = scenarioById('V01')!;

describe('liveness and readiness', () => {
  test('/healthz is 200 whenever the process answers', async () => {
    const lifecycle = new Lifecycle('starting');
    const app = createApp(testConfig(), { lifecycle });
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    lifecycle.startDraining();
    await request(app).get('/healthz').expect(200);
  });

  test('/readyz: 503 while starting, 200 once ready, 503 again while draining', async () => {
    const lifecycle = new Lifecycle('starting');
    const app = createApp(testConfig(), { lifecycle });
    expect((await request(app).get('/readyz').expect(503)).body).toMatchObject({ status: 'starting' });
    lifecycle.markReady();
    expect((await request(app).get('/readyz').expect(200)).body).toMatchObject({ status: 'ready' });
    lifecycle.startDraining();
    expect((await request(app).get('/readyz').expect(503)).body).toMatchObject({ status: 'draining' });
  });

  test('an app built without a lifecycle (tests, embedding) is ready at once', async () => {
    await request(createApp(testConfig())).get('/readyz').expect(200);
  });
});

describe('Prometheus metrics at /metrics', () => {
  let live: LiveServer;
  let text = '';
  beforeAll(async () => {
    live = await startLiveServer(testConfig(), [v01.record(NOW)], { now: () => NOW });
    const ok = await postJson(`${live.baseUrl}/cds-services/rectal-cancer-stage-iv`, patientViewRequest(v01.patientId, { fhirServer: live.fhirBase }));
    expect(cardIds(ok.body)).toContain('RC-01');
    const failed = await postJson(`${live.baseUrl}/cds-services/rectal-cancer-stage-iv`, patientViewRequest(v01.patientId, { fhirServer: 'http://127.0.0.1:9/fhir' }));
    expect(failed.status).toBe(412);
    const res = await fetch(`${live.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    text = await res.text();
  });
  afterAll(() => live.close());

  const line = (pattern: RegExp) => text.split('\n').find((l) => pattern.test(l));
  const value = (pattern: RegExp) => Number(line(pattern)?.split(' ').pop());

  test('request counts per route, service and status', () => {
    expect(value(/^cds_http_requests_total\{method="POST",route="\/cds-services\/:id",service="rectal-cancer-stage-iv",status="200"\}/)).toBe(1);
    expect(value(/^cds_http_requests_total\{method="POST",route="\/cds-services\/:id",service="rectal-cancer-stage-iv",status="412"\}/)).toBe(1);
  });

  test('latency histograms per service and status', () => {
    expect(value(/^cds_http_request_duration_seconds_count\{route="\/cds-services\/:id",service="rectal-cancer-stage-iv",status="200"\}/)).toBe(1);
    expect(line(/^cds_http_request_duration_seconds_bucket\{le="0\.5",route="\/cds-services\/:id",service="rectal-cancer-stage-iv",status="200"\}/)).toBeDefined();
  });

  test('FHIR call latency and errors', () => {
    // One call per prefetch key on the embedded server; the unreachable server fails each of its calls.
    expect(value(/^cds_fhir_request_duration_seconds_count\{outcome="ok"\}/)).toBeGreaterThanOrEqual(12);
    expect(value(/^cds_fhir_errors_total\{reason="unreachable"\}/)).toBeGreaterThanOrEqual(1);
  });

  test('cards by rule id', () => {
    for (const rule of ['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']) {
      expect(value(new RegExp(`^cds_cards_total\\{service="rectal-cancer-stage-iv",rule="${rule}"\\}`))).toBe(1);
    }
  });

  test('process metrics for memory and the event loop', () => {
    expect(line(/^process_resident_memory_bytes /)).toBeDefined();
    expect(line(/^nodejs_eventloop_lag_seconds /)).toBeDefined();
  });

  test('label values are route patterns, never raw paths with ids', () => {
    expect(text).not.toContain(v01.patientId);
  });
});

describe('METRICS_TOKEN', () => {
  const app = createApp(testConfig({ metricsToken: 'a-long-metrics-token-1234' }));

  test('without the token: 401 saying what is needed', async () => {
    const res = await request(app).get('/metrics').expect(401);
    expect(res.body.issue[0].diagnostics).toMatch(/Bearer <METRICS_TOKEN>/);
  });

  test('with a wrong token: 401', async () => {
    await request(app).get('/metrics').set('Authorization', 'Bearer nope').expect(401);
  });

  test('with the token: 200', async () => {
    const res = await request(app).get('/metrics').set('Authorization', 'Bearer a-long-metrics-token-1234').expect(200);
    expect(res.text).toContain('cds_http_requests_total');
  });
});
