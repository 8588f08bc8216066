import { jest } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import type { AnalyticsReport } from '../../src/analytics/rule-analytics.js';
import type { LearningStore } from '../../src/store/learning-store.js';
import { demoTraffic } from '../../scripts/analytics-demo/traffic.js';
import { learningConfig } from '../support/learning-app.js';
import { engineUnderTest, type EngineUnderTest } from '../support/store-engines.js';
import { artifactPath, launchChromium, type Browser } from './support/chromium.js';
import { collectErrors, horizontalOverflow } from './support/page-checks.js';
import { buildWebForTest } from './support/web-build.js';

/**
 * The analytics page in a real browser, over the synthetic month `npm run analytics:demo` writes: the operator
 * token is asked for, then totals, the weekly trend and one row per rule and rule-set version, agreeing with
 * `GET /analytics/rules`; filters change the numbers. Screenshots in test-artifacts/.
 */
jest.setTimeout(90_000);
const NOW = new Date('2026-06-01T12:00:00Z');
const TOKEN = 'operator-token-for-the-test-0123';

let web: Awaited<ReturnType<typeof buildWebForTest>>;
let engine: EngineUnderTest;
let store: LearningStore;
let server: Server;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  web = await buildWebForTest();
  engine = await engineUnderTest('sqlite', 'analytics-page');
  store = await engine.open();
  const config = learningConfig({ analyticsToken: TOKEN });
  const traffic = demoTraffic(config, NOW.getTime());
  await store.recordCards(traffic.cards);
  await store.recordFeedback(traffic.feedback);
  const app = createApp(config, { now: () => NOW, store, webDir: web.dir });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await store?.close();
  await engine?.cleanup();
  web?.remove();
});

async function report(query = ''): Promise<AnalyticsReport> {
  const res = await fetch(`${baseUrl}/analytics/rules${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as AnalyticsReport;
}

test('the JSON needs the operator token', async () => {
  expect((await fetch(`${baseUrl}/analytics/rules`)).status).toBe(401);
  expect((await fetch(`${baseUrl}/analytics/rules`, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  const r = await report();
  expect(r.totals.cards).toBeGreaterThan(500);
  expect(r.rules.some((x) => x.shadow.shown > 0)).toBe(true);
});

test('token, then totals, trend and rule rows that agree with the JSON', async () => {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${baseUrl}/analytics`);
  await page.locator('#main[data-state="token"]').waitFor();
  await page.fill('#token', 'not-the-token-at-all');
  await page.click('#token-form button');
  await page.locator('#token-error:has-text("not accepted")').waitFor();
  await page.fill('#token', TOKEN);
  await page.click('#token-form button');
  await page.locator('#main[data-state="ready"]').waitFor();

  const json = await report('?days=30');
  expect(await page.locator('[data-total="cards"] .n').innerText()).toBe(String(json.totals.cards));
  expect(await page.locator('[data-total="shadow"] .n').innerText()).toBe(String(json.totals.shadowCards));
  expect(await page.locator('table[data-testid="rules"] tbody tr').count()).toBe(json.rules.length);
  const busiest = [...json.rules].sort((a, b) => b.shown - a.shown)[0]!;
  const row = page.locator(`tr[data-rule="${busiest.ruleId}"][data-version="${busiest.ruleSetVersion}"]`);
  expect(await row.locator('td[data-col="shown"]').innerText()).toBe(String(busiest.shown));
  expect(await row.locator('td[data-col="patients"]').innerText()).toBe(String(busiest.patients));
  expect(await row.locator('td[data-col="accepted"]').innerText()).toContain(String(busiest.accepted));
  expect(await row.locator('td[data-col="overridden"]').innerText()).toContain(String(busiest.overridden));
  expect(await row.locator('td[data-col="unanswered"]').innerText()).toBe(String(busiest.unanswered));
  // The weekly trend: one point per week for each series drawn.
  const trend = page.locator('svg[data-testid="trend"] polyline[data-series="shown"]');
  const points = ((await trend.getAttribute('points')) ?? '').trim().split(/\s+/);
  expect(points.length).toBe(busiest.weekly.length);
  expect(await page.locator('td[data-col="shadow"] .shadow-note').count()).toBeGreaterThan(0);
  expect(await horizontalOverflow(page)).toBe(0);
  expect(await page.locator('#token-form').isHidden()).toBe(true);
  await page.screenshot({ path: artifactPath('analytics-page') });
  await page.screenshot({ path: artifactPath('analytics-page-full'), fullPage: true });
  // The two 401s are the page asking without a token and with the wrong one; nothing else may fail.
  expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  expect(errors.filter((e) => /status of 401/.test(e))).toHaveLength(2);
  await page.close();
});

test('filters: one client, then one hook, change the numbers as the JSON does', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${baseUrl}/analytics`);
  await page.fill('#token', TOKEN);
  await page.click('#token-form button');
  await page.locator('#main[data-state="ready"]').waitFor();
  const all = await report('?days=30');
  const client = all.seen.clients[0]!;
  await page.selectOption('select[name="client"]', client);
  const oneClient = await report(`?days=30&client=${encodeURIComponent(client)}`);
  expect(oneClient.totals.cards).toBeLessThan(all.totals.cards);
  await page.locator(`[data-total="cards"] .n:text-is("${oneClient.totals.cards}")`).waitFor();
  await page.selectOption('select[name="hook"]', 'order-sign');
  const orders = await report(`?days=30&client=${encodeURIComponent(client)}&hook=order-sign`);
  await page.locator(`[data-total="cards"] .n:text-is("${orders.totals.cards}")`).waitFor();
  expect(await page.locator('table[data-testid="rules"] tbody tr').count()).toBe(orders.rules.length);
  await page.setViewportSize({ width: 420, height: 800 });
  await page.screenshot({ path: artifactPath('analytics-page-filtered-narrow'), fullPage: true });
  await page.close();
});

test('production without ANALYTICS_TOKEN: no analytics at all', async () => {
  const app = createApp(learningConfig({ mode: 'production', analyticsToken: undefined }), { now: () => NOW, store, webDir: web.dir });
  const s: Server = await new Promise((resolve) => {
    const x = app.listen(0, '127.0.0.1', () => resolve(x));
  });
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  expect((await fetch(`${url}/analytics/rules`)).status).toBe(404);
  expect((await fetch(`${url}/analytics`)).status).toBe(404);
  await new Promise((r) => s.close(r));
});
