import type { FhirResource, Resource } from 'fhir/r4.js';
import { testConfig } from '../support/test-config.js';
import { type Config } from '../../src/config/types.js';
import {
  aDraftMedication, aDraftRegimen, aKrasTest, aRasVariant, aServiceRequest,
} from '../../src/fixtures/builders/index.js';
import { allScenarios, scenarioById } from '../../src/fixtures/scenarios/index.js';
import type { Scenario, ScenarioExpectation } from '../../src/fixtures/scenario.js';
import { cardIds, prefetchFor, service } from '../support/prefetch.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';
import { expectCardsMatch } from '../support/vignette-check.js';
import { draftsFor, orderRequest, recordCopy, refOf, type OrderHook } from '../support/order-request.js';
import { NOW } from '../support/now.js';

/**
 * Every order-select / order-sign vignette of shared/clinical/vignettes.md through the real HTTP endpoint, with
 * the record as prefetch and through `fhirServer` alone; then the cases the vignettes leave out: several drafts
 * of which one is a problem, the same order with and without a biomarker result, and orders with no cancer.
 */
const isOrderHook = (h: string): h is OrderHook => h === 'order-select' || h === 'order-sign';

interface WireCard {
  summary: string;
  detail: string;
  indicator: string;
  source: { topic: { code: string } };
  overrideReasons?: { code: string; display?: string }[];
  suggestions?: { actions?: { type: string; resourceId?: string[] }[] }[];
}

const cases = allScenarios.flatMap((s) =>
  s.expectations
    .filter((e) => isOrderHook(e.hook) && s.draftOrders)
    .map((e) => [`${s.id} ${s.slug} ${e.hook} (${e.mode ?? 'extended'})`, s, e] as const),
);

// ---- the cases beyond the vignettes -------------------------------------------------------------------

const need = (id: string): Scenario => {
  const s = scenarioById(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};
const v03 = need('V03');
const v02 = need('V02');
const noCancer = need('E02');

/** V03's patient (no RAS result) as two more patients: one with KRAS G12D, one RAS/BRAF wild-type. */
const withKrasMutant = recordCopy(v03.record(NOW), v03.patientId, 'x1-v03-kras-g12d', NOW, (ctx) => [
  aRasVariant(ctx, { gene: 'KRAS', present: true, variant: 'p.Gly12Asp', daysAgo: 5 }),
]);
const withRasWildType = recordCopy(v03.record(NOW), v03.patientId, 'x2-v03-ras-wt', NOW, (ctx) => [
  aKrasTest(ctx, { code: '81420-2', result: 'negative', daysAgo: 5 }),
  aRasVariant(ctx, { gene: 'BRAF', present: false, daysAgo: 5 }),
]);
const extraRecords: Resource[][] = [withKrasMutant, withRasWildType];

const servers = new Map<string, LiveServer>();
const configFor = (mode: 'extended' | 'seed-only'): Config => testConfig({ ruleSet: mode });

beforeAll(async () => {
  const records = [...allScenarios.map((s) => s.record(NOW)), ...extraRecords];
  for (const mode of ['extended', 'seed-only'] as const) servers.set(mode, await startLiveServer(configFor(mode), records, { now: () => NOW }));
});
afterAll(async () => {
  for (const s of servers.values()) await s.close();
});

async function call(
  hook: OrderHook,
  patientId: string,
  record: Resource[] | undefined,
  orders: FhirResource[],
  selections: string[],
  mode: 'extended' | 'seed-only' = 'extended',
): Promise<WireCard[]> {
  const live = servers.get(mode)!;
  const svc = service(hook);
  const extra = record ? { prefetch: prefetchFor(svc, record) } : { fhirServer: live.fhirBase };
  const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, orderRequest(hook, patientId, orders, selections, extra));
  expect(res.status).toBe(200);
  return res.body.cards as WireCard[];
}

/** What every order card must do whatever the vignette: name its order, carry reasons, act on real drafts. */
function checkOrderCards(cards: WireCard[], orders: FhirResource[]) {
  const draftIds = orders.map(refOf);
  for (const card of cards) {
    expect(card.summary.length).toBeLessThan(140);
    expect(draftIds.some((id) => card.detail.includes(`(${id})`))).toBe(true);
    if (card.indicator !== 'info') {
      expect(card.overrideReasons?.length).toBeGreaterThan(0);
      for (const r of card.overrideReasons ?? []) expect(r.display).toEqual(expect.any(String));
    }
    for (const action of (card.suggestions ?? []).flatMap((s) => s.actions ?? [])) {
      if (action.type === 'delete') for (const id of action.resourceId ?? []) expect(draftIds).toContain(id);
    }
  }
}

describe.each(cases)('%s', (_name, scenario: Scenario, e: ScenarioExpectation) => {
  const hook = e.hook as OrderHook;
  const { orders, selections } = scenario.draftOrders!(NOW);
  const mode = e.mode ?? 'extended';

  test('with prefetch', async () => {
    const cards = await call(hook, scenario.patientId, scenario.record(NOW), orders, selections, mode);
    expectCardsMatch(cards, e);
    checkOrderCards(cards, orders);
  });
  test('through fhirServer alone', async () => {
    const cards = await call(hook, scenario.patientId, undefined, orders, selections, mode);
    expectCardsMatch(cards, e);
    checkOrderCards(cards, orders);
  });
});

describe('what the vignettes leave out', () => {
  test.each<[OrderHook]>([['order-select'], ['order-sign']])('%s: several drafts, one a problem: one card about that order only (and the first-fluoropyrimidine note)', async (hook) => {
    const orders = draftsFor(v02.patientId, NOW, (ctx) => [
      ...aDraftRegimen(ctx, 'FOLFOX'),
      aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 }),
      aServiceRequest(ctx, 'colonoscopy', { status: 'draft' }),
    ]);
    const cetuximab = orders.find((o) => o.id?.includes('cetuximab'))!;
    for (const record of [v02.record(NOW), undefined]) {
      const cards = await call(hook, v02.patientId, record, orders, orders.map(refOf));
      // V02 is untreated with no DPYD result: the FOLFOX fluorouracil also gets the DPYD note (RC-E11, info).
      expect(cardIds({ cards })).toEqual(['RC-30', 'RC-E11']);
      const deletes = cards.flatMap((c) => c.suggestions ?? []).flatMap((s) => s.actions ?? []).filter((a) => a.type === 'delete');
      expect(deletes.flatMap((a) => a.resourceId)).toEqual([refOf(cetuximab)]);
      expect(cards.find((c) => c.source.topic.code === 'RC-E11')?.indicator).toBe('info');
      checkOrderCards(cards, orders);
    }
  });

  describe('the same panitumumab order with and without a RAS result', () => {
    const panitumumab = (patientId: string) => draftsFor(patientId, NOW, (ctx) => [aDraftMedication(ctx, 'panitumumab', { intervalDays: 14 })]);
    test.each<[string, string, Resource[], string[], string[]]>([
      ['no RAS result: RC-31 (unknown is not wild-type)', v03.patientId, v03.record(NOW), ['RC-31'], ['RC-30']],
      ['KRAS G12D: RC-30', 'x1-v03-kras-g12d', withKrasMutant, ['RC-30'], ['RC-31']],
      ['KRAS and NRAS wild-type: no card', 'x2-v03-ras-wt', withRasWildType, [], ['*']],
    ])('%s', async (_name, patientId, record, expected, forbidden) => {
      const orders = panitumumab(patientId);
      for (const hook of ['order-select', 'order-sign'] as const) {
        for (const viaPrefetch of [true, false]) {
          const cards = await call(hook, patientId, viaPrefetch ? record : undefined, orders, orders.map(refOf));
          expectCardsMatch(cards, { expected, forbidden });
          checkOrderCards(cards, orders);
        }
      }
    });
  });

  test.each<[OrderHook]>([['order-select'], ['order-sign']])('%s: orders for a patient with no cancer at all get no card', async (hook) => {
    const orders = draftsFor(noCancer.patientId, NOW, (ctx) => [
      aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 }),
      aServiceRequest(ctx, 'apr', { status: 'draft', occurrenceDaysFromNow: 10 }),
      aServiceRequest(ctx, 'long-course-chemoradiotherapy', { status: 'draft', dose: { totalCGy: 5040, fractions: 28 } }),
    ]);
    for (const record of [noCancer.record(NOW), undefined]) {
      expect(cardIds({ cards: await call(hook, noCancer.patientId, record, orders, orders.map(refOf)) })).toEqual([]);
    }
  });
});
