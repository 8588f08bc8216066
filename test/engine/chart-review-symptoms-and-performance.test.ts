import type { Case } from '../../src/domain/case.js';
import {
  aStageIvCase,
  exposure,
  line,
  metastasis,
  msiFinding,
  onLine,
  onLines,
  withBiomarkers,
  withDiseaseStatus,
  withEcog,
  withGene,
  withKarnofsky,
  withLastBevacizumab,
  withSymptom,
} from '../support/case-builder.js';
import { ids, rec, recs, titled } from '../support/chart-review.js';

/** Palliation of symptoms (RC-06, RC-07, RC-16) and poor performance status (RC-15). */

const symptom = (...s: Parameters<typeof withSymptom>[0][]): Partial<Case> => ({ symptoms: s.map(withSymptom) });

describe('RC-06 obstruction or perforation: urgent surgical assessment', () => {
  test.each(titled<Partial<Case>>([
    ['obstruction', symptom('obstruction'), true],
    ['perforation', symptom('perforation'), true],
    ['obstruction after the primary was resected (still an emergency)', { ...symptom('obstruction'), primaryResected: true }, true],
    ['impending obstruction is not yet an emergency', symptom('impending-obstruction'), false],
    ['bleeding', symptom('bleeding'), false],
    ['no symptom', {}, false],
  ]))('%s', (_n, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-06')).toBe(fires);
  });

  test('critical, first in the list, names the symptom and its record', () => {
    const all = recs(aStageIvCase(symptom('perforation')));
    expect(all[0]?.ruleId).toBe('RC-06');
    expect(all[0]?.indicator).toBe('critical');
    expect(all[0]?.summary).toMatch(/^Perforation .*urgent surgical assessment/);
    expect(all[0]?.basedOn).toContainEqual(expect.objectContaining({ label: 'Symptom', value: 'perforation', source: expect.objectContaining({ id: 'perforation' }) }));
    expect(all[0]?.overrideReasons.length).toBeGreaterThan(0);
  });

  test('suppresses "systemic therapy first, no resection" (RC-05) and the untreated first-line card (RC-02) stays out by its own trigger', () => {
    const got = ids(aStageIvCase(symptom('obstruction')));
    expect(got).not.toContain('RC-05');
    expect(got).not.toContain('RC-02');
  });

  test('bevacizumab within 6 weeks: the card warns the surgical team; older doses are not mentioned', () => {
    const recent = aStageIvCase({ ...symptom('perforation'), therapy: { exposures: [withLastBevacizumab(10)], lines: [] } });
    expect(rec(recent, 'RC-06')?.detail).toMatch(/Last bevacizumab .*10 days ago/);
    const old = aStageIvCase({ ...symptom('perforation'), therapy: { exposures: [withLastBevacizumab(60)], lines: [] } });
    expect(rec(old, 'RC-06')?.detail).not.toMatch(/bevacizumab/);
  });
});

describe('RC-07 symptomatic primary: local palliation', () => {
  test.each(titled<Partial<Case>>([
    ['bleeding', symptom('bleeding'), true],
    ['impending obstruction', symptom('impending-obstruction'), true],
    ['pain from the primary', symptom('primary-tumour-pain'), true],
    ['complete obstruction is RC-06, not RC-07', symptom('obstruction'), false],
    ['symptomatic metastasis is not the primary', symptom('symptomatic-metastasis'), false],
    ['primary already resected', { ...symptom('bleeding'), primaryResected: true }, false],
  ]))('%s', (_n, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-07')).toBe(fires);
  });

  test('warning listing RT, stent (hard in the low rectum) and diversion, resection only when they fail', () => {
    const r = rec(aStageIvCase(symptom('bleeding')), 'RC-07');
    expect(r?.indicator).toBe('warning');
    expect(r?.summary).toMatch(/bleeding/);
    expect(r?.detail).toMatch(/Palliative radiotherapy/);
    expect(r?.detail).toMatch(/stent.*low rectum/);
    expect(r?.detail).toMatch(/diverting stoma/);
    expect(r?.detail).toMatch(/resection of the primary if these measures fail/);
  });

  test('does not replace the emergency card: obstruction plus bleeding gives both, critical first', () => {
    const got = recs(aStageIvCase(symptom('obstruction', 'bleeding')));
    expect(got.map((r) => r.ruleId).slice(0, 2)).toEqual(['RC-06', 'RC-07']);
  });
});

describe('RC-16 palliative radiotherapy for local control', () => {
  const boneMet = { metastases: [metastasis('liver'), metastasis('bone')] };
  test.each(titled<Partial<Case>>([
    ['bleeding primary', symptom('bleeding'), true],
    ['painful primary', symptom('primary-tumour-pain'), true],
    ['impending obstruction', symptom('impending-obstruction'), true],
    ['any brain metastasis', { metastases: [metastasis('brain')] }, true],
    ['symptomatic bone metastasis', { ...boneMet, symptoms: [{ ...withSymptom('symptomatic-metastasis'), site: 'bone' }] }, true],
    ['symptomatic metastasis, site not readable, bone metastasis on record', { ...boneMet, ...symptom('symptomatic-metastasis') }, true],
    ['symptomatic liver metastasis', { symptoms: [{ ...withSymptom('symptomatic-metastasis'), site: 'liver' }] }, false],
    ['asymptomatic bone metastasis', boneMet, false],
    ['complete obstruction (surgery, RC-06)', symptom('obstruction'), false],
  ]))('%s', (_n, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-16')).toBe(fires);
  });

  test('info card naming every target it found', () => {
    const c = aStageIvCase({ ...symptom('bleeding'), metastases: [metastasis('liver'), metastasis('brain')] });
    const r = rec(c, 'RC-16');
    expect(r?.indicator).toBe('info');
    expect(r?.summary).toBe('Refer for palliative radiotherapy: symptomatic primary, brain metastasis');
    expect(r?.basedOn.map((b) => b.value)).toEqual(['bleeding', 'brain']);
  });
});

describe('RC-15 ECOG >= 3: no intensive therapy', () => {
  test.each(titled<Partial<Case>>([
    ['ECOG 3', withEcog(3), true],
    ['ECOG 4', withEcog(4), true],
    ['Karnofsky 40 (ECOG 3)', withKarnofsky(40, 3), true],
    ['ECOG 2', withEcog(2), false],
    ['ECOG not documented: unknown is not poor', {}, false],
  ]))('%s', (_n, over, fires) => {
    expect(ids(aStageIvCase(over)).includes('RC-15')).toBe(fires);
  });

  test('warning that names the score (and the Karnofsky it came from)', () => {
    const r = rec(aStageIvCase(withKarnofsky(40, 3)), 'RC-15');
    expect(r?.indicator).toBe('warning');
    expect(r?.summary).toMatch(/^ECOG 3 \(Karnofsky 40\): intensive combination chemotherapy is not appropriate/);
    expect(r?.detail).toMatch(/supportive care/);
  });

  const progressing = (ecog: Partial<Case>) =>
    aStageIvCase({
      ...ecog,
      ...onLine(line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin'], 120)),
      ...withDiseaseStatus('worsened', 5),
    });
  test.each<[string, Case, string[]]>([
    ['untreated: no first-line chemotherapy or biologic', aStageIvCase(withEcog(3)), ['RC-02', 'RC-03', 'RC-E4']],
    ['progression on the first line: no second line', progressing(withEcog(3)), ['RC-12']],
    [
      'progression after two lines: no later-line card',
      aStageIvCase({
        ...withEcog(4),
        ...onLines(line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin'], 300, false), line(2, 'FOLFIRI', ['fluorouracil', 'irinotecan'], 150)),
        ...withDiseaseStatus('worsened', 5),
      }),
      ['RC-13'],
    ],
    [
      'BRAF V600E, RAS wild-type, untreated: no encorafenib triplet',
      aStageIvCase({ ...withEcog(3), ...withBiomarkers({ kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'wild-type'), braf: { ...withGene('BRAF', 'mutant', 'p.Val600Glu'), v600e: true } }) }),
      ['RC-E2'],
    ],
  ])('%s', (_n, c, absent) => {
    const got = ids(c);
    expect(got).toContain('RC-15');
    for (const id of absent) expect(got).not.toContain(id);
  });

  test('the same progression at ECOG 1 gets the second-line card', () => {
    expect(ids(progressing(withEcog(1)))).toContain('RC-12');
  });

  test('MSI-H at ECOG 3: a checkpoint inhibitor is not combination therapy; it stays, with the fitness caveat', () => {
    const c = aStageIvCase({ ...withEcog(3), ...withBiomarkers({ msi: msiFinding('MSI-H') }) });
    const r = rec(c, 'RC-E3');
    expect(ids(c)).toContain('RC-15');
    expect(r?.detail).toMatch(/ECOG 3: outside the populations/);
  });

  test('an active anti-cancer order is shown as the therapy it is based on', () => {
    const c = aStageIvCase({ ...withEcog(3), therapy: { exposures: [exposure('capecitabine', 5, 'order', true)], lines: [] } });
    expect(rec(c, 'RC-15')?.basedOn).toContainEqual(expect.objectContaining({ label: 'Systemic therapy', value: 'capecitabine' }));
  });
});
