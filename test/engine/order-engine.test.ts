import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import { orderRules } from '../../src/engine/rules/orders/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';
import { aStageIvCase, withGene } from '../support/case-builder.js';
import { drug, idsFor, orderCtx } from '../support/draft-builder.js';

/** How the order rules sit in the engine: hooks, scope gate, one recommendation per firing, disabled rules. */

const mutant = () => {
  const c = aStageIvCase();
  return { ...c, biomarkers: { ...c.biomarkers, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') } };
};

test('the order rules are exactly the table\'s order rows, valid, and registered', () => {
  expect(orderRules.map((r) => r.id)).toEqual(['RC-30', 'RC-31', 'RC-32', 'RC-33', 'RC-34', 'RC-35', 'RC-36', 'RC-37', 'RC-38', 'RC-E5', 'RC-E7', 'RC-E10']);
  expect(() => validateRules(allRules)).not.toThrow();
  for (const r of orderRules) expect(allRules.some((x) => x.id === r.id && r.hooks.every((h) => x.hooks.includes(h)))).toBe(true);
});

test('order hooks return only order rules; patient-view never sees an order rule fire', () => {
  const c = mutant();
  const orderIds = new Set(orderRules.map((r) => r.id));
  for (const hook of ['order-select', 'order-sign'] as const) {
    for (const id of idsFor(c, hook, [drug('cetux', ['cetuximab'])])) expect(orderIds.has(id)).toBe(true);
  }
  expect(idsFor(c, 'patient-view', [drug('cetux', ['cetuximab'])])).not.toContain('RC-30');
});

test.each<[string, Parameters<typeof aStageIvCase>[0]]>([
  ['colon cancer', { scope: { kind: 'out-of-scope', reason: 'colon-cancer' } }],
  ['no cancer at all', { scope: { kind: 'out-of-scope', reason: 'no-rectal-cancer' } }],
  ['deceased', { deceased: true }],
  ['not stage IV', { stageIV: false, metastases: [], stageGroup: undefined }],
])('%s: no order card', (_name, over) => {
  const c = { ...mutant(), ...over };
  expect(idsFor(c, 'order-sign', [drug('cetux', ['cetuximab'])])).toEqual([]);
});

test('an operator can switch an order rule off', () => {
  expect(idsFor(mutant(), 'order-sign', [drug('cetux', ['cetuximab'])], { disabledRules: new Set(['RC-30']) })).toEqual([]);
});

test('applies() of an order rule reports its first firing (the single-firing view)', () => {
  const rc30 = orderRules.find((r) => r.id === 'RC-30')!;
  const ctx = orderCtx('order-sign', [drug('a', ['cetuximab']), drug('b', ['panitumumab'])]);
  expect(rc30.appliesEach?.(mutant(), ctx).map((f) => f.draftIds)).toEqual([['MedicationRequest/a'], ['MedicationRequest/b']]);
  expect(rc30.applies(mutant(), ctx)?.draftIds).toEqual(['MedicationRequest/a']);
  expect(evaluate(allRules, mutant(), ctx).map((r) => r.ruleId)).toEqual(['RC-30', 'RC-30']);
});

test('no drafts in the context: no order card', () => {
  expect(evaluate(allRules, mutant(), { hook: 'order-sign', ruleSet: 'extended', disabledRules: new Set(), now: new Date(mutant().now) })).toEqual([]);
});
