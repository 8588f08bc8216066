import { toCard, RULES_EXTENSION, SUMMARY_MAX, smartAppLink, withSmartLink, SMART_LINK_LABEL } from '../src/hooks/cards.js';
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
    expect(detail).toMatch(/\*\*Evidence:\*\* no graded level · guideline summary, 2025 · PRIME/);
  });

  test('info card without suggestions omits optional fields instead of sending null', () => {
    const card = toCard(rec(), deps);
    expect(Object.keys(card).sort()).toEqual(['detail', 'extension', 'indicator', 'overrideReasons', 'source', 'summary', 'uuid']);
  });

  test('an info card offers "already addressed" as its one override reason (feedback with it snoozes the advice)', () => {
    expect(toCard(rec(), deps).overrideReasons).toEqual([{ system: 'urn:rectal-cds:override-reason', code: 'already-addressed', display: 'Already addressed' }]);
  });

  test('every card names the rules it carries in its extension', () => {
    expect(toCard(rec(), deps).extension).toEqual({ [RULES_EXTENSION]: [rec().ruleId] });
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

describe('SMART app link on the summary card', () => {
  const launchUrl = 'https://ehr-apps.example.org/rectal-cds/smart/launch';

  test('a smart link carries the launch URL and names the rule in appContext', () => {
    expect(smartAppLink(launchUrl, 'RC-02')).toEqual({ label: SMART_LINK_LABEL, url: launchUrl, type: 'smart', appContext: '{"ruleId":"RC-02"}' });
  });

  test('only the first (most severe) card gets the link; the others are unchanged', () => {
    const cards = [toCard(rec({ ruleId: 'RC-06', indicator: 'critical' }), deps), toCard(rec({ ruleId: 'RC-04' }), deps), toCard(rec({ ruleId: 'RC-24' }), deps)];
    const linked = withSmartLink(cards, launchUrl);
    expect(linked[0]!.links).toEqual([smartAppLink(launchUrl, 'RC-06')]);
    expect(JSON.parse(linked[0]!.links![0]!.appContext!)).toEqual({ ruleId: 'RC-06' });
    expect(linked.slice(1)).toEqual(cards.slice(1));
    expect(linked.slice(1).every((c) => c.links === undefined)).toBe(true);
    expect(cards[0]!.links).toBeUndefined(); // the input is not mutated
  });

  test('no cards, no link', () => {
    expect(withSmartLink([], launchUrl)).toEqual([]);
  });
});
