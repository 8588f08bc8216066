import type { Case } from '../../src/domain/case.js';
import {
  aStageIvCase,
  daysAgo,
  exposure,
  line,
  metastasis,
  onLine,
  withCea,
  withCurativeIntent,
  withDiseaseStatus,
  withEcog,
  withResectability,
  withResectabilityChange,
} from '../support/case-builder.js';
import { ids, rec, titled } from '../support/chart-review.js';

/** Resection with curative intent (RC-08), conversion after response (RC-11), local liver options (RC-09). */


const folfoxBev = line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin', 'bevacizumab'], 95);

describe('RC-08 curative-intent pathway', () => {
  test.each(titled<Partial<Case>>([
    ['liver only, resectable', withResectability('resectable'), true],
    ['liver only, potentially resectable', withResectability('potentially-resectable'), true],
    ['lung only, resectable', { metastases: [metastasis('lung')], ...withResectability('resectable') }, true],
    ['liver and lung, resectable', { metastases: [metastasis('liver'), metastasis('lung')], ...withResectability('resectable') }, true],
    ['liver and peritoneum: not limited to liver/lung', { metastases: [metastasis('liver'), metastasis('peritoneum')], ...withResectability('resectable') }, false],
    ['bone metastasis', { metastases: [metastasis('bone')], ...withResectability('resectable') }, false],
    ['unresectable', withResectability('unresectable'), false],
    ['resectability not documented', {}, false],
    ['no current metastasis (all resected): nothing left to plan', { metastases: [], ...withResectability('resectable') }, false],
  ]))('%s', (_n, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-08')).toBe(fires);
  });

  test('resectable: complete resection of primary and metastases, the three sequences, level III-A', () => {
    const r = rec(aStageIvCase(withResectability('resectable')), 'RC-08');
    expect(r?.summary).toBe('Resectable liver metastases: curative-intent pathway with complete resection of the primary and all metastases');
    expect(r?.detail).toMatch(/synchronous resection/);
    expect(r?.detail).toMatch(/staged resection after pre-operative chemotherapy/);
    expect(r?.detail).toMatch(/primary first/);
    expect(r?.detail).toMatch(/6 months/);
    expect(r?.evidence).toEqual({ level: 'III-A', seeds: ['001', '002', '003', '004'] });
  });

  test('asks to record the curative intent until it is documented, then names it as a basis', () => {
    expect(rec(aStageIvCase(withResectability('resectable')), 'RC-08')?.detail).toMatch(/Record the curative intent/);
    const planned = rec(aStageIvCase({ ...withResectability('resectable'), ...withCurativeIntent() }), 'RC-08');
    expect(planned?.detail).not.toMatch(/Record the curative intent/);
    expect(planned?.basedOn).toContainEqual(expect.objectContaining({ label: 'Treatment intent', value: 'curative' }));
  });

  test('potentially resectable: conversion therapy and re-presentation', () => {
    const r = rec(aStageIvCase(withResectability('potentially-resectable')), 'RC-08');
    expect(r?.summary).toMatch(/^Potentially resectable liver metastases: conversion therapy/);
    expect(r?.detail).toMatch(/re-stage after 2-3 cycles and re-present at the MDT/);
  });

  test('primary already resected: the metastases are what is left', () => {
    const r = rec(aStageIvCase({ ...withResectability('resectable'), primaryResected: true }), 'RC-08');
    expect(r?.summary).toMatch(/complete resection of all metastases$/);
  });

  test('ECOG 3: fitness is left to the MDT, said in the text', () => {
    expect(rec(aStageIvCase({ ...withResectability('resectable'), ...withEcog(3) }), 'RC-08')?.detail).toMatch(/ECOG 3: fitness for surgery/);
  });
});

describe('RC-09 unresectable liver metastases: local options', () => {
  test.each(titled<Partial<Case>>([
    ['liver, unresectable, on therapy', { ...withResectability('unresectable'), ...onLine(folfoxBev) }, true],
    ['no systemic therapy yet (systemic therapy first)', withResectability('unresectable'), false],
    ['resectability not documented', onLine(folfoxBev), false],
    ['potentially resectable', { ...withResectability('potentially-resectable'), ...onLine(folfoxBev) }, false],
    ['lung only', { metastases: [metastasis('lung')], ...withResectability('unresectable'), ...onLine(folfoxBev) }, false],
    ['therapy given only before the metastatic diagnosis', { ...withResectability('unresectable'), therapy: { exposures: [exposure('oxaliplatin', 400)], lines: [] } }, false],
  ]))('%s', (_n, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-09')).toBe(fires);
  });

  test('ablation with its morbidity and mortality, embolisation; SBRT only in extended mode', () => {
    const c = aStageIvCase({ ...withResectability('unresectable'), ...onLine(folfoxBev) });
    const ext = rec(c, 'RC-09');
    expect(ext?.detail).toMatch(/2% major morbidity and <1% mortality/);
    expect(ext?.detail).toMatch(/radioembolisation/);
    expect(ext?.detail).toMatch(/SBRT/);
    expect(rec(c, 'RC-09', { ruleSet: 'seed-only' })?.detail).not.toMatch(/SBRT/);
  });
});

describe('RC-11 response in unresectable disease: re-present for conversion', () => {
  const responding = (over: Partial<Case> = {}) =>
    aStageIvCase({
      ...withResectability('unresectable', 100),
      ...onLine(folfoxBev),
      ...withDiseaseStatus('improved', 7),
      ...over,
    });
  const ceaResponse = withCea([[98, 60], [50, 31], [6, 18]]);

  test.each(titled<Case>([
    ['disease status improved on therapy', responding(), true],
    ['CEA at <= 50% of baseline', responding({ diseaseStatus: undefined, ...ceaResponse }), true],
    ['potentially resectable', responding(withResectability('potentially-resectable', 100)), true],
    ['resectability not documented', responding({ resectabilityHistory: [] }), false],
    ['already resectable (RC-08 instead)', responding(withResectabilityChange('unresectable', 'resectable')), false],
    ['stable disease', responding(withDiseaseStatus('stable', 7)), false],
    ['improvement recorded before the current line started', responding(withDiseaseStatus('improved', 120)), false],
    ['therapy stopped (line not active)', responding(onLine(line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin'], 200, false))), false],
    [
      'the MDT already looked again after the response',
      responding({ mdtReview: { resourceType: 'Encounter', id: 'mdt', date: daysAgo(2) } }),
      false,
    ],
  ]))('%s', (_n, c, fires) => {
    expect(ids(c).includes('RC-11')).toBe(fires);
  });

  test('names the line and the response evidence; the regimen is in the based-on lines', () => {
    const r = rec(responding(ceaResponse), 'RC-11');
    expect(r?.summary).toBe('Response on first-line therapy in unresectable disease: re-present at the MDT for resection or local therapy');
    expect(r?.basedOn.map((b) => b.label)).toEqual(['Resectability (MDT)', 'Line 1', 'Disease status', 'CEA']);
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'Line 1', value: expect.stringMatching(/^FOLFOX \+ bevacizumab/) }));
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'CEA', value: '60 -> 18 ng/mL (<= 50% of baseline)' }));
  });

  test('a response is not progression: no second-line card', () => {
    expect(ids(responding())).not.toContain('RC-12');
  });
});
