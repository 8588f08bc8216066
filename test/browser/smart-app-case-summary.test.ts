import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { encodeLaunch } from '../../src/demo-ehr/launch-context.js';
import type { Case } from '../../src/domain/case.js';
import { allRules } from '../../src/engine/rules/index.js';
import { createFactBase } from '../../src/engine/facts/fact-base.js';
import type { FactBase } from '../../src/engine/facts/fact-types.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { postJson } from '../support/live-server.js';
import { patientViewRequest, rulesOf, service } from '../support/prefetch.js';
import { artifactPath, launchChromium, type Browser } from './support/chromium.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import { ceaLabelProblems, collectErrors, horizontalOverflow, lowContrast } from './support/page-checks.js';
import { buildWebForTest } from './support/web-build.js';

/**
 * The SMART app in a real browser (Debian's Chromium): launched for demo patients against the embedded FHIR
 * server, it must show the same facts the service's mapper reads and the same recommendations the cards give.
 */
jest.setTimeout(60_000);
const NOW = new Date();
const CLIENT_ID = 'rectal-cds-browser-test';
const implemented = new Set(allRules.map((r) => r.meta.id));
const svc = service('patient-view');

let web: Awaited<ReturnType<typeof buildWebForTest>>;
let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  web = await buildWebForTest();
  server = await startDemoServer({ webDir: web.dir, now: NOW, config: { smartClientId: CLIENT_ID } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  web?.remove();
});

function expectedCase(id: string): { c: Case; facts: FactBase; patientId: string; expected: string[]; forbidden: string[] } {
  const s = scenarioById(id)!;
  const c = mapCase(s.record(NOW), { patientId: s.patientId, now: NOW, rectosigmoidInScope: false });
  const facts = createFactBase(c, { hook: 'patient-view', ruleSet: 'extended', disabledRules: new Set(), now: NOW });
  const e = s.expectations.find((x) => x.hook === 'patient-view');
  return { c, facts, patientId: s.patientId, expected: (e?.expected ?? []).filter((r) => implemented.has(r)), forbidden: e?.forbidden ?? [] };
}

/** Rule ids of the service's own cards for this patient (through the FHIR server, as an EHR would call). */
async function serviceRuleIds(patientId: string): Promise<string[]> {
  const res = await postJson(`${server.baseUrl}/cds-services/${svc.id}`, patientViewRequest(patientId, { fhirServer: server.fhirBase }));
  expect(res.status).toBe(200);
  // Every rule of every card, lead first: the app shows the service's cards, one section per rule.
  return res.body.cards.flatMap(rulesOf);
}

async function openApp(patientId: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  await page.setViewportSize(viewport);
  await page.goto(`${server.baseUrl}/smart/app?fhirServiceUrl=${encodeURIComponent(server.fhirBase)}&patientId=${encodeURIComponent(patientId)}`);
  await page.waitForSelector('main[data-state="ready"], main[data-state="error"]');
  return { page, errors };
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const factValue = (page: Page, field: string) => text(page, `[data-field="${field}"] .fact-value`);
const markerCell = (page: Page, marker: string, col: string) => text(page, `tr[data-marker="${marker}"] td[data-col="${col}"]`);

async function cea(page: Page): Promise<{ value: number; date: string; nadir: boolean }[]> {
  return page.$$eval('svg[data-testid="cea-plot"] circle.cea-point', (els) =>
    els.map((e) => ({ value: Number(e.getAttribute('data-value')), date: e.getAttribute('data-date') ?? '', nadir: e.getAttribute('data-nadir') === 'true' })),
  );
}

const pageRuleIds = (page: Page) => page.$$eval('#recs article.rec-card details.rec', (els) => els.map((e) => e.getAttribute('data-rule-id') ?? ''));

describe('SMART app: case at a glance', () => {
  test('V01 (KRAS G12D, unresectable liver metastases, untreated): panel, CEA plot and recommendations', async () => {
    const { c, patientId, expected, forbidden } = expectedCase('V01');
    const { page, errors } = await openApp(patientId);
    expect(await page.getAttribute('main', 'data-patient-id')).toBe(patientId);
    expect(await text(page, '[data-testid="patient-name"]')).toBe('Daniel Okafor');

    expect(await factValue(page, 'stage')).toBe('Stage IVA');
    expect(await factValue(page, 'tnm')).toBe('cT3 cN1 cM1a');
    expect(await factValue(page, 'resectability')).toBe('Unresectable');
    expect(await factValue(page, 'ecog')).toBe('1');

    const kras = c.biomarkers.kras.used!;
    expect(await markerCell(page, 'KRAS', 'status')).toBe('Mutant');
    expect(await markerCell(page, 'KRAS', 'variant')).toBe('p.Gly12Asp');
    expect(await markerCell(page, 'KRAS', 'date')).toBe(kras.source.date!.slice(0, 10));
    // The test by name; its record id is the tooltip.
    expect(await markerCell(page, 'KRAS', 'used')).toBe('Genetic variant assessment (KRAS)');
    expect(await markerCell(page, 'KRAS', 'used')).not.toContain('Observation/');
    expect(await page.getAttribute('tr[data-marker="KRAS"] td[data-col="used"] .source', 'title')).toBe(`Observation/${kras.source.id}`);
    expect(await markerCell(page, 'MSI', 'status')).toBe('MSS / pMMR');
    expect(await markerCell(page, 'NRAS', 'used')).toMatch(/No valid NRAS result on file \(not the same as wild-type\)/);

    const points = await cea(page);
    expect(points.map((p) => p.value)).toEqual([18.2, 27.5, 45]);
    expect(points.map((p) => p.date)).toEqual(c.cea.values.map((v) => v.date.slice(0, 10)));
    expect(points.filter((p) => p.nadir).map((p) => p.value)).toEqual([18.2]);
    expect(await page.getAttribute('svg[data-testid="cea-plot"] g.uln', 'data-value')).toBe('5');
    expect(await text(page, '#timeline .empty')).toBe('No systemic therapy, radiotherapy or surgery on file.');

    const ids = await pageRuleIds(page);
    expect(ids).toEqual(await serviceRuleIds(patientId));
    expect(ids).toEqual(expect.arrayContaining(expected));
    for (const f of forbidden) expect(ids).not.toContain(f);
    // One plan card: its lead section open, the others collapsed until clicked.
    const sections = page.locator('#recs article.rec-card').first().locator('details.rec');
    expect(await sections.first().getAttribute('open')).not.toBeNull();
    expect(await sections.nth(1).getAttribute('open')).toBeNull();
    expect(await sections.first().locator('.rec-evidence').innerText()).toMatch(/Evidence: (Level [\w-]+|No graded level) · (NCI PDQ|guideline summary)/);
    await sections.nth(1).locator('summary').click();
    expect(await sections.nth(1).getAttribute('open')).not.toBeNull();
    expect(await page.locator('#recs').innerText()).not.toMatch(/WebMD|patient guide|\[0\d\d\]/i);

    await page.screenshot({ path: artifactPath('smart-app-v01-1280x800') });
    await page.screenshot({ path: artifactPath('smart-app-v01-full'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('V21 (progression on FOLFOX-bevacizumab): rising CEA over the shaded line, treatment timeline', async () => {
    const { c, facts, patientId, expected } = expectedCase('V21');
    const { page, errors } = await openApp(patientId);
    expect(await factValue(page, 'stage')).toBe('Stage IVB');
    expect(await markerCell(page, 'KRAS', 'variant')).toBe('p.Gly12Ser');
    expect(await markerCell(page, 'KRAS', 'date')).toBe(c.biomarkers.kras.used!.source.date!.slice(0, 10));
    expect(await markerCell(page, 'MSI', 'status')).toBe('MSS / pMMR');

    const points = await cea(page);
    expect(points.map((p) => p.value)).toEqual(c.cea.values.map((v) => v.value));
    expect(points.map((p) => p.value)).toEqual([7, 5, 12, 25]);
    expect(points.filter((p) => p.nadir).map((p) => p.value)).toEqual([5]);
    expect(await page.$$eval('svg[data-testid="cea-plot"] g.band', (els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['L1 FOLFOX + bevacizumab']);
    expect(await text(page, '.cea-summary')).toMatch(/^Latest 25 ng\/mL .* nadir 5 .* rising/);

    expect(await text(page, '#timeline li[data-kind="line"]')).toMatch(/Line 1: FOLFOX \+ bevacizumab \(ongoing\)/);
    expect(await text(page, '[data-field="last-bevacizumab"]')).toContain(facts.lastBevacizumab!.date.slice(0, 10));

    const ids = await pageRuleIds(page);
    expect(ids).toEqual(await serviceRuleIds(patientId));
    expect(ids).toEqual(expect.arrayContaining(expected));

    // "Why not?": the rules without a card say which condition did not hold, with the facts it read.
    const rc06 = page.locator('#why-not details[data-rule-id="RC-06"]');
    expect(await rc06.getAttribute('data-status')).toBe('silent');
    await rc06.locator('summary').click();
    expect(await rc06.innerText()).toMatch(/"active obstruction or perforation" does not hold[\s\S]*obstructionOrPerforation: none/);
    const rc12 = page.locator('#why-not details[data-rule-id="RC-12"]');
    expect(await rc12.getAttribute('data-status')).toBe('fired');
    await page.screenshot({ path: artifactPath('smart-app-v21-1280x800'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('V04 in a 400 px EHR side panel: KRAS conflict explained, empty states, no sideways scrolling', async () => {
    const { patientId } = expectedCase('V04');
    const { page, errors } = await openApp(patientId, { width: 400, height: 800 });
    expect(await page.getAttribute('tr[data-marker="KRAS"]', 'class')).toBe('conflict');
    expect(await markerCell(page, 'KRAS', 'used')).toMatch(/Conflicting results on file: the valid mutant result is used, whatever the dates/);
    expect(await markerCell(page, 'KRAS', 'used')).toMatch(/Also on file: wild-type \(exon 2 only\)/);
    expect(await markerCell(page, 'MSI', 'status')).toBe('Unknown');
    expect(await text(page, '#cea .empty')).toBe('No CEA result on file.');
    expect(await factValue(page, 'stage')).toBe('No stage group recorded; stage IV by distant metastases');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('smart-app-v04-400-side-panel'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('V21 in a 400 px side panel: the plot is redrawn for the width and nothing overflows', async () => {
    const { patientId } = expectedCase('V21');
    const { page } = await openApp(patientId, { width: 400, height: 800 });
    await page.waitForFunction(() => Number(document.querySelector('svg[data-testid="cea-plot"]')?.getAttribute('width')) < 400);
    expect(await page.locator('svg[data-testid="cea-plot"] circle.cea-point').count()).toBe(4);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('smart-app-v21-400-side-panel') });
    await page.close();
  });

  test.each([
    ['V22', 1280],
    ['V22', 400],
    ['V21', 400],
    ['V01', 1280],
  ])('%s at %p px: the CEA plot texts, as the browser draws them, never overlap ("nadir 18" beside "upper normal 5")', async (id, width) => {
    const { facts, patientId } = expectedCase(id);
    const { page } = await openApp(patientId, { width, height: 800 });
    await page.waitForFunction((w) => Number(document.querySelector('svg[data-testid="cea-plot"]')?.getAttribute('width')) <= w, width);
    const problems = await ceaLabelProblems(page);
    expect(problems.labels).toBeGreaterThan(5);
    expect(problems.overlaps).toEqual([]);
    expect(problems.wider).toEqual([]);
    expect(problems.taller).toEqual([]);
    const shown = await page.$$eval('svg[data-testid="cea-plot"] text', (els) => els.map((e) => e.textContent));
    expect(shown).toEqual(expect.arrayContaining([`nadir ${facts.cea.nadir!.value}`, `upper normal ${facts.cea.upperNormal}`]));
    await page.locator('#cea').screenshot({ path: artifactPath(`smart-app-${id.toLowerCase()}-${width}-cea-plot`) });
    await page.close();
  });

  test('accessible: landmarks and headings, a labelled plot, keyboard skip link with visible focus, text contrast', async () => {
    const { page } = await openApp(expectedCase('V21').patientId);
    expect(await page.$$eval('main section h2', (hs) => hs.map((h) => h.textContent))).toEqual(['Disease', 'Biomarkers', 'CEA trend', 'Treatment', expect.stringMatching(/^Recommendations/), expect.stringMatching(/^Why not\?/)]);
    expect(await page.getAttribute('svg[data-testid="cea-plot"]', 'role')).toBe('img');
    expect(await page.locator('svg[data-testid="cea-plot"] desc').textContent()).toMatch(/Serum CEA in ng\/mL over time, 4 values/);
    expect(await page.locator('table.biomarkers th[scope="col"]').count()).toBe(5);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('recs');

    const checked = 'body, .patient-meta, .fact dt, .fact-value, .fact-date, .status, .notes li, .badge, .rec-evidence, .source, .event-date, .cea-plot text, .callout, .empty';
    const contrast = await lowContrast(page, checked);
    expect(contrast.failures).toEqual([]);
    expect(contrast.checked).toBeGreaterThan(50);
    // The check itself can fail: light grey on white is caught.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p id="probe" style="color:#aaaaaa;background:#fff">probe</p>'));
    expect((await lowContrast(page, '#probe')).failures).toHaveLength(1);
    await page.close();
  });

  test('a patient the FHIR server does not have: the page says the record could not be read, and shows no summary', async () => {
    const { page } = await openApp('no-such-patient');
    expect(await page.getAttribute('main', 'data-state')).toBe('error');
    expect(await text(page, '[role="alert"]')).toMatch(/could not be read[\s\S]*patient: HTTP 404/);
    expect(await page.locator('#recs').count()).toBe(0);
    await page.close();
  });

  test('EHR launch: /smart/launch discovers the authorization endpoint, sends the configured client and scopes, lands on the patient', async () => {
    const { patientId } = expectedCase('V21');
    const page = await browser.context.newPage();
    const launch = encodeLaunch({ patient: patientId });
    const authorize = page.waitForRequest((r) => r.url().includes('/demo-ehr/auth/authorize'));
    await page.goto(`${server.baseUrl}/smart/launch?iss=${encodeURIComponent(server.fhirBase)}&launch=${launch}`);
    const q = new URL((await authorize).url()).searchParams;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('scope')).toBe(server.config.smartScopes);
    expect(q.get('aud')).toBe(server.fhirBase);
    expect(q.get('launch')).toBe(launch);
    expect(q.get('redirect_uri')).toBe(`${server.baseUrl}/smart/app`);
    expect(q.get('code_challenge_method')).toBe('S256');
    await page.waitForSelector('main[data-state="ready"]');
    expect(await page.getAttribute('main', 'data-patient-id')).toBe(patientId);
    await page.close();
  });

  test('production mode: the open-server launch is refused, the page says to launch from the EHR', async () => {
    const production = await startDemoServer({ webDir: web.dir, now: NOW, config: { mode: 'production' } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${production.baseUrl}/smart/app?fhirServiceUrl=${encodeURIComponent(production.fhirBase)}&patientId=v01-kras-g12d-liver`);
      await page.waitForSelector('main[data-state="error"]');
      expect(await text(page, '[role="alert"]')).toMatch(/opens the app only from the EHR/);
      await page.close();
    } finally {
      await production.close();
    }
  });
});
