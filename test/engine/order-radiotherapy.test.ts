import type { Case } from '../../src/domain/case.js';
import { aStageIvCase, exposure, withSymptom, withSynchronous } from '../support/case-builder.js';
import { actionsOf, drug, idsFor, radiotherapy, recsFor, surgery } from '../support/draft-builder.js';

/** RC-33 (long-course chemoradiation before systemic therapy) and RC-34 (pelvic RT without an indication). */

const lccrt = (o = {}) => radiotherapy('lccrt', { course: 'long-course', totalDoseCGy: 5040, fractions: 28 }, o);
const scrt = (o = {}) => radiotherapy('scrt', { course: 'short-course', totalDoseCGy: 2500, fractions: 5 }, o);
const capecitabine = drug('cape', ['capecitabine']);
const curative = { curativeIntent: { resourceType: 'CarePlan', id: 'plan' } };

describe('RC-33: long-course chemoradiation with synchronous metastases, untreated', () => {
  test.each<[string, Partial<Case>, ReturnType<typeof radiotherapy>, string | undefined]>([
    ['synchronous, untreated: warning', {}, lccrt(), 'warning'],
    ['curative plan on record: info', curative, lccrt(), 'info'],
    ['curative intent on the order: info', {}, lccrt({ curative: true }), 'info'],
    ['metachronous metastases', withSynchronous(false), lccrt(), undefined],
    ['already on systemic therapy', { therapy: { exposures: [exposure('oxaliplatin', 10)], lines: [] } }, lccrt(), undefined],
    ['short course 25 Gy / 5', {}, scrt(), undefined],
    ['long course outside the pelvis', {}, radiotherapy('rt', { course: 'long-course', pelvic: false }), undefined],
  ])('%s', (_name, over, draft, indicator) => {
    for (const hook of ['order-select', 'order-sign'] as const) {
      expect(recsFor(aStageIvCase(over), hook, [draft]).find((r) => r.ruleId === 'RC-33')?.indicator).toBe(indicator);
    }
  });

  test('suppresses RC-34 on order-select', () => {
    expect(idsFor(aStageIvCase(), 'order-select', [lccrt()])).toEqual(['RC-33']);
  });

  test('warning, nothing to justify pelvic RT: cancel the RT and its radiosensitiser only', () => {
    const r = recsFor(aStageIvCase(), 'order-select', [lccrt(), capecitabine]).find((x) => x.ruleId === 'RC-33');
    expect(r?.suggestions.map((s) => s.label)).toEqual(['Cancel the chemoradiation; start systemic therapy']);
    expect(actionsOf(r)).toEqual(['delete-draft:ServiceRequest/lccrt', 'delete-draft:MedicationRequest/cape']);
  });

  test('a fluoropyrimidine ordered as part of a regimen is not cancelled with the RT', () => {
    const r = recsFor(aStageIvCase(), 'order-select', [lccrt(), capecitabine, drug('ox', ['oxaliplatin'])]).find((x) => x.ruleId === 'RC-33');
    expect(actionsOf(r)).toEqual(['delete-draft:ServiceRequest/lccrt']);
  });

  test('curative plan: short course 5 x 5 Gy offered first', () => {
    const r = recsFor(aStageIvCase(curative), 'order-select', [lccrt({ curative: true }), capecitabine]).find((x) => x.ruleId === 'RC-33');
    expect(actionsOf(r)).toEqual([
      'delete-draft:ServiceRequest/lccrt', 'delete-draft:MedicationRequest/cape', 'order-short-course-rt',
      'delete-draft:ServiceRequest/lccrt', 'delete-draft:MedicationRequest/cape',
    ]);
    expect(r?.suggestions[0]?.isRecommended).toBe(true);
  });
});

describe('RC-34: pelvic RT without symptoms, planned resection or curative plan (order-select only)', () => {
  test.each<[string, Partial<Case>, ReturnType<typeof radiotherapy>[], boolean]>([
    ['short course, asymptomatic, nothing planned', {}, [scrt()], true],
    ['bleeding primary', { symptoms: [withSymptom('bleeding')] }, [scrt()], false],
    ['pain from the primary', { symptoms: [withSymptom('primary-tumour-pain')] }, [scrt()], false],
    ['curative plan on record', curative, [scrt()], false],
    [
      'resection of the primary planned on the record',
      { procedures: [{ kind: 'primary-resection', status: 'planned', emergency: false, source: { resourceType: 'ServiceRequest', id: 'lar' } }] },
      [scrt()],
      false,
    ],
    ['spine RT (not pelvic)', {}, [radiotherapy('spine', { course: 'other', pelvic: false })], false],
    ['not selected (context)', {}, [scrt({ selected: false })], false],
  ])('%s', (_name, over, drafts, fires) => {
    expect(idsFor(aStageIvCase(over), 'order-select', drafts).includes('RC-34')).toBe(fires);
  });

  test('a resection of the primary drafted in the same session counts as planned', () => {
    expect(idsFor(aStageIvCase(), 'order-select', [scrt(), surgery('lar', 'primary-resection', { selected: false })])).not.toContain('RC-34');
  });

  test('info, with a cancel suggestion; never on order-sign', () => {
    const [r] = recsFor(aStageIvCase(), 'order-select', [scrt()]);
    expect(r).toMatchObject({ ruleId: 'RC-34', indicator: 'info', overrideReasons: [] });
    expect(actionsOf(r)).toEqual(['delete-draft:ServiceRequest/scrt']);
    expect(idsFor(aStageIvCase(), 'order-sign', [scrt()])).not.toContain('RC-34');
  });
});
