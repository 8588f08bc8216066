import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { testConfig } from '../support/test-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { patientViewRequest, prefetchFor, service } from '../support/prefetch.js';
import { NOW } from '../support/now.js';

/** The summary card links to the SMART app (CDS Hooks `links[].type = "smart"`), at a per-deployment URL. */
// V10: a bleeding primary (an RC-07 warning) and the plan card: two cards, the link on the first only.
const v10 = scenarioById('V10')!;
const svc = service('patient-view');
const body = patientViewRequest(v10.patientId, { prefetch: prefetchFor(svc, v10.record(NOW)) });

async function cardsWith(config: ReturnType<typeof testConfig>) {
  const res = await request(createApp(config, { now: () => NOW })).post(`/cds-services/${svc.id}`).send(body);
  expect(res.status).toBe(200);
  return res.body.cards as { links?: { label: string; url: string; type: string; appContext?: string }[]; source: { topic: { code: string } } }[];
}

describe('SMART link in patient-view cards', () => {
  test('the first card carries the configured launch URL and its rule in appContext; no other card has links', async () => {
    const url = 'https://apps.hospital.example/rectal/launch';
    const cards = await cardsWith(testConfig({ smartLaunchUrl: url }));
    expect(cards.length).toBeGreaterThan(1);
    const [first, ...rest] = cards;
    expect(first!.links).toEqual([{ label: expect.any(String), url, type: 'smart', appContext: JSON.stringify({ ruleId: first!.source.topic.code }) }]);
    for (const c of rest) expect(c.links).toBeUndefined();
  });

  test('by default the launch URL is PUBLIC_BASE_URL/smart/launch', async () => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://cds.example.org/', LOG_LEVEL: 'silent' });
    const cards = await cardsWith(config);
    expect(cards[0]!.links?.[0]?.url).toBe('https://cds.example.org/smart/launch');
  });
});
