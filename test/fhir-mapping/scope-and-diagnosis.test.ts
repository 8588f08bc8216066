import type { CodeableConcept, Resource } from 'fhir/r4.js';
import {
  ICD10, RECTAL, cc, coding, condition, daysAgo, icd, mapped, patient, procedure, sct, stageIvRectal,
} from './helpers.js';

const ICDO3 = 'http://terminology.hl7.org/CodeSystem/icd-o-3';
const icdO3 = (topography: string, morphology: string): CodeableConcept => cc(coding(ICDO3, topography), coding(ICDO3, morphology));

describe('scope: which cancer the record is about', () => {
  test.each<[string, CodeableConcept, { rectosigmoid?: boolean }, string]>([
    ['ICD-10-CM C20', icd('C20'), {}, 'rectal'],
    ['WHO ICD-10 system C20', icd('C20', ICD10), {}, 'rectal'],
    ['SNOMED 363351006', sct('363351006'), {}, 'rectal'],
    ['SNOMED 93984006 primary malignant neoplasm of rectum (u)', sct('93984006'), {}, 'rectal'],
    ['ICD-O-3 C20.9 + 8140/3 (malignant)', icdO3('C20.9', '8140/3'), {}, 'rectal'],
    ['ICD-O-3 C20.9 + 8140/0 (benign): not a cancer', icdO3('C20.9', '8140/0'), {}, 'out-of-scope:no-rectal-cancer'],
    ['C19 rectosigmoid, enabled', icd('C19'), { rectosigmoid: true }, 'rectosigmoid'],
    ['C19 rectosigmoid, disabled', icd('C19'), {}, 'out-of-scope:rectosigmoid-disabled'],
    ['SNOMED 363414004 rectosigmoid, enabled', sct('363414004'), { rectosigmoid: true }, 'rectosigmoid'],
    ['ICD-O-3 C19.9 rectosigmoid, enabled', icdO3('C19.9', '8140/3'), { rectosigmoid: true }, 'rectosigmoid'],
    ['C18.7 sigmoid colon', icd('C18.7'), {}, 'out-of-scope:colon-cancer'],
    ['SNOMED 363406005 colon', sct('363406005'), {}, 'out-of-scope:colon-cancer'],
    ['SNOMED 94260004 (Synthea metastatic colon)', sct('94260004'), {}, 'out-of-scope:colon-cancer'],
    ['C21.1 anal canal', icd('C21.1'), {}, 'out-of-scope:anal-cancer'],
    ['C50.9 breast', icd('C50.9'), {}, 'out-of-scope:other-cancer'],
    ['C78.7 liver metastasis alone: no primary', icd('C78.7'), {}, 'out-of-scope:no-rectal-cancer'],
    ['hypertension', sct('38341003'), {}, 'out-of-scope:no-rectal-cancer'],
  ])('%s -> %s', (_name, code, opts, expected) => {
    const c = mapped([patient(), condition({ code, onsetDaysAgo: 10 })], { rectosigmoidInScope: opts.rectosigmoid ?? false });
    const got = c.scope.kind === 'out-of-scope' ? `out-of-scope:${c.scope.reason}` : c.scope.kind;
    expect(got).toBe(expected);
  });

  test.each<[string, { clinical?: string | null; verification?: string }, string]>([
    ['active, confirmed', { clinical: 'active', verification: 'confirmed' }, 'rectal'],
    ['recurrence', { clinical: 'recurrence' }, 'rectal'],
    ['relapse', { clinical: 'relapse' }, 'rectal'],
    ['no clinicalStatus (counts as current)', { clinical: null }, 'rectal'],
    ['resolved: history only', { clinical: 'resolved' }, 'out-of-scope'],
    ['inactive: history only', { clinical: 'inactive' }, 'out-of-scope'],
    ['remission: history only', { clinical: 'remission' }, 'out-of-scope'],
    ['entered-in-error', { verification: 'entered-in-error' }, 'out-of-scope'],
    ['refuted', { verification: 'refuted' }, 'out-of-scope'],
    ['provisional: not a confirmed cancer', { verification: 'provisional' }, 'out-of-scope'],
    ['differential', { verification: 'differential' }, 'out-of-scope'],
  ])('Condition validity: %s', (_name, status, expected) => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 10, ...status })]);
    expect(c.scope.kind).toBe(expected);
  });

  test('the scope names the rectal Condition and the code that matched', () => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 10, id: 'dx-1' })]);
    expect(c.scope).toEqual({
      kind: 'rectal',
      condition: { resourceType: 'Condition', id: 'dx-1', date: daysAgo(10), matched: 'http://hl7.org/fhir/sid/icd-10-cm|C20' },
    });
  });

  test('V27: stage IV rectal Condition entered-in-error, true diagnosis anal SCC -> anal, not rectal', () => {
    const c = mapped([
      patient(),
      condition({ code: RECTAL, verification: 'entered-in-error', onsetDaysAgo: 30 }),
      condition({ code: sct('94381002'), onsetDaysAgo: 30 }),
      condition({ code: icd('C21.1'), onsetDaysAgo: 20 }),
    ]);
    expect(c.scope).toEqual({ kind: 'out-of-scope', reason: 'anal-cancer' });
  });

  test('a rectal primary stays in scope beside another cancer', () => {
    const c = mapped([patient(), condition({ code: icd('C50.9') }), condition({ code: RECTAL })]);
    expect(c.scope.kind).toBe('rectal');
  });
});

describe('deceased', () => {
  test.each<[string, Resource, boolean]>([
    ['deceasedBoolean true', patient({ deceasedBoolean: true }), true],
    ['deceasedDateTime', patient({ deceasedDateTime: '2025-01-01' }), true],
    ['deceasedBoolean false', patient({ deceasedBoolean: false }), false],
    ['alive', patient(), false],
  ])('%s', (_name, p, dead) => {
    const c = mapped([p, condition({ code: RECTAL })]);
    expect(c.deceased).toBe(dead);
    expect(c.scope.kind === 'out-of-scope' && c.scope.reason === 'deceased').toBe(dead);
  });

  test('a deceased colon cancer patient keeps the more specific reason', () => {
    const c = mapped([patient({ deceasedBoolean: true }), condition({ code: icd('C18.7') })]);
    expect(c).toMatchObject({ deceased: true, scope: { kind: 'out-of-scope', reason: 'colon-cancer' } });
  });

  test('the Patient with the requested id is the one read', () => {
    const c = mapped([patient({ id: 'other', deceasedBoolean: true }), patient({ id: 'p1' }), condition({ code: RECTAL })]);
    expect(c.deceased).toBe(false);
  });
});

describe('diagnosis date and recurrence', () => {
  test.each<[string, Parameters<typeof condition>[0], string | undefined]>([
    ['onsetDateTime', { code: RECTAL, onsetDaysAgo: 100, recordedDaysAgo: 90 }, daysAgo(100)],
    ['recordedDate when no onset', { code: RECTAL, recordedDaysAgo: 90 }, daysAgo(90)],
    ['no date', { code: RECTAL }, undefined],
  ])('%s', (_name, spec, expected) => {
    expect(mapped([patient(), condition(spec)]).diagnosisDate).toBe(expected);
  });

  test('onsetPeriod.start is an onset', () => {
    const dx = { ...condition({ code: RECTAL }), onsetPeriod: { start: '2024-02-03' } };
    expect(mapped([patient(), dx]).diagnosisDate).toBe('2024-02-03');
  });

  const apr = () => procedure(sct('265414003'), { daysAgo: 1000 });

  test.each<[string, Resource[], { local: boolean } | undefined]>([
    ['recurrence after resection, no distant metastasis: local', [condition({ code: RECTAL, clinical: 'recurrence' }), apr()], { local: true }],
    ['relapse after resection with a liver metastasis: not local', [condition({ code: RECTAL, clinical: 'relapse' }), apr(), condition({ code: sct('94381002') })], { local: false }],
    ['recurrence without a resection on record: none', [condition({ code: RECTAL, clinical: 'recurrence' })], undefined],
    ['active (not recurrent) after resection: none', [condition({ code: RECTAL }), apr()], undefined],
    ['resection only planned: none', [condition({ code: RECTAL, clinical: 'recurrence' }), procedure(sct('265414003'), { status: 'preparation' })], undefined],
  ])('%s', (_name, resources, expected) => {
    const c = mapped([patient(), ...resources]);
    if (expected === undefined) expect(c.recurrence).toBeUndefined();
    else expect(c.recurrence).toMatchObject(expected);
  });

  test('a stage IV background case is in scope and stage IV', () => {
    expect(mapped(stageIvRectal())).toMatchObject({ scope: { kind: 'rectal' }, stageIV: true });
  });
});
