import { jest } from '@jest/globals';
import type { Frame, Page, Request } from 'playwright-core';
import { artifactPath, launchChromium, type Browser } from './support/chromium.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import { ceaLabelProblems, collectErrors } from './support/page-checks.js';
import { buildWebForTest } from './support/web-build.js';

/**
 * One whole visit in the demo EHR, in headless Chromium, asserting what the clinician sees at each step: pick a
 * patient, open a card's details and its rule page, accept a suggestion (feedback is sent, the card is
 * settled), dismiss a card, launch the SMART app from the card, sign orders and act on the card that signing
 * brings. The service's public URL says `localhost` while the browser opens `127.0.0.1`, as a newcomer does.
 * Screenshots of every step go to test-artifacts/demo-visit-*.png.
 */
jest.setTimeout(120_000);
const V03 = 'v03-kras-untested';
/** A bleeding primary, untreated: an RC-07 warning and the plan card. */
const V10 = 'v10-bleeding-primary';

let web: Awaited<ReturnType<typeof buildWebForTest>>;
let server: DemoServer;
let browser: Browser;
let page: Page;
let errors: string[];
const feedback: { service: string; body: { feedback: Record<string, unknown>[] }; status: number }[] = [];

beforeAll(async () => {
  web = await buildWebForTest();
  server = await startDemoServer({ webDir: web.dir, now: new Date(), publicHost: 'localhost' });
  browser = await launchChromium({ width: 1280, height: 900 });
  page = await browser.context.newPage();
  errors = collectErrors(page);
  page.on('requestfinished', (r: Request) => {
    const m = /\/cds-services\/([^/]+)\/feedback$/.exec(r.url());
    if (!m || r.method() !== 'POST') return;
    void r.response().then((res) => feedback.push({ service: m[1] ?? '', body: JSON.parse(r.postData() ?? '{}'), status: res?.status() ?? 0 }));
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  web?.remove();
});

const shot = (name: string, target: Page = page) => target.screenshot({ path: artifactPath(`demo-visit-${name}`), fullPage: true });
const card = (within: string, rule: string) => page.locator(`${within} article.card[data-rule-id="${rule}"]`);
const visible = (text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible' });
async function feedbackFor(uuid: string) {
  for (let i = 0; i < 50 && !feedback.some((f) => f.body.feedback[0]?.['card'] === uuid); i++) await page.waitForTimeout(100);
  return feedback.find((f) => f.body.feedback[0]?.['card'] === uuid);
}

describe('a visit in the demo EHR (page at 127.0.0.1, PUBLIC_BASE_URL at localhost)', () => {
  test('1. pick a patient: the banner says who, how old, and the diagnosis; two cards: the alert, then the plan', async () => {
    expect(server.config.publicBaseUrl).toMatch(/^http:\/\/localhost:\d+$/);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.selectOption('#patient-select', V10);
    await page.waitForSelector(`#pv-cards[data-loaded="${V10}"]`);
    await visible('Decision support (patient-view)');
    expect(await page.locator('#chart-demographics').innerText()).toMatch(/^\d+ y · (male|female) · born \d{4}-\d{2}-\d{2} · v10-bleeding-primary$/);
    expect(await page.locator('#chart-diagnosis').innerText()).toMatch(/^Diagnosis: Malignant neoplasm of rectum \(since \d{4}-\d{2}-\d{2}\)$/);
    // What the clinician reads: the bleeding primary as a warning, then one plan card with the rest.
    const cards = page.locator('#pv-cards article.card');
    expect(await cards.count()).toBe(2);
    const alert = card('#pv-cards', 'RC-07');
    expect(await alert.locator('.badge').innerText()).toBe('Warning');
    expect(await alert.locator('h3').innerText()).toMatch(/^Symptomatic primary \(bleeding\)/);
    const plan = card('#pv-cards', 'RC-02');
    expect(await plan.locator('.badge').innerText()).toBe('Info');
    expect(await plan.locator('h3').innerText()).toMatch(/^Stage IV, untreated: start first-line systemic therapy/);
    expect(await plan.locator('.card-source').innerText()).toBe('Source: Rectal CDS: stage IV rectal cancer guideline · rule RC-02');
    expect((await plan.getAttribute('data-rules'))?.split(' ')).toEqual(expect.arrayContaining(['RC-02', 'RC-04', 'RC-01']));
    await shot('01-patient');
  });

  test("2. open a section of the plan card, then the card's rule page", async () => {
    const plan = card('#pv-cards', 'RC-02');
    const sections = plan.locator('details.card-section');
    expect(await sections.first().getAttribute('open')).not.toBeNull();
    const rc04 = plan.locator('details.card-section[data-rule-id="RC-04"]');
    expect(await rc04.getAttribute('open')).toBeNull();
    await rc04.locator('summary').click();
    await rc04.locator('text=Based on').waitFor();
    expect(await rc04.innerText()).toMatch(/KRAS: no valid result on file/);
    expect(await rc04.innerText()).toMatch(/Evidence/);
    await shot('02-card-details');

    const [rulePage] = await Promise.all([page.context().waitForEvent('page'), plan.locator('a.rule-link').click()]);
    await rulePage.waitForLoadState('load');
    expect(new URL(rulePage.url()).pathname).toBe('/rules/RC-02');
    expect(await rulePage.locator('h1').innerText()).toBe('RC-02: Start first-line systemic therapy');
    expect(await rulePage.locator('[data-field="trigger"]').innerText()).not.toBe('');
    expect(await rulePage.locator('[data-field="recommendation"]').innerText()).not.toBe('');
    expect(await rulePage.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['TRIGGER', 'RECOMMENDATION', 'EVIDENCE AND SOURCES', 'THRESHOLDS']));
    // The page's own style applied under its CSP (no inline style refused): the indicator badge is coloured.
    expect(await rulePage.locator('.badge').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(11, 92, 173)');
    await shot('03-rule-page', rulePage);
    await rulePage.close();
  });

  test('3. accept a suggestion: feedback goes to the service, the card is settled', async () => {
    const plan = card('#pv-cards', 'RC-02');
    const uuid = (await plan.getAttribute('data-uuid')) ?? '';
    await plan.locator('button[data-suggestion="0"]').click();
    await plan.locator('.card-status').waitFor();
    expect(await plan.locator('.card-status').innerText()).toBe('Accepted: Order extended RAS (KRAS + NRAS), BRAF V600E. (The demo EHR writes nothing.)');
    const sent = await feedbackFor(uuid);
    expect(sent).toMatchObject({ service: 'rectal-cancer-stage-iv', status: 200, body: { feedback: [{ card: uuid, outcome: 'accepted', acceptedSuggestions: [{ id: expect.any(String) }] }] } });
    expect(await plan.locator('button[data-suggestion]').first().isDisabled()).toBe(true);
    expect(await plan.locator('.card-dismiss button').isDisabled()).toBe(true);
    expect(await plan.getAttribute('data-state')).toBe('accepted');
  });

  test('4. dismiss a card: feedback "overridden", the card stays readable but its buttons are off', async () => {
    const alert = card('#pv-cards', 'RC-07');
    const uuid = (await alert.getAttribute('data-uuid')) ?? '';
    await alert.locator('.card-dismiss button').click();
    await alert.locator('.card-status').waitFor();
    expect(await alert.locator('.card-status').innerText()).toBe('Dismissed.');
    expect(await feedbackFor(uuid)).toMatchObject({ status: 200, body: { feedback: [{ card: uuid, outcome: 'overridden' }] } });
    expect(await alert.locator('.card-dismiss button').isDisabled()).toBe(true);
    expect(await alert.locator('h3').isVisible()).toBe(true);
    await shot('04-accepted-and-dismissed');
  });

  test("5. launch the SMART app from the card's link: it opens beside the chart, on this patient, from the page's own host", async () => {
    // The SMART link is on the first card only.
    const first = card('#pv-cards', 'RC-07');
    const link = first.locator('button[data-link-type="smart"]');
    expect(await link.innerText()).toBe('Open the case summary (SMART app)');
    await link.click();
    await page.locator('#smart-panel').waitFor({ state: 'visible' });
    const app = page.frameLocator('#smart-frame');
    await app.locator('main[data-state="ready"]').waitFor({ timeout: 30_000 });
    const frame = page.frame({ name: 'smart-app' }) as Frame;
    expect(new URL(frame.url()).origin).toBe(server.baseUrl);
    expect(await app.locator('[data-testid="patient-name"]').innerText()).toBe(await page.locator('#chart-name').innerText());
    expect(await app.locator('.rec--from-card').getAttribute('data-rule-id')).toBe('RC-07');
    expect(await app.locator('tr[data-marker="KRAS"] td[data-col="status"]').innerText()).toBe('Unknown');
    // Records by name, not by id (the id is the tooltip).
    expect(await app.locator('main').innerText()).not.toMatch(/\b(Observation|Condition|MedicationRequest)\/[\w.-]+/);
    if (await app.locator('svg[data-testid="cea-plot"]').count()) {
      const labels = await ceaLabelProblems(frame as unknown as Page);
      expect(labels.overlaps).toEqual([]);
    }
    await shot('05-smart-app');
    // "Open in new tab" makes its own launch: the same app, whole.
    const tab = await page.context().newPage();
    await tab.goto((await page.getAttribute('#smart-newtab', 'href')) ?? '');
    await tab.waitForSelector('main[data-state="ready"]');
    expect(await tab.locator('[data-testid="patient-name"]').innerText()).toBe(await page.locator('#chart-name').innerText());
    await shot('05-smart-app-own-tab', tab);
    await tab.close();
    await page.click('#smart-close');
    await page.locator('#smart-panel').waitFor({ state: 'hidden' });
  });

  test('6. another patient, sign the drafted orders: the card signing brings; dismissing it with a reason sends that reason', async () => {
    await page.selectOption('#patient-select', V03);
    await page.waitForSelector(`#pv-cards[data-loaded="${V03}"]`);
    await page.check('#order-sets input[value="vignette"]');
    expect(await page.locator('#order-sets label', { has: page.locator('input[value="vignette"]') }).innerText()).toMatch(/V03 drafts: .*panitumumab/);
    await page.click('#sign-button');
    await page.waitForSelector('#sign-cards[data-loaded="vignette"]');
    const rc31 = card('#sign-cards', 'RC-31');
    expect(await rc31.locator('.badge').innerText()).toBe('Warning');
    expect(await rc31.locator('h3').innerText()).toMatch(/^Panitumumab ordered without a valid RAS wild-type result/);
    expect(await rc31.locator('button[data-suggestion="0"]').innerText()).toBe('Replace panitumumab with bevacizumab');
    const reasons = await rc31.locator('select.override option').allInnerTexts();
    expect(reasons.length).toBeGreaterThan(1);
    await rc31.locator('select.override').selectOption({ index: 1 });
    const uuid = (await rc31.getAttribute('data-uuid')) ?? '';
    await rc31.locator('.card-dismiss button').click();
    await rc31.locator('.card-status').waitFor();
    expect(await rc31.locator('.card-status').innerText()).toBe(`Dismissed: ${reasons[1]}.`);
    const sent = await feedbackFor(uuid);
    expect(sent).toMatchObject({ service: 'rectal-cancer-order-sign', status: 200, body: { feedback: [{ card: uuid, outcome: 'overridden', overrideReason: { reason: { display: reasons[1] } } }] } });
    expect(await rc31.locator('button[data-suggestion="0"]').isDisabled()).toBe(true);
    await shot('06-signed-with-card');
  });

  test('the whole visit: no console error, no uncaught exception', () => {
    expect(errors).toEqual([]);
  });
});
