import { toCard } from '../../src/hooks/cards.js';
import type { Recommendation } from '../../src/engine/types.js';
import { mapDraftOrders } from '../../src/fhir-mapping/draft-orders.js';

/** The order cards' actions on the wire: what they create or change, and that this service reads it back. */

const rec = (actions: Recommendation['suggestions'][number]['actions']): Recommendation => ({
  ruleId: 'RC-35',
  title: 'Surgery within 6 weeks of bevacizumab',
  indicator: 'warning',
  summary: 's',
  detail: 'd',
  basedOn: [],
  evidence: { seeds: ['004'] },
  origin: 'seed',
  suggestions: [{ label: 'fix', isRecommended: true, actions }],
  overrideReasons: ['mdt-decision'],
});

const hepatectomy = {
  resourceType: 'ServiceRequest',
  id: 'hep-1',
  status: 'draft',
  intent: 'order',
  priority: 'routine',
  code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '47120' }], text: 'Partial hepatectomy' },
  subject: { reference: 'Patient/p1' },
  occurrencePeriod: { start: '2026-06-06' },
  note: [{ text: 'Segments VI/VII' }],
};
const deps = { newId: () => 'id', publicBaseUrl: 'https://cds.example.org', patientId: 'p1', drafts: new Map([['ServiceRequest/hep-1', hepatectomy]]) };
const actionsOf = (actions: Recommendation['suggestions'][number]['actions']) => toCard(rec(actions), deps).suggestions?.[0]?.actions ?? [];
const readBack = (resource: Record<string, unknown>) => mapDraftOrders({ resourceType: 'Bundle', entry: [{ resource: { ...resource, id: 'new' } }] });

test('reschedule: an update of the whole draft with only the planned date changed', () => {
  const [action] = actionsOf([{ type: 'reschedule-draft', draftId: 'ServiceRequest/hep-1', occurrence: '2026-06-22T12:00:00Z', description: 'move it' }]);
  expect(action?.type).toBe('update');
  const { occurrencePeriod: _old, ...unchanged } = hepatectomy;
  expect(action?.type === 'update' ? action.resource : undefined).toEqual({ ...unchanged, occurrenceDateTime: '2026-06-22T12:00:00Z' });
});

test('reschedule of a draft that is not in the request is a bug, not a silent wrong action', () => {
  expect(() => actionsOf([{ type: 'reschedule-draft', draftId: 'ServiceRequest/nope', occurrence: '2026-06-22', description: 'x' }])).toThrow(/not among the draft orders/);
});

test('delete names the draft by Type/id', () => {
  expect(actionsOf([{ type: 'delete-draft', draftId: 'MedicationRequest/cetux-1', description: 'Cancel cetuximab' }])).toEqual([
    { type: 'delete', description: 'Cancel cetuximab', resourceId: ['MedicationRequest/cetux-1'] },
  ]);
});

test('create bevacizumab: a draft MedicationRequest for the patient that reads back as bevacizumab', () => {
  const [action] = actionsOf([{ type: 'order-drug', drug: 'bevacizumab', reason: 'instead of cetuximab' }]);
  const resource = action?.type === 'create' ? action.resource : {};
  expect(resource).toMatchObject({ resourceType: 'MedicationRequest', status: 'draft', subject: { reference: 'Patient/p1' } });
  expect(readBack(resource)).toMatchObject([{ kind: 'drug', drugs: ['bevacizumab'] }]);
});

test.each<[boolean]>([[true], [false]])('create short-course RT (curative %s): reads back as 25 Gy / 5 to the pelvis', (curative) => {
  const [action] = actionsOf([{ type: 'order-short-course-rt', reason: 'instead of long course', curative }]);
  const resource = action?.type === 'create' ? action.resource : {};
  expect(readBack(resource)).toMatchObject([
    { kind: 'radiotherapy', course: 'short-course', pelvic: true, totalDoseCGy: 2500, fractions: 5, ...(curative ? { curative: true } : {}) },
  ]);
});
