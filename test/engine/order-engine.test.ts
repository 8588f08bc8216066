import { evaluate } from '../../src/engine/evaluate.js';
import { createFactBase } from '../../src/engine/facts/fact-base.js';
import { allRules } from '../../src/engine/rules/index.js';
import { validateRules } from '../../src/engine/validate-rules.js';
import { aStageIvCase, withGene } from '../support/case-builder.js';
import { drug, idsFor, orderCtx } from '../support/draft-builder.js';

/** How the order rules sit in the engine: hooks, scope gate, one recommendation per firing, disabled rules. */

const mutant = () => {
  const c = aStageIvCase();
  return { ...c, biomarkers: { ...c.biomarkers, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') } };
};

/** The order rules: those answering an order hook (order-select or order-sign). */
const orderRules = allRules.filter((r) => r.meta.hooks.some((h) => h !== 'patient-view'));

test('the order rules are the table\'s order rows (RC-30 to RC-39 and ext rules), valid, and registered', () => {
  expect(orderRules.length).toBeGreaterThan(0);
  for (const { meta } of orderRules) expect(meta.id).toMatch(/^RC-(3\d|E\d{1,2})$/);
  expect(() => validateRules(allRules)).not.toThrow();
});

test('order hooks return only order rules; patient-view never sees an order rule fire', () => {
  const c = mutant();
  const orderIds = new Set(orderRules.map((r) => r.meta.id));
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

test('an order rule fires once per offending draft: one firing, one card', () => {
  const rc30 = orderRules.find((r) => r.meta.id === 'RC-30')!;
  const ctx = orderCtx('order-sign', [drug('a', ['cetuximab']), drug('b', ['panitumumab'])]);
  const match = rc30.match(createFactBase(mutant(), ctx), ctx);
  expect(match.firings.map((f) => f.draftIds)).toEqual([['MedicationRequest/a'], ['MedicationRequest/b']]);
  expect(evaluate(allRules, mutant(), ctx).map((r) => r.ruleId)).toEqual(['RC-30', 'RC-30']);
});

test('no drafts in the context: no order card', () => {
  expect(evaluate(allRules, mutant(), { hook: 'order-sign', ruleSet: 'extended', disabledRules: new Set(), now: new Date(mutant().now) })).toEqual([]);
});
