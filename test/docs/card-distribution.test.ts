import { readFileSync } from 'node:fs';
import request from 'supertest';
import { cardDistribution, distributionTable } from '../../scripts/card-distribution.js';
import { createApp } from '../../src/app.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import { projectFile } from '../../src/project-files.js';
import { NOW } from '../support/now.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { testConfig } from '../support/test-config.js';

/**
 * One or two cards at chart open: over every demo patient, the plan layout gives no answer more than one info
 * card and a median of at most two cards, through the real endpoint; and the README's table is what
 * `npm run card-distribution` prints.
 */
const svc = service('patient-view');

test('every demo patient through the real endpoint: at most one info card, the plan card last; median at most 2 cards', async () => {
  const app = createApp(testConfig(), { now: () => NOW });
  const counts: number[] = [];
  for (const s of allScenarios) {
    const res = await request(app).post(`/cds-services/${svc.id}`).send(patientViewRequest(s.patientId, { prefetch: prefetchFor(svc, s.record(NOW)) }));
    expect(res.status).toBe(200);
    const indicators = (res.body.cards as { indicator: string }[]).map((c) => c.indicator);
    expect([s.id, indicators.filter((i) => i === 'info').length <= 1]).toEqual([s.id, true]);
    if (indicators.includes('info')) expect([s.id, indicators.at(-1)]).toEqual([s.id, 'info']);
    counts.push(indicators.length);
  }
  const sorted = counts.sort((a, b) => a - b);
  expect(sorted[Math.floor((sorted.length - 1) / 2)]).toBeLessThanOrEqual(2);
  // The same figures as the table's (which reads the same step in-process).
  const plan = cardDistribution('plan', NOW);
  expect(plan.patients).toBe(allScenarios.length);
  expect(plan.maxInfoCards).toBeLessThanOrEqual(1);
  expect(plan.median).toBeLessThanOrEqual(2);
  expect([...plan.byCount.entries()].reduce((n, [cards, patients]) => n + cards * patients, 0)).toBe(counts.reduce((a, b) => a + b, 0));
});

test("the README's card-distribution table is what `npm run card-distribution` prints", () => {
  const readme = readFileSync(projectFile('README.md'), 'utf8');
  const block = /<!-- card-distribution -->\n([\s\S]*?)\n<!-- \/card-distribution -->/.exec(readme)?.[1];
  expect(block).toBe(distributionTable(NOW));
});
