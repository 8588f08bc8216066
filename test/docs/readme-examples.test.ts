import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { startDemoMode } from '../../src/demo/demo-mode.js';
import { projectFile } from '../../src/project-files.js';
import { testConfig } from '../support/test-config.js';

/**
 * Every example of the README's "Try it" section, run as written (bash + curl) against the service in demo
 * mode on a port that is not 8080, with `PORT` set in the environment as the README tells the reader to.
 * A new example without a check here fails the count, so the README cannot drift from the service.
 */
const readme = readFileSync(projectFile('README.md'), 'utf8');
const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('## API'));
const blocks = [...tryIt.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const haveCurl = spawnSync('curl', ['--version']).status === 0;

interface Card {
  indicator: string;
  source: { topic: { code: string } };
  extension?: Record<string, unknown>;
  suggestions?: { label: string; actions: { type: string }[] }[];
}
/** Every rule the answer carries: each card's rule list (the plan card folds several), else its topic. */
const ruleIds = (out: string) =>
  (JSON.parse(out) as { cards: Card[] }).cards.flatMap((c) => (c.extension?.['org.rectal-cds.rules'] as string[] | undefined) ?? [c.source.topic.code]);
const card = (out: string, rule: string) => (JSON.parse(out) as { cards: Card[] }).cards.find((c) => c.source.topic.code === rule);

/** What each example, in README order, must print. */
const CHECKS: [string, (out: string) => void][] = [
  ['discovery', (out) => expect(JSON.parse(out).services.map((s: { id: string }) => s.id)).toEqual(['rectal-cancer-stage-iv', 'rectal-cancer-order-select', 'rectal-cancer-order-sign'])],
  ['patient-view through fhirServer', (out) => expect(ruleIds(out)).toEqual(expect.arrayContaining(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']))],
  ['patient-view with the ready-made prefetch', (out) => expect(ruleIds(out)).toEqual(expect.arrayContaining(['RC-01', 'RC-02', 'RC-03', 'RC-05', 'RC-24']))],
  ['order-sign with the ready-made sample drafts', (out) => expect(card(out, 'RC-30')).toMatchObject({ indicator: 'critical' })],
  [
    'order-select V02',
    (out) => {
      const rc30 = card(out, 'RC-30');
      expect(rc30?.indicator).toBe('critical');
      expect(rc30?.suggestions?.[0]).toMatchObject({ label: 'Replace cetuximab with bevacizumab', actions: [{ type: 'delete' }, { type: 'create' }] });
    },
  ],
  ['order-sign V13', (out) => expect(card(out, 'RC-35')).toMatchObject({ indicator: 'warning', suggestions: [expect.objectContaining({ actions: [expect.objectContaining({ type: 'update' })] })] })],
  [
    'the rule page and its JSON',
    (out) => {
      const [heading, json] = out.split('\n');
      expect(heading).toBe('<h1 id="rule-title">RC-30: Anti-EGFR ordered in RAS-mutant disease</h1>');
      expect(JSON.parse(json ?? '')).toMatchObject({ id: 'RC-30', indicator: 'critical' });
    },
  ],
];

let server: Server;
let port = 0;

beforeAll(async () => {
  const config = testConfig();
  const { router } = await startDemoMode(config);
  const app = createApp(config, { demoRouter: router });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
}, 60_000);
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

function run(block: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-o', 'pipefail', '-c', block], { env: { ...process.env, PORT: String(port) }, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('every example is checked below, and every example follows PORT (no fixed port anywhere in them)', () => {
  expect(blocks).toHaveLength(CHECKS.length);
  for (const b of blocks) expect(b).not.toMatch(/localhost:\d/);
  expect(port).not.toBe(8080);
});

(haveCurl ? describe : describe.skip)('run as written with curl, PORT set to the non-default port', () => {
  test.each(CHECKS.map(([name, check], i) => [name, i, check] as const))('%s', async (_name, i, check) => {
    const { code, stdout, stderr } = await run(blocks[i] ?? '');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    check(stdout.trim());
  });
});
