import type { Condition, Patient } from 'fhir/r4.js';
import { chartBanner } from '../../src/demo-ehr/page/chart-banner.js';
import { launchUrlFor } from '../../src/demo-ehr/launch-context.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';

const NOW = new Date('2026-06-01T12:00:00Z');

function record(id: string): { patient: Patient; conditions: Condition[] } {
  const resources = scenarioById(id)!.record(NOW);
  return {
    patient: resources.find((r): r is Patient => r.resourceType === 'Patient')!,
    conditions: resources.filter((r): r is Condition => r.resourceType === 'Condition'),
  };
}

describe('demo EHR patient banner', () => {
  test('V01: age, sex, birth date and the primary cancer from the problem list, metastases after it', () => {
    const { patient, conditions } = record('V01');
    const b = chartBanner(patient, conditions, NOW);
    expect(b.demographics).toMatch(/^58 y · male · born \d{4}-\d{2}-\d{2}$/);
    expect(b.diagnosis).toMatchObject({ text: 'Malignant neoplasm of rectum', id: expect.stringMatching(/^Condition\//) });
    expect(b.diagnosis?.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(b.otherProblems.join(' ')).toMatch(/liver/i);
  });

  test('the primary cancer leads even when listed after its metastases; resolved and refuted problems are left out', () => {
    const { patient, conditions } = record('V01');
    const primary = conditions.find((c) => c.meta?.profile?.some((p) => p.endsWith('primary-cancer-condition')))!;
    const others = conditions.filter((c) => c !== primary);
    const resolved: Condition = { resourceType: 'Condition', id: 'old', subject: { reference: `Patient/${patient.id}` }, code: { text: 'Appendicitis' }, clinicalStatus: { coding: [{ code: 'resolved' }] } };
    const refuted: Condition = { resourceType: 'Condition', id: 'no', subject: { reference: `Patient/${patient.id}` }, code: { text: 'Lung cancer' }, verificationStatus: { coding: [{ code: 'refuted' }] } };
    const b = chartBanner(patient, [...others, resolved, refuted, primary], NOW);
    expect(b.diagnosis?.text).toBe('Malignant neoplasm of rectum');
    expect(b.otherProblems).not.toContain('Appendicitis');
    expect(b.otherProblems).not.toContain('Lung cancer');
  });

  test('no birth date, no problems: says so, invents nothing', () => {
    const b = chartBanner({ resourceType: 'Patient', id: 'x' }, [], NOW);
    expect(b).toEqual({ name: 'Unnamed patient', demographics: 'age and sex not recorded', otherProblems: [] });
  });
});

describe('SMART launch URL of a card link, in the demo EHR', () => {
  const page = new URL('http://127.0.0.1:8080/?patient=v01');

  test("this service's launch URL on another host (PUBLIC_BASE_URL localhost, page at 127.0.0.1): launched from the page's origin", () => {
    expect(launchUrlFor('http://localhost:8080/smart/launch', page).href).toBe('http://127.0.0.1:8080/smart/launch');
  });

  test('same origin, no link, or another app: left as it is', () => {
    expect(launchUrlFor('http://127.0.0.1:8080/smart/launch', page).href).toBe('http://127.0.0.1:8080/smart/launch');
    expect(launchUrlFor(undefined, page).href).toBe('http://127.0.0.1:8080/smart/launch');
    expect(launchUrlFor('https://apps.example.org/other-app/launch', page).href).toBe('https://apps.example.org/other-app/launch');
  });
});
