import request from 'supertest';
import { createApp } from '../../src/app.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { AnyRule } from '../../src/engine/rule.js';
import { testConfig } from '../support/test-config.js';
import { patientViewRequest, prefetchFor, rulesOf, service } from '../support/prefetch.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';

/**
 * `GET /rules/{id}` (each card's `source.url`) and `GET /rules`: JSON for programs, as before; a readable
 * page for a browser, with the trigger, recommendation, evidence, sources and thresholds, under its own CSP.
 */
const app = createApp(testConfig());
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const html = (path: string) => request(app).get(path).set('Accept', BROWSER);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('content negotiation', () => {
  test.each([
    ['no Accept header', undefined],
    ['*/*', '*/*'],
    ['application/json', 'application/json'],
    ['a type it cannot give', 'application/xml'],
  ])('%s: JSON, as programs always got it', async (_name, accept) => {
    const r = request(app).get('/rules/RC-02');
    if (accept) r.set('Accept', accept);
    const res = await r.expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['vary']).toMatch(/Accept/);
    expect(res.body).toMatchObject({ id: 'RC-02', title: 'Start first-line systemic therapy', indicator: 'info', evidence: { level: 'I-A', seeds: [{ id: '002' }, { id: '004' }] } });
    expect(res.body.thresholds).toEqual([expect.objectContaining({ name: 'UNTREATED_WARNING_DAYS', value: '42' })]);
  });

  test('a browser gets HTML with a CSP that runs no script and allows only the page\'s own inline style', async () => {
    const res = await html('/rules/RC-02').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/); // demo mode runs on plain http
    expect(res.text).toMatch(/^<!doctype html>/);
  });

  test('the JSON keeps the default API policy (nothing loads)', async () => {
    const res = await request(app).get('/rules/RC-02').expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });
});

describe('the rule page says what a clinician needs', () => {
  test.each(allRules.map((r) => [r.meta.id, r.meta]))('%s: title, indicator, trigger, recommendation, evidence and sources', async (id, rule) => {
    const res = await html(`/rules/${id.toLowerCase()}`).expect(200);
    const json = (await request(app).get(`/rules/${id}`).expect(200)).body;
    expect(res.text).toContain(`<h1 id="rule-title">${esc(rule.id)}: ${esc(rule.title)}</h1>`);
    expect(res.text).toContain(`data-indicator="${rule.defaultIndicator}"`);
    expect(res.text).toContain(`<p data-field="trigger">${esc(rule.trigger)}</p>`);
    expect(res.text).toContain(`<p data-field="recommendation">${esc(rule.recommendation)}</p>`);
    expect(res.text).toContain(`<dt>Level</dt><dd>${esc(rule.evidence.level ?? 'not graded')}</dd>`);
    for (const s of json.evidence.seeds as { id: string; title: string }[]) expect(res.text).toContain(`${esc(s.title)} [seed ${s.id}]`);
    if (rule.evidence.citation) expect(res.text).toContain(`<dt>Citation</dt><dd>${esc(rule.evidence.citation)}</dd>`);
    for (const t of json.thresholds as { name: string; value: string }[]) expect(res.text).toContain(`<td><code>${t.name}</code></td><td>${t.value}</td>`);
    for (const other of [...json.suppresses, ...json.suppressedBy] as string[]) expect(res.text).toContain(`<a href="/rules/${other}">${other}</a>`);
  });

  test('thresholds are those that name the rule: RC-E8 has both maintenance bounds, RC-E1 none of RC-E10\'s', async () => {
    const e8 = (await request(app).get('/rules/RC-E8')).body.thresholds.map((t: { name: string }) => t.name);
    expect(e8).toEqual(['MAINTENANCE_FROM_DAYS', 'MAINTENANCE_TO_DAYS']);
    const e10 = (await request(app).get('/rules/RC-E10')).body.thresholds.map((t: { name: string }) => t.name);
    expect(e10).toEqual(['SURGERY_BEVACIZUMAB_GAP_DAYS']);
    const rc2 = (await request(app).get('/rules/RC-21')).body.thresholds.map((t: { name: string }) => t.name);
    expect(rc2).not.toContain('UNTREATED_WARNING_DAYS');
  });

  test('text from a rule is escaped, never markup', async () => {
    const rc01 = allRules.find((r) => r.meta.id === 'RC-01')!;
    const hostile: AnyRule = { ...rc01, meta: { ...rc01.meta, title: '<img src=x onerror=alert(1)> & "quotes"', trigger: '</p><script>alert(1)</script>' } };
    const res = await request(createApp(testConfig(), { rules: [hostile] })).get('/rules/RC-01').set('Accept', BROWSER).expect(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
  });

  test('the index lists every rule, linked to its page', async () => {
    const res = await html('/rules').expect(200);
    for (const { meta: r } of allRules) expect(res.text).toContain(`<a href="/rules/${r.id}">${r.id}</a>`);
    const json = await request(app).get('/rules').expect(200);
    expect(json.body.rules).toHaveLength(allRules.length);
  });

  test("every card's source.url opens its rule's page in a browser", async () => {
    // V10: an RC-07 warning (RC-16 folded in) and the plan card: every rule either card carries has its page.
    const v10 = scenarioById('V10')!;
    const now = new Date();
    const body = patientViewRequest(v10.patientId, { prefetch: prefetchFor(service('patient-view'), v10.record(now)) });
    type WireCard = { source: { url: string; topic: { code: string; display: string } }; extension?: Record<string, unknown> };
    const cards = (await request(app).post('/cds-services/rectal-cancer-stage-iv').send(body).expect(200)).body.cards as WireCard[];
    expect(cards.length).toBe(2);
    for (const card of cards) {
      const url = new URL(card.source.url);
      expect(url.pathname).toBe(`/rules/${card.source.topic.code}`);
      const page = await html(url.pathname).expect(200);
      expect(page.text).toContain(`${card.source.topic.code}: ${esc(card.source.topic.display)}`);
      for (const id of rulesOf(card)) await html(`/rules/${id}`).expect(200);
    }
    expect(cards.flatMap(rulesOf).length).toBeGreaterThan(3);
  });
});
