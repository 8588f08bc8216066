import type { CodeableConcept, Encounter, Resource } from 'fhir/r4.js';
import {
  AJCC, CPT, ICD10CM, RECTAL, cc, coding, condition, daysAgo, icd, lnc, mapped, obs, patient, procedure, sct, text,
} from './helpers.js';

/**
 * Data conventions, "Validity" (status-less Conditions, the problem list, resected metastasis sites) and the
 * scope gate's metachronous recurrence (decision table), with the personal-history codes of real-world codes
 * section 6 and the stage read from local `Condition.stage` codings (section 5).
 */

const encounter = (id: string, daysAgoN: number): Encounter => ({
  resourceType: 'Encounter', id, status: 'finished', class: coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'AMB'),
  subject: { reference: 'Patient/p1' }, period: { start: daysAgo(daysAgoN), end: daysAgo(daysAgoN) },
});
const scopeOf = (resources: Resource[]) => {
  const c = mapped(resources);
  return c.scope.kind === 'out-of-scope' ? `out:${c.scope.reason}` : c.scope.kind;
};

describe('Conditions without clinicalStatus (encounter diagnoses): current only within 90 days', () => {
  test.each<[string, Resource[], boolean]>([
    ['onset 30 days ago', [condition({ code: RECTAL, clinical: null, onsetDaysAgo: 30 })], true],
    ['onset 89 days ago', [condition({ code: RECTAL, clinical: null, onsetDaysAgo: 89 })], true],
    ['onset 120 days ago, nothing newer', [condition({ code: RECTAL, clinical: null, onsetDaysAgo: 120 })], false],
    ['onset 2 years ago, recorded 10 days ago', [condition({ code: RECTAL, clinical: null, onsetDaysAgo: 730, recordedDaysAgo: 10 })], true],
    ['recordedDate 200 days ago only', [condition({ code: RECTAL, clinical: null, recordedDaysAgo: 200 })], false],
    ['undated: cannot be placed, history', [condition({ code: RECTAL, clinical: null })], false],
    ['undated, its encounter 5 days ago', [condition({ code: RECTAL, clinical: null, encounter: 'Encounter/e1' }), encounter('e1', 5)], true],
    ['undated, its encounter 400 days ago', [condition({ code: RECTAL, clinical: null, encounter: 'Encounter/e1' }), encounter('e1', 400)], false],
    ['with clinicalStatus active, onset 5 years ago: current', [condition({ code: RECTAL, onsetDaysAgo: 1800 })], true],
  ])('%s -> in scope: %s', (_name, resources, inScope) => {
    expect(scopeOf([patient(), ...resources]) === 'rectal').toBe(inScope);
  });

  test('a stale status-less metastasis (V49): the remission patient is out of scope, no stage IV', () => {
    const c = mapped([
      patient(),
      condition({ code: RECTAL, clinical: 'remission', onsetDaysAgo: 1100, stageSummary: cc(coding(AJCC, '3', 'IIIB')) }),
      condition({ code: icd('C78.7'), clinical: null, onsetDaysAgo: 730, category: 'encounter-diagnosis' }),
    ]);
    expect(c).toMatchObject({ scope: { kind: 'out-of-scope', reason: 'no-rectal-cancer' }, stageIV: false, metastases: [] });
  });

  test('symptoms follow the same rule: a status-less obstruction of last year is history', () => {
    const base = [patient(), condition({ code: RECTAL, onsetDaysAgo: 60 })];
    expect(mapped([...base, condition({ code: sct('81060008'), clinical: null, onsetDaysAgo: 400 })]).symptoms).toEqual([]);
    expect(mapped([...base, condition({ code: sct('81060008'), clinical: null, onsetDaysAgo: 4 })]).symptoms.map((s) => s.symptom)).toEqual(['obstruction']);
  });
});

describe('the problem list decides the primary site', () => {
  test.each<[string, Resource[], string]>([
    ['right colon on the problem list, a recent status-less C20 encounter diagnosis: colon (out of scope)',
      [condition({ code: icd('C18.2'), onsetDaysAgo: 300, category: 'problem-list-item' }), condition({ code: icd('C20'), clinical: null, onsetDaysAgo: 20, category: 'encounter-diagnosis' })],
      'out:colon-cancer'],
    ['right colon on the problem list, a stale status-less C20: colon',
      [condition({ code: icd('C18.2'), onsetDaysAgo: 300, category: 'problem-list-item' }), condition({ code: icd('C20'), clinical: null, onsetDaysAgo: 500 })],
      'out:colon-cancer'],
    ['no problem-list cancer: a recent status-less C20 decides', [condition({ code: icd('C20'), clinical: null, onsetDaysAgo: 20, category: 'encounter-diagnosis' })], 'rectal'],
    ['rectal on the problem list, a status-less C18 encounter diagnosis: rectal',
      [condition({ code: RECTAL, onsetDaysAgo: 100, category: 'problem-list-item' }), condition({ code: icd('C18.7'), clinical: null, onsetDaysAgo: 3 })],
      'rectal'],
    ['an encounter diagnosis with a clinicalStatus is read as any Condition',
      [condition({ code: icd('C18.2'), onsetDaysAgo: 300, category: 'problem-list-item' }), condition({ code: icd('C20'), onsetDaysAgo: 20, category: 'encounter-diagnosis' })],
      'rectal'],
  ])('%s', (_name, resources, expected) => {
    expect(scopeOf([patient(), ...resources])).toBe(expected);
  });
});

describe('a status-less metastasis is history once its organ was resected or ablated after it', () => {
  const base = (): Resource[] => [patient(), condition({ code: RECTAL, onsetDaysAgo: 400 })];
  const liverMet = condition({ code: icd('C78.7'), clinical: null, onsetDaysAgo: 60 });
  const lungMet = condition({ code: icd('C78.01'), clinical: null, onsetDaysAgo: 60 });
  test.each<[string, Resource[], string[]]>([
    ['liver resection (CPT 47120) after it', [liverMet, procedure(cc(coding(CPT, '47120')), { daysAgo: 30 })], []],
    ['partial hepatectomy (SNOMED 71273005) after it', [liverMet, procedure(sct('71273005'), { daysAgo: 30 })], []],
    ['liver ablation (CPT 47382) after it', [liverMet, procedure(cc(coding(CPT, '47382')), { daysAgo: 30 })], []],
    ['local code "Hepatectomy, partial" after it', [liverMet, procedure(text('Hepatectomy, partial'), { daysAgo: 30 })], []],
    ['text "RFA of liver lesion" after it', [liverMet, procedure(text('RFA of liver lesion'), { daysAgo: 30 })], []],
    ['liver resection before it: still current', [liverMet, procedure(cc(coding(CPT, '47120')), { daysAgo: 90 })], ['liver']],
    ['a lung resection does not clear the liver', [liverMet, procedure(sct('173171007'), { daysAgo: 30 })], ['liver']],
    ['lung lobectomy (SNOMED 173171007) clears the lung', [lungMet, procedure(sct('173171007'), { daysAgo: 30 })], []],
    ['text "VATS wedge resection, right lung" clears the lung', [lungMet, procedure(text('VATS wedge resection, right lung'), { daysAgo: 30 })], []],
    ['a planned resection does not clear it', [liverMet, procedure(cc(coding(CPT, '47120')), { daysAgo: 30, status: 'preparation' })], ['liver']],
    ['a metastasis with clinicalStatus active stays current after resection',
      [condition({ code: icd('C78.7'), onsetDaysAgo: 60 }), procedure(cc(coding(CPT, '47120')), { daysAgo: 30 })], ['liver']],
  ])('%s', (_name, resources, sites) => {
    expect(mapped([...base(), ...resources]).metastases.map((m) => m.site)).toEqual(sites);
  });
});

describe('metachronous recurrence: a history of rectal cancer with a current distant metastasis', () => {
  const lungMet = () => condition({ code: icd('C78.01'), onsetDaysAgo: 15, id: 'lung-met' });
  const history: [string, Resource][] = [
    ['rectal Condition in remission', condition({ code: RECTAL, clinical: 'remission', onsetDaysAgo: 1100, id: 'hx' })],
    ['rectal Condition resolved', condition({ code: RECTAL, clinical: 'resolved', onsetDaysAgo: 1100, id: 'hx' })],
    ['rectal Condition inactive', condition({ code: RECTAL, clinical: 'inactive', onsetDaysAgo: 1100, id: 'hx' })],
    ['ICD-10-CM Z85.048', condition({ code: icd('Z85.048'), onsetDaysAgo: 1100, id: 'hx' })],
    ['SNOMED 429084005 history of malignant neoplasm of rectum', condition({ code: sct('429084005'), id: 'hx' })],
    ['SNOMED 429699009 (u) whose text names the rectum', condition({ code: { ...sct('429699009'), text: 'History of rectal cancer' }, id: 'hx' })],
  ];
  test.each(history)('%s + lung metastasis 15 days ago: in scope, stage IV, metastatic date = the metastasis', (_name, hx) => {
    const c = mapped([patient(), hx, lungMet()]);
    expect(c.scope).toMatchObject({ kind: 'rectal', condition: { resourceType: 'Condition', id: 'hx' } });
    expect(c.stageIV).toBe(true);
    expect(c.metastaticRecurrence).toMatchObject({ resourceType: 'Condition', id: 'lung-met' });
    expect(c.metastaticDiagnosisDate).toBe(daysAgo(15));
  });

  test.each<[string, Resource[], string]>([
    ['history alone, no metastasis', [condition({ code: icd('Z85.048') })], 'out:no-rectal-cancer'],
    ['history + metastasis + a current colon primary', [condition({ code: icd('Z85.048') }), lungMet(), condition({ code: icd('C18.2'), onsetDaysAgo: 20 })], 'out:colon-cancer'],
    ['history + metastasis + a current breast cancer', [condition({ code: RECTAL, clinical: 'remission' }), lungMet(), condition({ code: icd('C50.9'), onsetDaysAgo: 20 })], 'out:other-cancer'],
    ['history + only a status-less metastasis of 2 years ago', [condition({ code: RECTAL, clinical: 'remission' }), condition({ code: icd('C78.7'), clinical: null, onsetDaysAgo: 730 })], 'out:no-rectal-cancer'],
    ['Z85.048 beside an anal cancer in remission: not rectal', [condition({ code: icd('Z85.048') }), condition({ code: icd('C21.1'), clinical: 'remission' }), lungMet()], 'out:no-rectal-cancer'],
    ['SNOMED 429699009 alone names the colon (VSAC): not rectal', [condition({ code: sct('429699009') }), lungMet()], 'out:no-rectal-cancer'],
    ['Z85.038 (colon history): not rectal', [condition({ code: icd('Z85.038') }), lungMet()], 'out:no-rectal-cancer'],
    ['a resolved breast cancer does not block it', [condition({ code: RECTAL, clinical: 'remission' }), condition({ code: icd('C50.9'), clinical: 'resolved' }), lungMet()], 'rectal'],
  ])('%s -> %s', (_name, resources, expected) => {
    expect(scopeOf([patient(), ...resources])).toBe(expected);
  });

  test('V48: the stage III of the first diagnosis is not the current stage; the metastasis dates the stage IV', () => {
    const c = mapped([
      patient(),
      condition({ code: RECTAL, clinical: 'remission', onsetDaysAgo: 1100, stageSummary: cc(coding(AJCC, '3B', 'IIIB')), id: 'hx' }),
      obs({ code: lnc('21908-9'), value: cc(coding(AJCC, '3B')), daysAgo: 1090 }),
      obs({ code: lnc('21907-1'), value: sct('1229901006'), daysAgo: 1090 }),
      procedure(sct('314592008'), { daysAgo: 1080 }),
      lungMet(),
    ]);
    expect(c.stageGroup).toBeUndefined();
    expect(c.tnm).toEqual({});
    expect(c.stageIV).toBe(true);
    expect(c.diagnosisDate).toBe(daysAgo(1100));
    expect(c.metastaticDiagnosisDate).toBe(daysAgo(15));
    expect(c.primaryResected).toBe(true);
  });

  test('an active rectal cancer with metastases is not a recurrence', () => {
    expect(mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 30 }), lungMet()]).metastaticRecurrence).toBeUndefined();
  });

  test('SNOMED 314966008 (local recurrence of rectal cancer) is a current rectal cancer and a recurrence', () => {
    const local = mapped([patient(), condition({ code: sct('314966008'), onsetDaysAgo: 10 })]);
    expect(local).toMatchObject({ scope: { kind: 'rectal' }, recurrence: { local: true } });
    expect(mapped([patient(), condition({ code: sct('314966008'), onsetDaysAgo: 10 }), lungMet()]).recurrence).toMatchObject({ local: false });
  });
});

describe('real-world rectal and metastasis codes (section 6)', () => {
  test.each<[string, CodeableConcept, string]>([
    ['SNOMED 254582000 adenocarcinoma of rectum', sct('254582000'), 'rectal'],
    ['SNOMED 93980002 rectosigmoid primary (disabled)', sct('93980002'), 'out:rectosigmoid-disabled'],
    ['SNOMED 425178004 adenocarcinoma of rectosigmoid (disabled)', sct('425178004'), 'out:rectosigmoid-disabled'],
    ['SNOMED 94513006 metastasis to rectum: not a rectal primary', sct('94513006'), 'out:no-rectal-cancer'],
  ])('%s -> %s', (_name, code, expected) => {
    expect(scopeOf([patient(), condition({ code, onsetDaysAgo: 10 })])).toBe(expected);
  });

  test.each<[string, CodeableConcept, string]>([
    ['94627008 peritoneum', sct('94627008'), 'peritoneum'],
    ['94626004 omentum', sct('94626004'), 'peritoneum'],
    ['94217008 bone marrow', sct('94217008'), 'bone'],
    ['94224009 brain stem', sct('94224009'), 'brain'],
    ['94160007 adrenal cortex', sct('94160007'), 'adrenal'],
    ['94455000 ovary', sct('94455000'), 'other'],
    ['1217692004 metastasis from colorectal cancer, no site', sct('1217692004'), 'other'],
    ['ICD-10-CM C79.70', cc(coding(ICD10CM, 'C79.70')), 'adrenal'],
  ])('metastasis %s -> %s', (_name, code, site) => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 40 }), condition({ code, onsetDaysAgo: 10 })]);
    expect(c.metastases.map((m) => m.site)).toEqual([site]);
    expect(c.stageIV).toBe(true);
  });
});

describe('stage IV from a local Condition.stage.summary coding (read from text)', () => {
  const local = (display: string, t?: string): CodeableConcept => ({
    coding: [coding('urn:oid:1.2.840.114350.1.13.0.1.7.4.698084.20', '123', display)], ...(t ? { text: t } : {}),
  });
  test.each<[string, CodeableConcept, string | undefined]>([
    ['Epic display "Stage IVB"', local('Stage IVB'), 'IVB'],
    ['display "Stage IV"', local('Stage IV'), 'IV'],
    ['display "stage 4"', local('stage 4'), 'IV'],
    ['display "Stage 4A"', local('Stage 4A'), 'IVA'],
    ['text "IVC"', local('x', 'IVC'), 'IVC'],
    ['display "AJCC 8th: Stage IVA"', local('AJCC 8th: Stage IVA'), 'IVA'],
    ['no whole word: "Stage IVBX"', local('Stage IVBX'), undefined],
    ['"Stage III" is not read from text', local('Stage III'), undefined],
    ['"IV" alone (intravenous?) is not a stage', local('IV'), undefined],
    ['legacy SNOMED 258228008 "Stage 4" (V2, by its display)', cc(coding('http://snomed.info/sct', '258228008', 'Stage 4')), 'IV'],
    ['AJCC under https://cancerstaging.org', cc(coding('https://cancerstaging.org', '4B', 'IVB')), 'IVB'],
  ])('%s -> %s', (_name, summary, group) => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 20, stageSummary: summary, id: 'dx' })]);
    expect(c.stageGroup?.value).toBe(group);
    expect(c.stageIV).toBe(group !== undefined);
    if (group !== undefined && summary.coding?.[0]?.system?.startsWith('urn:oid')) expect(c.stageGroup?.source.matched).toMatch(/^text:/);
  });

  test('a known SNOMED value is read by code, not by its display', () => {
    const summary = cc(coding('http://snomed.info/sct', '1222838008', 'Stage IVB (wrong display)'));
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 20, stageSummary: summary })]);
    expect(c.stageGroup).toMatchObject({ value: 'IVA', source: { matched: 'http://snomed.info/sct|1222838008' } });
  });

  test('a combined AJCC string (https, hl7-eu) gives T, N and M; M1a makes stage IV', () => {
    const summary = cc(coding('https://cancerstaging.org', 'cT3N2M1a'));
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 20, stageSummary: summary })]);
    expect([c.tnm.t?.value, c.tnm.n?.value, c.tnm.m?.value]).toEqual(['cT3', 'cN2', 'cM1a']);
    expect(c.stageIV).toBe(true);
  });

  test('a stage group Observation with a local value is read from text too', () => {
    const c = mapped([patient(), condition({ code: RECTAL, onsetDaysAgo: 20 }), obs({ code: lnc('21908-9'), value: { text: 'Stage IVB' }, daysAgo: 5 })]);
    expect(c.stageGroup).toMatchObject({ value: 'IVB', source: { matched: 'text:Stage IVB' } });
    expect(c.metastaticDiagnosisDate).toBe(daysAgo(5));
  });
});
