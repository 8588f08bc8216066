import type { DraftOrder } from '../../src/domain/draft-order.js';
import { hasResourceId } from '../../src/engine/rules/shared/draft-actions.js';
import { aStageIvCase, withGene } from '../support/case-builder.js';
import { actionsOf, drug, radiotherapy, recsFor } from '../support/draft-builder.js';

/** Order cards never cancel or reschedule a draft the EHR sent without an id: the action would point at nothing. */

const krasMutant = () => {
  const c = aStageIvCase();
  return { ...c, biomarkers: { ...c.biomarkers, kras: withGene('KRAS', 'mutant', 'p.Gly12Asp') } };
};
/** A draft named as the mapper names one sent without an id (its fullUrl, or its place in the Bundle). */
const unnamed = <T extends DraftOrder>(d: T, id: string): T => ({ ...d, id });

test.each<[string, boolean]>([
  ['MedicationRequest/cetux-1', true],
  ['urn:uuid:5f1c', false],
  ['https://ehr.example.org/fhir/MedicationRequest/1', false],
  ['MedicationRequest #3 (no id)', false],
  ['MedicationRequest/(no id)', false],
])('hasResourceId(%s) = %s', (id, expected) => {
  expect(hasResourceId(id)).toBe(expected);
});

test('RC-30 on a cetuximab draft without id: no delete, bevacizumab still offered, the order named', () => {
  const r = recsFor(krasMutant(), 'order-sign', [unnamed(drug('c', ['cetuximab'], { label: 'Cetuximab 500 mg/m2' }), 'urn:uuid:c1')]).find((x) => x.ruleId === 'RC-30');
  expect(actionsOf(r)).toEqual(['order-drug:bevacizumab']);
  expect(r?.detail).toContain('"Cetuximab 500 mg/m2" was sent without a valid id, so this card cannot cancel or reschedule it: change it in the order entry.');
});

test('the same draft with an id keeps its delete, and the card says nothing about ids', () => {
  const r = recsFor(krasMutant(), 'order-sign', [drug('c', ['cetuximab'])]).find((x) => x.ruleId === 'RC-30');
  expect(actionsOf(r)).toEqual(['delete-draft:MedicationRequest/c', 'order-drug:bevacizumab']);
  expect(r?.detail).not.toMatch(/valid id/);
});

test('RC-34, whose only suggestion cancels the draft: the card stays, without suggestions', () => {
  const rt = unnamed(radiotherapy('rt', { course: 'other', pelvic: true }, { label: 'Pelvic RT 30 Gy' }), 'ServiceRequest #2 (no id)');
  const r = recsFor(aStageIvCase(), 'order-select', [rt]).find((x) => x.ruleId === 'RC-34');
  expect(r?.suggestions).toEqual([]);
  expect(r?.detail).toContain('"Pelvic RT 30 Gy" was sent without a valid id');
});
