import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { cardFor, patientViewRequest, prefetchFor, rulesOf, sectionFor, service } from '../support/prefetch.js';
import { NOW } from '../support/now.js';

/**
 * The chart-review cards of RC-06..RC-16, RC-E2, RC-E3, RC-E6 as the EHR receives them: the real app, the
 * scenario record as prefetch. Checks what a card carries beyond its id: orders, indicators, evidence, modes.
 */
const svc = service('patient-view');
const apps = {
  extended: createApp(testConfig({ ruleSet: 'extended' }), { now: () => NOW }),
  'seed-only': createApp(testConfig({ ruleSet: 'seed-only' }), { now: () => NOW }),
};

interface CardJson {
  summary: string;
  detail: string;
  indicator: string;
  source: { url: string; topic: { system: string; code: string; display: string } };
  suggestions?: { label: string; actions: { type: string; resource?: Record<string, unknown> }[] }[];
  overrideReasons?: { system: string; code: string }[];
}

async function cardsFor(id: string, mode: keyof typeof apps = 'extended'): Promise<CardJson[]> {
  const scenario = scenarioById(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const body = patientViewRequest(scenario.patientId, { prefetch: prefetchFor(svc, scenario.record(NOW)) });
  const res = await request(apps[mode]).post(`/cds-services/${svc.id}`).send(body).expect(200);
  return res.body.cards as CardJson[];
}
const card = (cards: CardJson[], rule: string) => cards.find((c) => c.source.topic.code === rule);

test('RC-10 (V40): one suggestion creating draft ServiceRequests for a restaging CT and a serum CEA', async () => {
  const c = card(await cardsFor('V40'), 'RC-10');
  expect(c?.indicator).toBe('info');
  const actions = c?.suggestions?.[0]?.actions ?? [];
  expect(actions.map((a) => a.type)).toEqual(['create', 'create']);
  const codes = actions.map((a) => (a.resource?.code as { coding: { system: string; code: string }[] }).coding[0]);
  expect(codes).toEqual([
    expect.objectContaining({ system: 'http://snomed.info/sct', code: '77477000' }),
    expect.objectContaining({ system: 'http://loinc.org', code: '2039-6' }),
  ]);
  for (const a of actions) {
    expect(a.resource).toEqual(expect.objectContaining({ resourceType: 'ServiceRequest', status: 'draft', subject: { reference: 'Patient/v40-not-restaged' } }));
  }
});

test.each<[string, string, string]>([
  ['V08', 'RC-06', 'critical'],
  ['V10', 'RC-07', 'warning'],
  ['V21', 'RC-12', 'warning'],
  ['V24', 'RC-15', 'warning'],
])('%s %s is %s and offers override reasons', async (id, rule, indicator) => {
  const c = card(await cardsFor(id), rule);
  expect(c?.indicator).toBe(indicator);
  expect(c?.overrideReasons?.length).toBeGreaterThan(0);
  expect(c?.overrideReasons?.every((r) => r.system === 'urn:rectal-cds:override-reason')).toBe(true);
});

test.each<[string, string, RegExp]>([
  ['V34', 'RC-E2', /BREAKWATER \(Elez, NEJM 2025\); BEACON \(Kopetz, NEJM 2019\)/],
  ['V19', 'RC-E3', /KEYNOTE-177/],
  ['V36', 'RC-E6', /MOUNTAINEER/],
  ['V23', 'RC-13', /no graded level · guideline summary, 2025 · SUNLIGHT/],
  ['V15', 'RC-08', /level III-A · NCI PDQ, Rectal Cancer Treatment \(HP\)/],
])('%s %s names its evidence in the card', async (id, rule, evidence) => {
  const c = cardFor(await cardsFor(id), rule);
  const section = c ? sectionFor(c, rule) : undefined;
  expect(section).toMatch(evidence);
  expect(section).toMatch(/\*\*Based on\*\*/);
  // Evidence for a clinician: never the patient-education page or the seed numbers.
  expect(c?.detail).not.toMatch(/WebMD|patient guide|seeds? \d{3}/i);
  expect(c?.source.topic).toEqual(expect.objectContaining({ system: 'urn:rectal-cds:rule', code: rulesOf(c!)[0] }));
  expect(c?.summary.length).toBeLessThan(140);
});

test('the "based on" lines carry dates and source resources (V21: progression on FOLFOX-bevacizumab)', async () => {
  const c = card(await cardsFor('V21'), 'RC-12');
  expect(c?.detail).toMatch(/- Line 1: FOLFOX \+ bevacizumab, 13 cycles, ongoing, \d{4}-\d{2}-\d{2}/);
  expect(c?.detail).toMatch(/- Disease status: worsened \(progression\), \d{4}-\d{2}-\d{2} \(Observation\/[\w-]+\)/);
  expect(c?.detail).toMatch(/- CEA: rising to 25 ng\/mL, nadir 5, \d{4}-\d{2}-\d{2} \(Observation\/[\w-]+\)/);
});

test('modes differ where the vignettes say: V34 seed-only keeps RC-12 without RC-E2; V23 seed-only lists no ext agents', async () => {
  const seed34 = (await cardsFor('V34', 'seed-only')).map((c) => c.source.topic.code);
  expect(seed34).toContain('RC-12');
  expect(seed34).not.toContain('RC-E2');
  const seed23 = card(await cardsFor('V23', 'seed-only'), 'RC-13');
  expect(seed23?.detail).not.toMatch(/Regorafenib|Fruquintinib|Trifluridine/);
  const ext23 = card(await cardsFor('V23'), 'RC-13');
  expect(ext23?.detail).toMatch(/Regorafenib/);
});

test('no card on a KRAS-mutant patient names an anti-EGFR antibody as a choice (V21, V23, V35)', async () => {
  for (const id of ['V21', 'V23', 'V35']) {
    for (const c of await cardsFor(id)) {
      expect([id, c.source.topic.code, c.summary]).not.toEqual([id, c.source.topic.code, expect.stringMatching(/cetuximab|panitumumab|anti-EGFR/i)]);
      expect([id, c.source.topic.code, c.detail]).not.toEqual([id, c.source.topic.code, expect.stringMatching(/\*\*(cetuximab|panitumumab)|or an anti-EGFR/i)]);
    }
  }
});
