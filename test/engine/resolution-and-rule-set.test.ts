import { applySuppressions } from '../../src/engine/resolution.js';
import { allRules } from '../../src/engine/rules/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';
import type { Rule } from '../../src/engine/types.js';

const recs = (...ids: string[]) => ids.map((ruleId) => ({ ruleId }));

describe('resolution rules', () => {
  test.each<[string[], string[]]>([
    [['RC-06', 'RC-05', 'RC-01'], ['RC-06', 'RC-01']],
    [['RC-33', 'RC-34'], ['RC-33']],
    [['RC-02', 'RC-20', 'RC-03'], ['RC-20', 'RC-03']],
    [['RC-30', 'RC-31'], ['RC-30']],
    [['RC-15', 'RC-02', 'RC-03', 'RC-05', 'RC-12', 'RC-13', 'RC-E4', 'RC-01', 'RC-20'], ['RC-15', 'RC-01', 'RC-20']],
    // A G12C inhibitor co-ordered: RC-E7 replaces RC-30, and RC-30 then no longer hides RC-31.
    [['RC-E7', 'RC-30'], ['RC-E7']],
    [['RC-05', 'RC-34'], ['RC-05', 'RC-34']],
  ])('%j -> %j', (input, output) => {
    expect(applySuppressions(recs(...input)).map((r) => r.ruleId)).toEqual(output);
  });
});

describe('rule set validation at start-up', () => {
  test('the shipped rules are valid', () => {
    expect(() => validateRules(allRules)).not.toThrow();
  });

  const base = allRules[0]!;
  test.each<[string, Partial<Rule>, RegExp]>([
    ['bad id', { id: 'X-1' }, /id must look like/],
    ['unknown seed', { evidence: { seeds: ['999'] } }, /unknown seed 999/],
    ['ext rule without citation', { origin: 'ext', evidence: { seeds: [] } }, /must cite/],
    ['no hook', { hooks: [] }, /no hook/],
  ])('%s is refused', (_n, over, message) => {
    expect(() => validateRules([{ ...base, ...over }])).toThrow(message);
  });

  test('duplicate ids are refused', () => {
    expect(() => validateRules([base, base])).toThrow(/duplicate/);
  });
});
