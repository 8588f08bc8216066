import request from 'supertest';
import { createApp } from '../../src/app.js';
import { allRules } from '../../src/engine/rules/index.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { EXPLAIN_EXTENSION } from '../../src/hooks/run-hook.js';
import { NOW } from '../support/case-builder.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { testConfig } from '../support/test-config.js';

/** `?explain=true` on a hook call: each rule's verdict for operators; never for ordinary callers. */
const url = '/cds-services/rectal-cancer-stage-iv';
const v01 = scenarioById('V01')!;
const body = () => patientViewRequest(v01.patientId, { prefetch: prefetchFor(service('patient-view'), v01.record(NOW)) });
const TOKEN = 'operator-token-of-sufficient-length';

describe('demo mode', () => {
  const app = createApp(testConfig(), { now: () => NOW });

  test('explain adds every rule\'s verdict beside the same cards', async () => {
    const plain = await request(app).post(url).send(body()).expect(200);
    const explained = await request(app).post(`${url}?explain=true`).send(body()).expect(200);
    expect(explained.body.cards.map((c: { source: { topic: { code: string } } }) => c.source.topic.code)).toEqual(
      plain.body.cards.map((c: { source: { topic: { code: string } } }) => c.source.topic.code),
    );
    const verdicts = explained.body.extension[EXPLAIN_EXTENSION] as { ruleId: string; status: string; condition?: string }[];
    expect(verdicts.find((v) => v.ruleId === 'RC-06')).toMatchObject({ status: 'silent', condition: 'active obstruction or perforation' });
    expect(verdicts.find((v) => v.ruleId === 'RC-02')).toMatchObject({ status: 'fired' });
  });

  test('without the option the answer carries no explanation', async () => {
    const res = await request(app).post(url).send(body()).expect(200);
    expect(res.body.extension).toBeUndefined();
  });
});

describe('production mode', () => {
  const app = createApp(testConfig({ mode: 'production', operatorToken: TOKEN }), { now: () => NOW });

  test('an ordinary caller asking for explain is refused (403), no cards leak with a partial answer', async () => {
    const res = await request(app).post(`${url}?explain=true`).send(body()).expect(403);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].diagnostics).toMatch(/X-Operator-Token/);
  });

  test('a wrong operator token is refused', async () => {
    await request(app).post(`${url}?explain=true`).set('X-Operator-Token', 'not-the-operator-token-at-all').send(body()).expect(403);
  });

  test('the operator token unlocks it', async () => {
    const res = await request(app).post(`${url}?explain=true`).set('X-Operator-Token', TOKEN).send(body()).expect(200);
    expect(res.body.extension[EXPLAIN_EXTENSION]).toHaveLength(allRules.length);
  });

  test('no operator token configured: explain is never available', async () => {
    const closed = createApp(testConfig({ mode: 'production' }), { now: () => NOW });
    await request(closed).post(`${url}?explain=true`).set('X-Operator-Token', TOKEN).send(body()).expect(403);
  });
});
