import type { Case } from '../../src/domain/case.js';
import {

  aStageIvCase,
  line,
  onLine,
  procedure,
  radiotherapy,
  withCurativeIntent,
  withDiseaseStatus,
  withResectability,
  withResectabilityChange,
  withTnm,
  withSynchronous,
  withCea,
} from '../support/case-builder.js';
import { ids, rec } from '../support/chart-review.js';


describe('RC-17 pre-operative pelvic RT before a planned resection of a locally advanced primary', () => {
  const planned = { procedures: [procedure('primary-resection', 'planned', -60)] };

  test.each<[string, boolean, Partial<Case>]>([
    ['resection planned, cT4a N1', true, { ...planned, ...withTnm('cT4a', 'cN1') }],
    ['resection planned, cT3 N0', true, { ...planned, ...withTnm('cT3', 'cN0') }],
    ['resection planned, cT2 N2', true, { ...planned, ...withTnm('cT2', 'cN2a') }],
    ['curative intent with the primary in place, cT3', true, { ...withCurativeIntent(), ...withTnm('cT3') }],
    ['resection planned, cT2 N0: not locally advanced', false, { ...planned, ...withTnm('cT2', 'cN0') }],
    ['resection planned, T and N unknown: not assumed advanced', false, planned],
    ['cT4 but neither a planned resection nor a curative plan', false, withTnm('cT4b', 'cN1')],
    ['only an emergency resection planned', false, { procedures: [procedure('primary-resection', 'planned', -1, { emergency: true })], ...withTnm('cT4b', 'cN1') }],
    ['primary already resected', false, { ...withCurativeIntent(), ...withTnm('cT3', 'cN1'), primaryResected: true }],
    ['pelvic long course already given', false, { ...planned, ...withTnm('cT4a', 'cN1'), radiotherapy: [radiotherapy('long-course', 'done', 200)] }],
    ['pelvic short course already planned', false, { ...planned, ...withTnm('cT4a', 'cN1'), radiotherapy: [radiotherapy('short-course', 'planned', -5)] }],
    ['only a non-pelvic RT course (spine)', true, { ...planned, ...withTnm('cT4a', 'cN1'), radiotherapy: [radiotherapy('other', 'done', 30, false)] }],
  ])('%s -> fires: %s', (_n, fires, over) => {
    expect(ids(aStageIvCase(over)).includes('RC-17')).toBe(fires);
  });

  test('names the stage, the pre-operative timing and both schedules, and says why the short course with synchronous metastases', () => {
    const r = rec(aStageIvCase({ ...planned, ...withTnm('cT4a', 'cN1'), ...withSynchronous(true) }), 'RC-17');
    expect(r?.summary).toMatch(/cT4a cN1/);
    expect(r?.summary.length).toBeLessThan(140);
    expect(r?.detail).toMatch(/\*\*before\*\*, not after/);
    expect(r?.detail).toMatch(/25 Gy in 5 fractions/);
    expect(r?.detail).toMatch(/45-50\.4 Gy in 1\.8-2 Gy fractions with a fluoropyrimidine/);
    expect(r?.detail).toMatch(/Synchronous metastases: prefer the short course/);
    expect(r?.basedOn).toEqual(expect.arrayContaining([
      expect.objectContaining({ label: 'Surgery', value: 'resection of the primary (planned)', source: expect.objectContaining({ resourceType: 'ServiceRequest' }) }),
      expect.objectContaining({ label: 'Pelvic radiotherapy', value: 'none on record' }),
    ]));
  });

  test('synchronous metastases: suggests ordering the short course, curative when the plan is', () => {
    const r = rec(aStageIvCase({ ...planned, ...withCurativeIntent(), ...withTnm('cT4a', 'cN1'), ...withSynchronous(true) }), 'RC-17');
    expect(r?.suggestions.flatMap((s) => s.actions)).toEqual([expect.objectContaining({ type: 'order-short-course-rt', curative: true })]);
  });

  test('metachronous disease: no short-course preference and no order (the schedule is the radiation oncologist\'s choice)', () => {
    const r = rec(aStageIvCase({ ...planned, ...withTnm('cT3', 'cN1'), ...withSynchronous(false) }), 'RC-17');
    expect(r?.detail).not.toMatch(/Synchronous/);
    expect(r?.suggestions).toEqual([]);
  });

  test('is a stage IV rule: a stage III patient with a planned resection gets no card from this service', () => {
    expect(ids(aStageIvCase({ ...planned, ...withTnm('cT3', 'cN1', 'cM0'), stageIV: false, metastases: [], stageGroup: undefined }))).toEqual([]);
  });
});

describe('RC-18 short-course RT after conversion to resectable disease', () => {
  // 60 ng/mL before the line started 90 days ago, 12 now: <= 50% of the baseline.
  const ceaFallenFrom60To12: Partial<Case> = withCea([[95, 60], [5, 12]]);
  const folfox = onLine(line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin', 'bevacizumab'], 90));
  const converted = (over: Partial<Case> = {}) =>
    aStageIvCase({ ...folfox, ...withResectabilityChange('unresectable', 'resectable'), ...withDiseaseStatus('improved'), ...over });

  test.each<[string, boolean, Partial<Case>]>([
    ['unresectable -> resectable, improved, on FOLFOX', true, {}],
    ['potentially resectable -> resectable', true, withResectabilityChange('potentially-resectable', 'resectable')],
    ['CEA response without a disease-status entry', true, { diseaseStatus: undefined, ...ceaFallenFrom60To12 }],
    ['resectable from the start (no conversion)', false, withResectability('resectable')],
    ['still unresectable', false, withResectabilityChange('resectable', 'unresectable')],
    ['no response documented', false, { diseaseStatus: undefined }],
    ['disease stable only', false, withDiseaseStatus('stable')],
    ['therapy stopped', false, onLine(line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin'], 200, false))],
    ['primary resected', false, { primaryResected: true }],
    ['pelvis already irradiated', false, { radiotherapy: [radiotherapy('long-course', 'done', 400)] }],
  ])('%s -> fires: %s', (_n, fires, over) => {
    expect(ids(converted(over)).includes('RC-18')).toBe(fires);
  });

  test('says 5 x 5 Gy, chemotherapy continues, and surgery may wait 5-6 months; based on the earlier and the latest assessment', () => {
    const r = rec(converted(), 'RC-18');
    expect(r?.summary).toMatch(/5 x 5 Gy.*continue chemotherapy/);
    expect(r?.detail).toMatch(/up to 5-6 months/);
    expect(r?.suggestions.flatMap((s) => s.actions)).toEqual([expect.objectContaining({ type: 'order-short-course-rt', curative: true })]);
    expect(r?.basedOn.map((b) => `${b.label}: ${b.value}`)).toEqual(
      expect.arrayContaining(['Resectability before therapy: unresectable', 'Resectability (MDT): resectable', 'Disease status: improved (response)']),
    );
  });
});
