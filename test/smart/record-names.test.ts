import type { Observation } from 'fhir/r4.js';
import { recordNamer } from '../../src/smart/record-names.js';
import { vignette } from './support.js';

describe('records named as a clinician knows them (the id stays for the tooltip)', () => {
  test('V01: the KRAS result by its test and gene, the MSI result by its test, conditions and imaging by their names', () => {
    const { c, facts, record } = vignette('V01');
    const name = recordNamer(record);
    expect(name(`Observation/${c.biomarkers.kras.used!.source.id}`)).toBe('Genetic variant assessment (KRAS)');
    expect(name(`Observation/${c.biomarkers.msi.used!.source.id}`)).toBe('Microsatellite instability [Interpretation] in Cancer specimen Qualitative');
    expect(name(`Observation/${facts.cea.latest!.source.id}`)).toBe('CEA');
    expect(name(`Condition/${c.metastases[0]!.source.id}`)).toBe('Secondary malignant neoplasm of liver and intrahepatic bile duct');
  });

  test('V13: medication records by drug and kind', () => {
    const { record } = vignette('V13');
    const name = recordNamer(record);
    const admin = record.find((r) => r.resourceType === 'MedicationAdministration')!;
    const order = record.find((r) => r.resourceType === 'MedicationRequest')!;
    expect(name(`MedicationAdministration/${admin.id}`)).toMatch(/^[a-z]+ administration$/);
    expect(name(`MedicationRequest/${order.id}`)).toMatch(/^[a-z]+ order$/);
  });

  test('a record the page does not hold, or one without a name, is named by its kind, never by its id', () => {
    const unnamed: Observation = { resourceType: 'Observation', id: 'o1', status: 'final', code: {} };
    const name = recordNamer([unnamed]);
    expect(name('Observation/o1')).toBe('observation on file');
    expect(name('Procedure/missing')).toBe('procedure on file');
    expect(name('Basic/x')).toBe('record on file');
  });
});
