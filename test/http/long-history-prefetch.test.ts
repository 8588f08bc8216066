import request from 'supertest';
import type { Bundle, Observation } from 'fhir/r4.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { testConfig } from '../support/test-config.js';
import { aCeaResult } from '../../src/fixtures/builders/observations.js';
import { fixtureContext } from '../../src/fixtures/builders/context.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { cardIds, patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { NOW } from '../support/now.js';

/**
 * Long histories arrive as multi-megabyte prefetch bodies: the default body limit must let a record with
 * 10,000 observations through (express's own default, 100 kB, would not) and still refuse abuse.
 */
const defaults = loadConfig({});
const app = createApp(testConfig({ jsonBodyLimit: defaults.jsonBodyLimit }), { now: () => NOW });
const url = '/cds-services/rectal-cancer-stage-iv';
const v01 = scenarioById('V01')!;

function withLongCeaHistory(count: number) {
  const prefetch = prefetchFor(service('patient-view'), v01.record(NOW));
  const ctx = fixtureContext(NOW, v01.patientId, `${v01.patientId}-history`);
  // A CEA every day going back decades, all below the upper normal: history that must not change the cards.
  const history: Observation[] = Array.from({ length: count }, (_, i) => aCeaResult(ctx, { daysAgo: 400 + i, value: 2 + (i % 3) }));
  const observations = prefetch['observations'] as Bundle;
  observations.entry = [...(observations.entry ?? []), ...history.map((resource) => ({ resource }))];
  return patientViewRequest(v01.patientId, { prefetch });
}

test('a 10,000-observation record passes the default body limit and gets the same cards', async () => {
  const body = withLongCeaHistory(10_000);
  const size = Buffer.byteLength(JSON.stringify(body));
  expect(size).toBeGreaterThan(5 * 1024 * 1024);
  const res = await request(app).post(url).send(body).expect(200);
  expect(cardIds(res.body)).toEqual(expect.arrayContaining(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']));
});

test('a body beyond the default limit is refused with 413', async () => {
  const body = { ...patientViewRequest(v01.patientId), padding: 'x'.repeat(40 * 1024 * 1024) };
  const res = await request(app).post(url).send(body).expect(413);
  expect(res.body.resourceType).toBe('OperationOutcome');
});
