import type { Recommendation } from '../../src/engine/types.js';
import { allRules } from '../../src/engine/rules/index.js';
import { mapDraftOrders } from '../../src/fhir-mapping/draft-orders.js';
import type { Scenario, ScenarioExpectation } from '../../src/fixtures/scenarios/index.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { assessRecord } from '../../src/hooks/assess-record.js';
import { NOW } from '../support/case-builder.js';

/**
 * Generated from the rules themselves: each rule names its example scenarios (`meta.examples`); every example
 * must say something about the rule (expected or forbidden) for a hook the rule answers, and the engine must
 * agree with it. A new rule is covered by writing its file and its scenario, nothing else.
 */
function recommendationsFor(s: Scenario, e: ScenarioExpectation): Recommendation[] {
  const orders = s.draftOrders?.(NOW);
  const drafts =
    e.hook === 'patient-view' || !orders
      ? undefined
      : mapDraftOrders({ resourceType: 'Bundle', type: 'collection', entry: orders.orders.map((resource) => ({ resource })) }, e.hook === 'order-select' ? { selections: orders.selections } : {});
  const { evaluation } = assessRecord(s.record(NOW), {
    patientId: s.patientId,
    hook: e.hook,
    now: NOW,
    settings: { ruleSet: e.mode ?? 'extended', disabledRules: [], rectosigmoidInScope: e.rectosigmoidInScope ?? false },
    rules: allRules,
    ...(drafts ? { drafts } : {}),
  });
  return evaluation.recommendations;
}

const cases = allRules.flatMap((rule) =>
  rule.meta.examples.map((example) => [rule.meta.id, example, rule] as const),
);

describe.each(cases)('%s, example %s', (ruleId, example, rule) => {
  const scenario = scenarioById(example);

  test('the example scenario exists and names the rule for a hook the rule answers', () => {
    expect(scenario).toBeDefined();
    const about = scenario!.expectations.filter((e) => rule.meta.hooks.includes(e.hook) && [...e.expected, ...e.forbidden].includes(ruleId));
    expect(about.length).toBeGreaterThan(0);
  });

  test('the engine does what the example says', () => {
    for (const e of scenario!.expectations.filter((x) => rule.meta.hooks.includes(x.hook))) {
      const fired = recommendationsFor(scenario!, e).filter((r) => r.ruleId === ruleId);
      if (e.expected.includes(ruleId)) {
        expect([e.hook, fired.length > 0]).toEqual([e.hook, true]);
        const indicator = e.indicators?.[ruleId];
        if (indicator) expect(fired.map((r) => r.indicator)).toContain(indicator);
      }
      if (e.forbidden.includes(ruleId)) expect([e.hook, fired.length]).toEqual([e.hook, 0]);
    }
  });
});

test('every rule has at least one example in which it fires', () => {
  const withoutFiringExample = allRules.filter(
    (r) => !r.meta.examples.some((id) => scenarioById(id)?.expectations.some((e) => r.meta.hooks.includes(e.hook) && e.expected.includes(r.meta.id))),
  );
  expect(withoutFiringExample.map((r) => r.meta.id)).toEqual([]);
});
