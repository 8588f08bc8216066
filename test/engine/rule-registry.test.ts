import { allRules } from '../../src/engine/rules/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';

/**
 * The registered rule set, checked by the shape of the decision table rather than by a list that would need
 * editing for every new rule: rows RC-01..RC-29 are chart review (patient-view), rows RC-30..RC-39 order-entry
 * nudges, and the ext rules (RC-E..) name their hooks.
 */
const number = (id: string) => (id.startsWith('RC-E') ? undefined : Number(id.slice(3)));

describe('the registered rule set', () => {
  test.each(allRules.map((r) => [r.meta.id, r] as const))('%s loads and validates on its own (ids, hooks, seeds, ext citation, examples)', (_id, rule) => {
    expect(() => validateRules([rule])).not.toThrow();
  });

  test('chart-review rows (RC-01..RC-29) answer patient-view only', () => {
    const wrong = allRules.filter((r) => (number(r.meta.id) ?? 99) < 30 && r.meta.hooks.some((h) => h !== 'patient-view'));
    expect(wrong.map((r) => r.meta.id)).toEqual([]);
  });

  test('order rows (RC-30..RC-39) answer order hooks only', () => {
    const wrong = allRules.filter((r) => (number(r.meta.id) ?? 0) >= 30 && r.meta.hooks.includes('patient-view'));
    expect(wrong.map((r) => r.meta.id)).toEqual([]);
  });

  test('the rules are listed in table order, each id once', () => {
    const ids = allRules.map((r) => r.meta.id);
    const key = (id: string) => (id.startsWith('RC-E') ? 1000 + Number(id.slice(4)) : Number(id.slice(3)));
    expect([...ids].sort((a, b) => key(a) - key(b))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('only RC-22, RC-23 (local recurrence) and RC-26 (comfort care, which silences them) run without stage IV', () => {
    expect(allRules.filter((r) => r.meta.withoutStageIV).map((r) => r.meta.id)).toEqual(['RC-22', 'RC-23', 'RC-26']);
  });
});
