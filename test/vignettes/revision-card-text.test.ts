import { allScenarios, scenarioById } from '../../src/fixtures/scenarios/index.js';
import type { Scenario } from '../../src/fixtures/scenario.js';
import { postJson, startLiveServer, type LiveServer } from '../support/live-server.js';
import { NOW } from '../support/now.js';
import { orderRequest, type OrderHook } from '../support/order-request.js';
import { cardFor, patientViewRequest, prefetchFor, rulesOf, sectionFor, service } from '../support/prefetch.js';
import { testConfig } from '../support/test-config.js';

/**
 * What the cards of the revised vignettes (decision table revision of 2026-12-02) say, beyond which rules
 * fire: the stage they cite, the result they used, the order they act on, the threshold they restate. Every
 * check runs with the record as prefetch and through `fhirServer` alone.
 */
interface WireCard {
  summary: string;
  detail: string;
  indicator: string;
  source: { topic: { code: string } };
  extension?: Record<string, unknown>;
  suggestions?: { label: string; actions?: { type: string; resourceId?: string[]; resource?: { code?: { coding?: { code?: string }[] } } }[] }[];
}

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer(testConfig(), allScenarios.map((s) => s.record(NOW)), { now: () => NOW });
});
afterAll(() => live.close());

const need = (id: string): Scenario => {
  const s = scenarioById(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};
const modes = [['prefetch'], ['fhirServer']] as const;

async function chart(id: string, mode: 'prefetch' | 'fhirServer'): Promise<WireCard[]> {
  const s = need(id);
  const svc = service('patient-view');
  const extra = mode === 'prefetch' ? { prefetch: prefetchFor(svc, s.record(NOW)) } : { fhirServer: live.fhirBase };
  const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, patientViewRequest(s.patientId, extra));
  expect(res.status).toBe(200);
  return res.body.cards as WireCard[];
}

async function orders(id: string, hook: OrderHook, mode: 'prefetch' | 'fhirServer'): Promise<WireCard[]> {
  const s = need(id);
  const svc = service(hook);
  const { orders: drafts, selections } = s.draftOrders!(NOW);
  const extra = mode === 'prefetch' ? { prefetch: prefetchFor(svc, s.record(NOW)) } : { fhirServer: live.fhirBase };
  const res = await postJson(`${live.baseUrl}/cds-services/${svc.id}`, orderRequest(hook, s.patientId, drafts, selections, extra));
  expect(res.status).toBe(200);
  return res.body.cards as WireCard[];
}

const allText = (cards: WireCard[]) => cards.map((c) => `${c.summary}\n${c.detail}`).join('\n');

describe.each(modes)('revised vignettes, card text (%s)', (mode) => {
  test('V48: a metachronous recurrence is cited as "IV (metastatic recurrence)" with the metastasis date, never stage III', async () => {
    const cards = await chart('V48', mode);
    const text = allText(cards);
    expect(text).toMatch(/- Stage: IV \(metastatic recurrence\), \d{4}-\d{2}-\d{2}/);
    expect(text).not.toMatch(/\bstage III\b|Stage: III\b/i);
    const metastasisDay = new Date(NOW.getTime() - 15 * 86_400_000).toISOString().slice(0, 10);
    expect(text).toContain(`IV (metastatic recurrence), ${metastasisDay}`);
  });

  test('V50: dMMR by IHC leads with the checkpoint inhibitor; RC-04 asks for germline testing and the RAS still unknown, not MSI again', async () => {
    const cards = await chart('V50', mode);
    const plan = cardFor(cards, 'RC-E3')!;
    expect(rulesOf(plan)[0]).toBe('RC-E3');
    expect(sectionFor(plan, 'RC-E3')).toMatch(/MSI\/MMR: MSI-H\/dMMR/);
    const rc04 = sectionFor(plan, 'RC-04') ?? '';
    expect(rc04).toMatch(/germline \(Lynch\) testing/);
    expect(rc04).toMatch(/\*\*extended RAS/);
    expect(rc04).not.toMatch(/\*\*MSI/);
  });

  test('V58: BRAF V600E untreated for 50 days: the BRAF card warns, and says what the first-line card would have', async () => {
    const cards = await chart('V58', mode);
    const e2 = cards.find((c) => c.source.topic.code === 'RC-E2')!;
    expect(e2.indicator).toBe('warning');
    expect(e2.detail).toMatch(/No systemic therapy for 50 days since the metastatic diagnosis: more than 42 days/);
    expect(e2.summary).toMatch(/encorafenib \+ cetuximab \+ mFOLFOX6/);
  });

  test('V46: comfort-focused care names the record that says so, and nothing else is advised', async () => {
    const cards = await chart('V46', mode);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.detail).toMatch(/hospice enrolment \(EpisodeOfCare\).*\(EpisodeOfCare\/v46-hospice-hospice-episode-1\)/);
    expect(cards[0]?.suggestions ?? []).toEqual([]);
  });

  test('V52: cetuximab beside an active bevacizumab order: delete the cetuximab draft; the text says bevacizumab is still ordered', async () => {
    const cards = await orders('V52', 'order-select', mode);
    const e5 = cards.find((c) => c.source.topic.code === 'RC-E5')!;
    expect(e5.indicator).toBe('critical');
    expect(e5.summary).toMatch(/bevacizumab is still ordered/);
    const deletes = (e5.suggestions ?? []).flatMap((s) => s.actions ?? []).filter((a) => a.type === 'delete');
    expect(deletes.flatMap((a) => a.resourceId)).toEqual([expect.stringMatching(/^MedicationRequest\/v52-bev-active-cetux-selected-draft-cetuximab/)]);
    expect((e5.suggestions ?? []).map((s) => s.label).join(' ')).not.toMatch(/keep cetuximab/i);
  });

  test('V51: a line change (panitumumab stopped, FOLFIRI + bevacizumab signed) gets no biologic card at all', async () => {
    const cards = await orders('V51', 'order-sign', mode);
    expect(cards.map((c) => c.source.topic.code)).not.toContain('RC-E5');
    expect(allText(cards)).not.toMatch(/panitumumab/i);
  });

  test('V53: the first capecitabine gets a DPYD genotyping order (LOINC 45284-7) as its suggestion', async () => {
    const cards = await orders('V53', 'order-select', mode);
    const e11 = cards.find((c) => c.source.topic.code === 'RC-E11')!;
    expect(e11.indicator).toBe('info');
    const created = (e11.suggestions ?? []).flatMap((s) => s.actions ?? []).filter((a) => a.type === 'create');
    expect(created.map((a) => a.resource?.code?.coding?.[0]?.code)).toEqual(['45284-7']);
  });

  test('V57: a hepatectomy ordered with a local code 27 days after bevacizumab is critical, and says which order', async () => {
    const cards = await orders('V57', 'order-sign', mode);
    const rc35 = cards.find((c) => c.source.topic.code === 'RC-35')!;
    expect(rc35.indicator).toBe('critical');
    expect(rc35.detail).toMatch(/Hepatectomy, partial/);
  });
});
