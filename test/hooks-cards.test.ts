import { toCard, SUMMARY_MAX } from '../src/hooks/cards.js';
import type { Recommendation } from '../src/engine/types.js';

const rec = (over: Partial<Recommendation> = {}): Recommendation => ({
  ruleId: 'RC-04',
  title: 'Biomarker testing',
  indicator: 'info',
  summary: 'Order the tests',
  detail: 'Order them.',
  basedOn: [{ label: 'KRAS', value: 'no valid result on file' }, { label: 'CEA', value: '45 ng/mL', date: '2026-05-01T00:00:00Z', source: { resourceType: 'Observation', id: 'cea-1' } }],
  evidence: { seeds: ['004'], citation: 'PRIME (Douillard, NEJM 2013)' },
  origin: 'seed',
  suggestions: [],
  overrideReasons: [],
  ...over,
});

let n = 0;
const deps = { newId: () => `id-${++n}`, publicBaseUrl: 'https://cds.example.org', patientId: 'p1' };

describe('recommendation -> CDS Hooks card', () => {
  test('source carries the rule id as topic, a label and a url', () => {
    const card = toCard(rec(), deps);
    expect(card.source).toEqual({
      label: expect.any(String),
      url: 'https://cds.example.org/rules/RC-04',
      topic: { system: 'urn:rectal-cds:rule', code: 'RC-04', display: 'Biomarker testing' },
    });
    expect(card.uuid).toMatch(/^id-/);
  });

  test('detail lists the data used with dates and sources, and the evidence', () => {
    const { detail } = toCard(rec(), deps);
    expect(detail).toContain('- CEA: 45 ng/mL, 2026-05-01 (Observation/cea-1)');
    expect(detail).toContain('- KRAS: no valid result on file');
    expect(detail).toMatch(/\*\*Evidence:\*\* no graded level · seeds 004 \(.+\) · PRIME/);
  });

  test('info card without suggestions omits optional fields instead of sending null', () => {
    const card = toCard(rec(), deps);
    expect(Object.keys(card).sort()).toEqual(['detail', 'indicator', 'source', 'summary', 'uuid']);
  });

  test('suggestions become create actions with a ServiceRequest, and set selectionBehavior', () => {
    const card = toCard(rec({ suggestions: [{ label: 'Order MSI', isRecommended: true, actions: [{ type: 'order-test', test: 'MSI', reason: 'MSI unknown' }] }] }), deps);
    expect(card.selectionBehavior).toBe('at-most-one');
    const action = card.suggestions?.[0]?.actions?.[0];
    expect(action).toMatchObject({
      type: 'create',
      resource: {
        resourceType: 'ServiceRequest',
        status: 'draft',
        subject: { reference: 'Patient/p1' },
        code: { coding: [{ system: 'http://loinc.org', code: '81695-9' }] },
      },
    });
  });

  test('warning cards carry override reasons with display', () => {
    const card = toCard(rec({ indicator: 'warning', overrideReasons: ['mdt-decision'] }), deps);
    expect(card.overrideReasons).toEqual([{ system: 'urn:rectal-cds:override-reason', code: 'mdt-decision', display: 'Tumour board (MDT) decision' }]);
  });

  test('summary is cut below 140 characters', () => {
    expect(toCard(rec({ summary: 'x'.repeat(300) }), deps).summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
  });
});
