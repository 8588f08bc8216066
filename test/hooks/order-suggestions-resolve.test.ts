import type { FhirResource } from 'fhir/r4.js';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { testConfig } from '../support/test-config.js';
import { aDraftMedication, aDraftRegimen, aServiceRequest } from '../../src/fixtures/builders/index.js';
import { allScenarios, scenarioById } from '../../src/fixtures/scenarios/index.js';
import type { Scenario } from '../../src/fixtures/scenario.js';
import { prefetchFor, service } from '../support/prefetch.js';
import { draftsFor, orderRequest, refOf, type OrderHook } from '../support/order-request.js';
import { NOW } from '../support/now.js';

/**
 * "Actions that really fix it": every suggestion of every order card is applied to the draft orders (delete
 * removes the draft, create adds the new resource, update replaces the draft) and the same hook is called
 * again. The card's problem must be gone and no new problem may appear; applying one suggestion per card
 * leaves only the cards that had nothing to suggest (info notes).
 */
const apps = {
  extended: createApp(testConfig({ ruleSet: 'extended' }), { now: () => NOW }),
  'seed-only': createApp(testConfig({ ruleSet: 'seed-only' }), { now: () => NOW }),
};

interface Action {
  type: 'create' | 'update' | 'delete';
  resourceId?: string[];
  resource?: FhirResource;
}
interface WireCard {
  indicator: string;
  source: { topic: { code: string } };
  suggestions?: { label: string; actions?: Action[] }[];
}
interface OrderSet {
  orders: FhirResource[];
  selections: string[];
}

interface Case {
  name: string;
  scenario: Scenario;
  hook: OrderHook;
  mode: 'extended' | 'seed-only';
  drafts: OrderSet;
}

const cases: Case[] = allScenarios.flatMap((scenario) =>
  scenario.expectations
    .filter((e) => (e.hook === 'order-select' || e.hook === 'order-sign') && scenario.draftOrders)
    .map((e) => ({
      name: `${scenario.id} ${e.hook} (${e.mode ?? 'extended'})`,
      scenario,
      hook: e.hook as OrderHook,
      mode: e.mode ?? 'extended',
      drafts: scenario.draftOrders!(NOW),
    })),
);

/** Order sets the vignettes do not have, chosen for suggestions with more than one way out. */
function extra(id: string, hook: OrderHook, name: string, build: Parameters<typeof draftsFor>[2]): Case {
  const scenario = scenarioById(id)!;
  const orders = draftsFor(scenario.patientId, NOW, build);
  return { name: `${id} ${hook}: ${name}`, scenario, hook, mode: 'extended', drafts: { orders, selections: orders.map(refOf) } };
}
cases.push(
  extra('V07', 'order-sign', 'RAS wild-type, FOLFOX with bevacizumab and cetuximab both drafted', (ctx) => [
    ...aDraftRegimen(ctx, 'FOLFOX'),
    aDraftMedication(ctx, 'bevacizumab', { intervalDays: 14 }),
    aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 }),
  ]),
  extra('V33', 'order-sign', 'bevacizumab running, bevacizumab and cetuximab drafted', (ctx) => [
    aDraftMedication(ctx, 'bevacizumab', { intervalDays: 14 }),
    aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 }),
  ]),
  extra('V45', 'order-sign', 'RAS unknown, cetuximab 14 days after hepatectomy (no bevacizumab to suggest)', (ctx) => [
    ...aDraftRegimen(ctx, 'FOLFOX'),
    aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 }),
  ]),
  extra('V02', 'order-sign', 'KRAS G12D, FOLFOX + cetuximab signed', (ctx) => [...aDraftRegimen(ctx, 'FOLFOX'), aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 })]),
  extra('V11', 'order-sign', 'RAS unknown, cetuximab with an elective APR in 3 weeks (no bevacizumab to suggest)', (ctx) => [
    aServiceRequest(ctx, 'apr', { status: 'draft', occurrenceDaysFromNow: 21 }),
    aDraftMedication(ctx, 'cetuximab', { intervalDays: 14 }),
  ]),
);

async function cardsFor(c: Case, given: OrderSet): Promise<WireCard[]> {
  // A fix that removed the only selected order leaves nothing selected: judge all remaining drafts instead (stricter).
  const set = given.selections.length > 0 ? given : { orders: given.orders, selections: given.orders.map(refOf) };
  const svc = service(c.hook);
  const body = orderRequest(c.hook, c.scenario.patientId, set.orders, set.selections, { prefetch: prefetchFor(svc, c.scenario.record(NOW)) });
  const res = await request(apps[c.mode]).post(`/cds-services/${svc.id}`).send(body);
  expect(res.status).toBe(200);
  return res.body.cards as WireCard[];
}

let created = 0;
/** The draft orders after the EHR applied the actions; what was created or updated counts as selected. */
function apply(set: OrderSet, actions: readonly Action[]): OrderSet {
  let orders = [...set.orders];
  let selections = [...set.selections];
  for (const a of actions) {
    if (a.type === 'delete') {
      const gone = new Set(a.resourceId ?? []);
      orders = orders.filter((o) => !gone.has(refOf(o)));
      selections = selections.filter((s) => !gone.has(s));
    } else if (a.type === 'create') {
      const resource = { ...a.resource!, id: `accepted-${++created}` } as FhirResource;
      orders.push(resource);
      selections.push(refOf(resource));
    } else {
      const resource = a.resource!;
      expect(orders.map(refOf)).toContain(refOf(resource));
      orders = orders.map((o) => (refOf(o) === refOf(resource) ? resource : o));
      if (!selections.includes(refOf(resource))) selections.push(refOf(resource));
    }
  }
  return { orders, selections };
}

const ruleIds = (cards: WireCard[]) => cards.map((c) => c.source.topic.code).sort();

/** `after` holds the cards of `before` minus one card of `rule`, nothing new. */
function expectResolved(before: string[], after: string[], rule: string) {
  const remaining = [...before];
  remaining.splice(remaining.indexOf(rule), 1);
  for (const id of after) {
    const i = remaining.indexOf(id);
    expect([rule, id, i >= 0]).toEqual([rule, id, true]);
    remaining.splice(i, 1);
  }
}

let suggestionsApplied = 0;

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('each suggestion, applied to the draft orders, resolves its card and raises no new one', async () => {
    const before = await cardsFor(c, c.drafts);
    for (const card of before) {
      if (card.indicator !== 'info') expect([card.source.topic.code, card.suggestions?.length ?? 0]).not.toEqual([card.source.topic.code, 0]);
      for (const suggestion of card.suggestions ?? []) {
        expect(suggestion.actions?.length).toBeGreaterThan(0);
        const after = await cardsFor(c, apply(c.drafts, suggestion.actions ?? []));
        expectResolved(ruleIds(before), ruleIds(after), card.source.topic.code);
        suggestionsApplied += 1;
      }
    }
  });

  test('one suggestion per card, all applied: only the cards without suggestions remain', async () => {
    const before = await cardsFor(c, c.drafts);
    const actions = before.flatMap((card) => card.suggestions?.[0]?.actions ?? []);
    const after = await cardsFor(c, apply(c.drafts, actions));
    expect(ruleIds(after)).toEqual(ruleIds(before.filter((card) => !card.suggestions?.length)));
  });
});

// Runs after the cases above (declaration order): they must really have exercised suggestions.
test('the cases above applied suggestions, not empty card lists', () => {
  expect(suggestionsApplied).toBeGreaterThanOrEqual(20);
});
