import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';
import type { AuditSummary } from '../../src/audit/summary.js';
import { type ExportFolder, writeExport } from '../audit/support/export-folder.js';
import { type AuditRun, auditFolder } from '../audit/support/run.js';
import { NOW } from '../support/now.js';
import { artifactPath, launchChromium, type Browser } from './support/chromium.js';
import { collectErrors, horizontalOverflow, lowContrast } from './support/page-checks.js';

/**
 * The audit's report.html of the vignettes' population in a real browser (Debian's Chromium): it loads from
 * the file alone (nothing fetched, no script), draws one bar per rule and the days-untreated distribution, and
 * names no patient.
 */
jest.setTimeout(60_000);
let browser: Browser;
let folder: ExportFolder;
let run: AuditRun;
let summary: AuditSummary;

beforeAll(async () => {
  folder = writeExport(allScenarios.flatMap((s) => s.record(NOW)));
  run = await auditFolder(folder.dir, NOW);
  summary = JSON.parse(readFileSync(join(run.outDir, 'summary.json'), 'utf8')) as AuditSummary;
  browser = await launchChromium({ width: 900, height: 900 });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  folder?.remove();
  run?.remove();
});

test('report.html: self-contained, a bar per rule, the untreated distribution, no patient id', async () => {
  const html = readFileSync(join(run.outDir, 'report.html'), 'utf8');
  for (const s of allScenarios) expect(html).not.toContain(s.patientId);
  expect(html).not.toMatch(/<script|<link|src=|url\(/);

  const page = await browser.context.newPage();
  const errors = collectErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(run.outDir, 'report.html')).href);
  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);

  const [rules, dataQuality, untreated] = await page.$$eval('svg', (svgs) => svgs.map((s) => s.querySelectorAll('rect').length));
  expect(summary.rules.length).toBeGreaterThan(10);
  expect(rules).toBe(summary.rules.length);
  expect(dataQuality).toBe(summary.dataQuality.length);
  expect(summary.untreated.patients).toBeGreaterThan(3);
  expect(untreated).toBeGreaterThan(1);
  // Each rule's bar is labelled with its count, as summary.json has it.
  const labels = await page.$$eval('svg:first-of-type text.val', (ts) => ts.map((t) => t.textContent));
  expect(labels).toEqual(summary.rules.map((r) => `${r.patients} (${(r.rate * 100).toFixed(1)}%)`));
  const kpis = await page.$$eval('.kpi b', (bs) => bs.map((b) => Number(b.textContent)));
  expect(kpis).toEqual([summary.patientsAudited, summary.inScope, summary.stageIV, summary.patientsWithGaps, summary.untreated.patients]);

  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect((await lowContrast(page, 'p, td, th, svg text')).failures).toEqual([]);
  await page.screenshot({ path: artifactPath('audit-report'), fullPage: true });
  await page.close();
});
