import type { FhirResource } from 'fhir/r4.js';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { prefetchFor, service } from '../support/prefetch.js';
import { orderRequest } from '../support/order-request.js';
import { TYPE_AND_ID } from '../../src/domain/ids.js';
import { NOW } from '../support/now.js';

/**
 * Drafts sent without an id (allowed in `context.draftOrders`): the card still comes, names the order by its
 * display, and offers no `delete` or `update` of it, since such an action would point at nothing. A `create` of
 * the alternative stays. No action ever carries a `resourceId` that is not a real `Type/id`.
 */
const app = createApp(testConfig({ ruleSet: 'extended' }), { now: () => NOW });

interface Action {
  type: 'create' | 'update' | 'delete';
  resourceId?: string[];
  resource?: { resourceType: string; id?: string };
}
interface WireCard {
  summary: string;
  detail: string;
  source: { topic: { code: string } };
  suggestions?: { label: string; actions: Action[] }[];
}


function withoutId(r: FhirResource): FhirResource {
  const { id: _id, ...rest } = r;
  return rest as FhirResource;
}

/** order-sign for a vignette patient, with the vignette's drafts passed through `edit`. */
async function signCards(scenarioId: string, edit: (orders: FhirResource[]) => FhirResource[]): Promise<WireCard[]> {
  const scenario = scenarioById(scenarioId)!;
  const orders = edit(scenario.draftOrders!(NOW).orders);
  const svc = service('order-sign');
  const body = orderRequest('order-sign', scenario.patientId, orders, [], { prefetch: prefetchFor(svc, scenario.record(NOW)) });
  const res = await request(app).post(`/cds-services/${svc.id}`).send(body);
  expect(res.status).toBe(200);
  return res.body.cards as WireCard[];
}

const actionsOf = (card: WireCard | undefined) => (card?.suggestions ?? []).flatMap((s) => s.actions);
const card = (cards: WireCard[], rule: string) => cards.find((c) => c.source.topic.code === rule);

function expectOnlyRealResourceIds(cards: WireCard[]) {
  for (const a of cards.flatMap(actionsOf)) {
    for (const id of a.resourceId ?? []) expect(id).toMatch(TYPE_AND_ID);
    if (a.type === 'update') expect(`${a.resource?.resourceType}/${a.resource?.id}`).toMatch(TYPE_AND_ID);
  }
}

describe('order-sign with a draft sent without an id', () => {
  test('RC-35 (V12): the card stays and names the hepatectomy, but offers no update of it', async () => {
    const withIds = await signCards('V12', (orders) => orders);
    expect(actionsOf(card(withIds, 'RC-35')).map((a) => a.type)).toEqual(['update']);

    const cards = await signCards('V12', (orders) => orders.map(withoutId));
    const rc35 = card(cards, 'RC-35');
    expect(rc35).toBeDefined();
    expect(rc35?.suggestions ?? []).toEqual([]);
    expect(rc35?.detail).toMatch(/".+" was sent without a valid id, so this card cannot cancel or reschedule it: change it in the order entry/);
    expectOnlyRealResourceIds(cards);
  });

  test('RC-30 (V02, cetuximab without id): no delete, the bevacizumab order is still offered', async () => {
    const cards = await signCards('V02', (orders) => orders.map((o) => (JSON.stringify(o).includes('cetuximab') ? withoutId(o) : o)));
    const rc30 = card(cards, 'RC-30');
    expect(rc30).toBeDefined();
    expect(actionsOf(rc30).map((a) => a.type)).toEqual(['create']);
    expect(actionsOf(rc30)[0]?.resource).toMatchObject({ resourceType: 'MedicationRequest', medicationCodeableConcept: { text: 'bevacizumab' } });
    expect(rc30?.detail).toMatch(/"[^"]*cetuximab[^"]*" was sent without a valid id/i);
    expectOnlyRealResourceIds(cards);
  });

  test('several drafts without id or fullUrl are not confused with each other', async () => {
    const cards = await signCards('V02', (orders) => orders.map(withoutId));
    const rc30 = card(cards, 'RC-30');
    expect(rc30?.summary).toMatch(/^Cetuximab ordered/);
    expect(rc30?.detail).toMatch(/"[^"]*cetuximab[^"]*" was sent without a valid id/i);
    expect(cards.flatMap(actionsOf).map((a) => a.type)).not.toContain('delete');
    expectOnlyRealResourceIds(cards);
  });
});
