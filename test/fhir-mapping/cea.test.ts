import type { Observation } from 'fhir/r4.js';
import { mapCeaSeries } from '../../src/fhir-mapping/cea.js';
import { aStageIvCase, line } from '../support/case-builder.js';
import { factsOf } from '../support/chart-review.js';
import { cea, lnc, mapped, medAdmin, obs, rx, stageIvRectal } from './helpers.js';

/** The decision table's CEA terms over a mapped series, with the current line started `lineStartDays` ago. */
function ceaTerms(values: Observation[], lineStartDays?: number) {
  const lines = lineStartDays === undefined ? [] : [line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin'], lineStartDays)];
  return factsOf(aStageIvCase({ cea: mapCeaSeries(values), therapy: { exposures: [], lines } })).cea;
}

describe('what counts as a serum CEA value', () => {
  test.each<[string, Observation, number | undefined]>([
    ['LOINC 2039-6 ng/mL', cea(4.2, 10), 4.2],
    ['LOINC 83085-1', cea(4.2, 10, { code: '83085-1' }), 4.2],
    ['ug/L equals ng/mL', cea(7, 10, { unit: 'ug/L' }), 7],
    ['µg/L unit text', { ...cea(7, 10), valueQuantity: { value: 7, unit: 'µg/L' } }, 7],
    ['ng/ml lower case', { ...cea(7, 10), valueQuantity: { value: 7, unit: 'ng/ml' } }, 7],
    ['2039-6 in the CDC race system (not CEA)', cea(1, 10, { system: 'urn:oid:2.16.840.1.113883.6.238' }), undefined],
    ['2039-6 with no system', { ...cea(4, 10), code: { coding: [{ code: '2039-6' }] } }, undefined],
    ['other CEA LOINC (19165-3, fluid)', cea(4, 10, { code: '19165-3' }), undefined],
    ['units/volume (U/mL)', cea(4, 10, { unit: 'U/mL' }), undefined],
    ['no unit', { ...cea(4, 10), valueQuantity: { value: 4 } }, undefined],
    ['preliminary', { ...cea(4, 10), status: 'preliminary' }, undefined],
    ['no date', obs({ code: lnc('2039-6'), valueQuantity: { value: 4, unit: 'ng/mL' } }), undefined],
  ])('%s', (_name, o, value) => {
    expect(mapCeaSeries([o]).values[0]?.value).toBe(value);
  });

  test('a `<` comparator means below that value', () => {
    expect(mapCeaSeries([cea(0.5, 10, { comparator: '<' })]).values[0]).toMatchObject({ value: 0.5, belowDetection: true });
  });

  test.each<[string, Observation[], number]>([
    ['default 5 ng/mL', [cea(3, 10)], 5],
    ['referenceRange.high', [cea(3, 10, { high: 3.4 })], 3.4],
    ['the newest stated high', [cea(3, 100, { high: 3.4 }), cea(3, 10, { high: 2.5 }), cea(3, 5)], 2.5],
  ])('upper normal: %s', (_name, values, upper) => {
    expect(mapCeaSeries(values).upperNormal).toBe(upper);
  });
});

describe('series terms (judged by the fact base)', () => {
  test('values oldest first, latest, nadir', () => {
    const s = ceaTerms([cea(12, 10), cea(45, 100), cea(6, 50)]);
    expect(s.values.map((v) => v.value)).toEqual([45, 6, 12]);
    expect(s.latest?.value).toBe(12);
    expect(s.nadir?.value).toBe(6);
  });

  test.each<[string, number[], boolean]>([
    ['V21: 5 -> 12 -> 25', [5, 12, 25], true],
    ['two rises, last below upper normal', [1, 2, 4.9], false],
    ['two rises, last < 125% of the nadir', [10, 11, 12], false],
    ['two rises from a low nadir', [3, 10, 11, 12], true],
    ['one rise only', [20, 10, 30], false],
    ['flat then rise', [10, 10, 30], false],
  ])('rising: %s -> %s', (_name, series, rising) => {
    const values = series.map((v, i) => cea(v, 300 - i * 30));
    expect(ceaTerms(values).rising).toBe(rising);
  });

  test.each<[string, number[], string]>([
    ['single value', [5], 'insufficient-data'],
    ['up', [5, 10], 'rising'],
    ['down', [10, 5], 'falling'],
    ['within 10%', [10, 10.5], 'stable'],
  ])('trend: %s', (_name, series, trend) => {
    expect(ceaTerms(series.map((v, i) => cea(v, 100 - i * 10))).trend).toBe(trend);
  });

  test.each<[string, number[], number | undefined, boolean]>([
    ['V22: 60 -> 18 after the line start', [60, 18], 60, true],
    ['60 -> 31: not <= 50%', [60, 31], 60, false],
    ['60 -> 30: exactly 50%', [60, 30], 60, true],
  ])('response: %s', (_name, [before, after], baseline, response) => {
    const s = ceaTerms([cea(before as number, 100), cea(after as number, 10)], 90);
    expect(s.baseline?.value).toBe(baseline);
    expect(s.response).toBe(response);
  });

  test('baseline: the last value on or before the line start day; none before -> no baseline', () => {
    expect(ceaTerms([cea(20, 200), cea(30, 90), cea(10, 10)], 90).baseline?.value).toBe(30);
    expect(ceaTerms([cea(30, 50), cea(10, 10)], 90)).toMatchObject({ response: false });
    expect(ceaTerms([cea(30, 50)], 90).baseline).toBeUndefined();
    expect(ceaTerms([cea(30, 50)]).baseline).toBeUndefined();
  });

  test('the baseline alone is no response', () => {
    expect(ceaTerms([cea(30, 100)], 90).response).toBe(false);
  });

  test('a mapped record takes the baseline before the current line', () => {
    const c = mapped([...stageIvRectal(), cea(60, 45), medAdmin(rx('32592'), { daysAgo: 40 }), medAdmin(rx('4492'), { daysAgo: 40 }), cea(18, 5)]);
    expect(factsOf(c).cea).toMatchObject({ baseline: { value: 60 }, response: true });
  });
});
