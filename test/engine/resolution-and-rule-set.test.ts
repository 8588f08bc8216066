import { applySuppressions } from '../../src/engine/resolution.js';
import { allRules } from '../../src/engine/rules/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';
import type { RuleMeta } from '../../src/engine/rule.js';
import { aStageIvCase, withSynchronous } from '../support/case-builder.js';
import { idsFor, radiotherapy, recsFor } from '../support/draft-builder.js';

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

describe('resolution rules on order cards: only about the same draft', () => {
  const on = (ruleId: string, ...draftIds: string[]) => ({ ruleId, draftIds });
  const kept = (input: { ruleId: string; draftIds: string[] }[]) => applySuppressions(input).map((r) => `${r.ruleId}:${r.draftIds.join('+')}`);

  test.each<[string, { ruleId: string; draftIds: string[] }[], string[]]>([
    ['RC-33 on the long course hides RC-34 on the same course', [on('RC-33', 'rt-long'), on('RC-34', 'rt-long')], ['RC-33:rt-long']],
    ['RC-33 on one course does not hide RC-34 on another', [on('RC-33', 'rt-long'), on('RC-34', 'rt-other')], ['RC-33:rt-long', 'RC-34:rt-other']],
    [
      'both courses: only the RC-34 of the long course goes',
      [on('RC-33', 'rt-long'), on('RC-34', 'rt-long'), on('RC-34', 'rt-other')],
      ['RC-33:rt-long', 'RC-34:rt-other'],
    ],
    ['RC-E7 hides RC-30 for the anti-EGFR co-ordered with the G12C inhibitor', [on('RC-E7', 'cetux', 'soto'), on('RC-30', 'cetux')], ['RC-E7:cetux+soto']],
    ['RC-E7 does not hide RC-30 for another anti-EGFR', [on('RC-E7', 'cetux', 'soto'), on('RC-30', 'pani')], ['RC-E7:cetux+soto', 'RC-30:pani']],
    ['RC-30 hides RC-31 on the same draft only', [on('RC-30', 'cetux'), on('RC-31', 'cetux'), on('RC-31', 'pani')], ['RC-30:cetux', 'RC-31:pani']],
  ])('%s', (_name, input, output) => {
    expect(kept(input)).toEqual(output);
  });
});

describe('resolution through the engine: a card on one draft never hides a card on another', () => {
  const synchronousUntreated = () => aStageIvCase({ ...withSynchronous(true), therapy: { exposures: [], lines: [] } });
  const long = radiotherapy('rt-long', { course: 'long-course', pelvic: true, totalDoseCGy: 5040 });

  test('RC-33 on the long course, RC-34 on a second pelvic course (order-select)', () => {
    const other = radiotherapy('rt-other', { course: 'other', pelvic: true });
    const recs = recsFor(synchronousUntreated(), 'order-select', [long, other]).filter((r) => ['RC-33', 'RC-34'].includes(r.ruleId));
    expect(recs.map((r) => `${r.ruleId}:${r.draftIds?.join('+')}`).sort()).toEqual(['RC-33:ServiceRequest/rt-long', 'RC-34:ServiceRequest/rt-other']);
  });

  test('the long course alone: RC-33 only, its RC-34 is suppressed', () => {
    expect(idsFor(synchronousUntreated(), 'order-select', [long]).filter((id) => ['RC-33', 'RC-34'].includes(id))).toEqual(['RC-33']);
  });
});

describe('rule set validation at start-up', () => {
  test('the shipped rules are valid', () => {
    expect(() => validateRules(allRules)).not.toThrow();
  });

  const base = allRules[0]!;
  test.each<[string, Partial<RuleMeta>, RegExp]>([
    ['bad id', { id: 'X-1' }, /id must look like/],
    ['unknown seed', { evidence: { seeds: ['999'] } }, /unknown seed 999/],
    ['ext rule without citation', { origin: 'ext', evidence: { seeds: [] } }, /must cite/],
    ['no hook', { hooks: [] }, /no hook/],
    ['no example scenario', { examples: [] }, /no example scenario/],
  ])('%s is refused', (_n, over, message) => {
    expect(() => validateRules([{ ...base, meta: { ...base.meta, ...over } }])).toThrow(message);
  });

  test('duplicate ids are refused', () => {
    expect(() => validateRules([base, base])).toThrow(/duplicate/);
  });
});
