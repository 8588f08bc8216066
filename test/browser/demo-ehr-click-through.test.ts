import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { postJson } from '../support/live-server.js';
import { patientViewRequest, service } from '../support/prefetch.js';
import { artifactPath, launchChromium, type Browser } from './support/chromium.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import { collectErrors } from './support/page-checks.js';
import { buildWebForTest } from './support/web-build.js';

/**
 * The demo EHR in a real browser: pick a patient, see the patient-view cards, act on them, follow the SMART
 * link of the summary card into the app (a full EHR launch in the side panel), and sign sample orders.
 */
jest.setTimeout(60_000);
const NOW = new Date();
const V01 = 'v01-kras-g12d-liver';
const V03 = 'v03-kras-untested';
/** A bleeding primary: an RC-07 warning and the plan card. */
const V10 = 'v10-bleeding-primary';
const svc = service('patient-view');

let web: Awaited<ReturnType<typeof buildWebForTest>>;
let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  web = await buildWebForTest();
  server = await startDemoServer({ webDir: web.dir, now: NOW });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  web?.remove();
});

type Card = { uuid: string; indicator: string; source: { topic: { code: string } }; links?: unknown[] };

async function serviceCards(patientId: string): Promise<Card[]> {
  const res = await postJson(`${server.baseUrl}/cds-services/${svc.id}`, patientViewRequest(patientId, { fhirServer: server.fhirBase }));
  expect(res.status).toBe(200);
  return res.body.cards;
}

async function openEhr(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.baseUrl}/`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

async function pickPatient(page: Page, patientId: string): Promise<void> {
  await page.selectOption('#patient-select', patientId);
  await page.waitForSelector(`#pv-cards[data-loaded="${patientId}"]`);
}

const cardIds = (page: Page, within: string) => page.$$eval(`${within} article.card`, (els) => els.map((e) => e.getAttribute('data-rule-id') ?? ''));

describe('demo EHR', () => {
  test('lists every demo patient; picking one shows its patient-view cards as the service returns them', async () => {
    const { page, errors } = await openEhr();
    const options = await page.$$eval('#patient-select option', (els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    expect(options).toEqual(server.patients.map((p) => p.patientId));

    await pickPatient(page, V01);
    expect(await page.locator('#chart-name').innerText()).toBe('Daniel Okafor');
    const expected = await serviceCards(V01);
    expect(await cardIds(page, '#pv-cards')).toEqual(expected.map((c) => c.source.topic.code));

    // Indicator colours: each card's stripe is its indicator's colour.
    const stripes = await page.$$eval('#pv-cards article.card', (els) => els.map((e) => [e.getAttribute('data-indicator'), getComputedStyle(e).borderLeftColor]));
    const colour = { info: 'rgb(11, 92, 173)', warning: 'rgb(143, 74, 0)', critical: 'rgb(179, 38, 30)' } as Record<string, string>;
    for (const [indicator, stripe] of stripes) expect(stripe).toBe(colour[indicator!]);

    // One SMART link, on the summary (first) card.
    expect(await page.locator('#pv-cards article.card').first().locator('button[data-link-type="smart"]').count()).toBe(1);
    expect(await page.locator('#pv-cards button[data-link-type="smart"]').count()).toBe(1);
    await page.screenshot({ path: artifactPath('demo-ehr-v01-cards') });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the SMART link of the summary card launches the app in the side panel, on that patient, with that card highlighted', async () => {
    const { page, errors } = await openEhr();
    await pickPatient(page, V01);
    const first = page.locator('#pv-cards article.card').first();
    const rule = await first.getAttribute('data-rule-id');
    // It gets there by an EHR launch: authorize redirect, then the code exchanged for a token naming the patient.
    const tokenResponse = page.waitForResponse((r) => r.url().endsWith('/demo-ehr/auth/token'));
    await first.locator('button[data-link-type="smart"]').click();
    const token = await tokenResponse;
    expect(token.status()).toBe(200);
    expect(await token.json()).toMatchObject({ patient: V01, appContext: JSON.stringify({ ruleId: rule }) });

    const app = page.frameLocator('#smart-frame');
    await app.locator('main[data-state="ready"]').waitFor();
    expect(await app.locator('main').getAttribute('data-patient-id')).toBe(V01);
    expect(await app.locator('[data-testid="patient-name"]').innerText()).toBe(await page.locator('#chart-name').innerText());
    expect(await app.locator('.rec--from-card').getAttribute('data-rule-id')).toBe(rule);
    expect(await app.locator('tr[data-marker="KRAS"] td[data-col="variant"]').innerText()).toBe('p.Gly12Asp');
    await page.screenshot({ path: artifactPath('demo-ehr-v01-smart-side-panel') });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('"Launch SMART app" from the banner opens the app for the chosen patient without a card context', async () => {
    const { page } = await openEhr();
    await pickPatient(page, V03);
    await page.click('#launch-smart');
    const app = page.frameLocator('#smart-frame');
    await app.locator('main[data-state="ready"]').waitFor();
    expect(await app.locator('main').getAttribute('data-patient-id')).toBe(V03);
    expect(await app.locator('.rec--from-card').count()).toBe(0);
    expect(await app.locator('tr[data-marker="KRAS"] td[data-col="status"]').innerText()).toBe('Unknown');
    await page.close();
  });

  test('accepting a suggestion and dismissing a card send CDS Hooks feedback to the service', async () => {
    const { page, errors } = await openEhr();
    await pickPatient(page, V10);
    // The plan card: one section per rule, the lead open, the others collapsed.
    const plan = page.locator('#pv-cards article.card--info');
    expect(await plan.count()).toBe(1);
    const sections = plan.locator('details.card-section');
    expect(await sections.count()).toBe((await plan.getAttribute('data-rules'))?.split(' ').length);
    expect(await sections.first().getAttribute('open')).not.toBeNull();
    expect(await sections.nth(1).getAttribute('open')).toBeNull();
    expect(await sections.first().getAttribute('data-rule-id')).toBe(await plan.getAttribute('data-rule-id'));
    const withSuggestion = page.locator('#pv-cards article.card', { has: page.locator('button[data-suggestion]') }).first();
    expect(await withSuggestion.count()).toBe(1);
    const accepted = page.waitForResponse((r) => r.url().endsWith(`/cds-services/${svc.id}/feedback`) && r.request().method() === 'POST');
    await withSuggestion.locator('button[data-suggestion]').first().click();
    const res = await accepted;
    expect(res.status()).toBe(200);
    const sent = JSON.parse(res.request().postData() ?? '{}') as { feedback: { card: string; outcome: string; acceptedSuggestions: { id: string }[] }[] };
    expect(sent.feedback[0]).toMatchObject({ card: await withSuggestion.getAttribute('data-uuid'), outcome: 'accepted', acceptedSuggestions: [{ id: expect.any(String) }] });
    expect(await withSuggestion.locator('.card-status').innerText()).toMatch(/^Accepted: Order /);

    const last = page.locator('#pv-cards article.card:not(.card--accepted)').first();
    const overridden = page.waitForResponse((r) => r.url().endsWith('/feedback'));
    await last.locator('.card-dismiss button').click();
    expect((await overridden).status()).toBe(200);
    expect(await last.getAttribute('class')).toMatch(/card--dismissed/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('order-sign: sample drafts are signed through the real service when it offers the hook; otherwise the panel is hidden', async () => {
    const { page, errors } = await openEhr();
    await pickPatient(page, V01);
    const discovery = (await (await fetch(`${server.baseUrl}/cds-services`)).json()) as { services: { id: string; hook: string }[] };
    const sign = discovery.services.find((s) => s.hook === 'order-sign');
    if (!sign) {
      expect(await page.locator('#order-sign').isHidden()).toBe(true);
      await page.close();
      return;
    }
    await page.waitForSelector('#order-sets input[value="folfox-cetuximab"]');
    await page.check('#order-sets input[value="folfox-cetuximab"]');
    await page.click('#sign-button');
    await page.waitForSelector('#sign-cards[data-loaded="folfox-cetuximab"]');
    const sets = (await (await fetch(`${server.baseUrl}/demo-ehr/sample-orders?patient=${V01}`)).json()) as { sets: { id: string; orders: unknown[] }[] };
    const orders = sets.sets.find((s) => s.id === 'folfox-cetuximab')!.orders;
    const direct = await postJson(`${server.baseUrl}/cds-services/${sign.id}`, {
      hook: 'order-sign',
      hookInstance: '0b5f1c1e-6c1b-4b8e-9d59-1a6f1c0e2a11',
      fhirServer: server.fhirBase,
      context: { userId: 'Practitioner/demo-clinician', patientId: V01, draftOrders: { resourceType: 'Bundle', type: 'collection', entry: orders.map((resource) => ({ resource })) } },
    });
    expect(direct.status).toBe(200);
    expect(await cardIds(page, '#sign-cards')).toEqual(direct.body.cards.map((c: Card) => c.source.topic.code));
    await page.screenshot({ path: artifactPath('demo-ehr-v01-order-sign'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
