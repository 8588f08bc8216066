import type { Case } from '../../src/domain/case.js';
import { aStageIvCase, daysAgo, withSymptom } from '../support/case-builder.js';
import { actionsOf, idsFor, recsFor, surgery } from '../support/draft-builder.js';

/** RC-32 (elective resection of an asymptomatic primary) and RC-35 (surgery within 6 weeks of bevacizumab). */

const curative = { curativeIntent: { resourceType: 'CarePlan', id: 'plan' } };
const apr = (o = {}) => surgery('apr', 'primary-resection', o);

describe('RC-32: elective resection of the primary (order-sign only)', () => {
  test.each<[string, Partial<Case>, ReturnType<typeof surgery>, string[]]>([
    ['asymptomatic, no curative plan', {}, apr(), ['RC-32']],
    ['bleeding primary', { symptoms: [withSymptom('bleeding')] }, apr(), []],
    ['impending obstruction', { symptoms: [withSymptom('impending-obstruction')] }, apr(), []],
    ['curative plan on record', curative, apr(), []],
    ['curative intent on the order itself', {}, apr({ curative: true }), []],
    ['emergency priority', {}, apr({ emergency: true }), []],
    ['a diverting stoma is not a resection', {}, surgery('stoma', 'diversion'), []],
    ['primary already resected', { primaryResected: true }, apr(), []],
    ['not stage IV', { stageIV: false, metastases: [], stageGroup: undefined }, apr(), []],
  ])('%s', (_name, over, draft, expected) => {
    expect(idsFor(aStageIvCase(over), 'order-sign', [draft]).filter((id) => id === 'RC-32')).toEqual(expected);
  });

  test('not on order-select (the table: sign only)', () => {
    expect(idsFor(aStageIvCase(), 'order-select', [apr()])).not.toContain('RC-32');
  });

  test('warning that cancels the resection order', () => {
    const [r] = recsFor(aStageIvCase(), 'order-sign', [apr()]);
    expect(r).toMatchObject({ ruleId: 'RC-32', indicator: 'warning' });
    expect(actionsOf(r)).toEqual(['delete-draft:ServiceRequest/apr']);
  });
});

describe('RC-35: major surgery within 6 weeks of the last bevacizumab dose (order-sign only)', () => {
  const onBev = (daysSince: number, over: Partial<Case> = {}): Case =>
    aStageIvCase({
      therapy: { exposures: [], lines: [], lastBevacizumab: { date: daysAgo(daysSince), basis: 'administration', source: { resourceType: 'MedicationAdministration', id: 'bev' } } },
      ...curative,
      ...over,
    });
  const hep = (o = {}) => surgery('hep', 'liver-resection', o);

  test.each<[string, Case, ReturnType<typeof surgery>, string | undefined]>([
    ['21 days ago, surgery in 5 days (26): critical', onBev(21), hep({ plannedDate: daysAgo(-5) }), 'critical'],
    ['27 days ago, undated (measured to today)', onBev(27), hep(), 'critical'],
    ['28 days ago, undated: warning', onBev(28), hep(), 'warning'],
    ['35 days ago, undated: warning', onBev(35), hep(), 'warning'],
    ['41 days ago, undated: warning', onBev(41), hep(), 'warning'],
    ['42 days ago, undated: none', onBev(42), hep(), undefined],
    ['35 days ago, surgery in 7 days (42): none', onBev(35), hep({ plannedDate: daysAgo(-7) }), undefined],
    ['10 days ago, stat laparotomy: info (wound-healing note)', onBev(10), surgery('lap', 'other-major-surgery', { emergency: true, plannedDate: daysAgo(0) }), 'info'],
    ['10 days ago, ablation: not surgery', onBev(10), surgery('rfa', 'ablation'), undefined],
    ['no bevacizumab ever', aStageIvCase(curative), hep(), undefined],
  ])('%s', (_name, c, draft, indicator) => {
    expect(recsFor(c, 'order-sign', [draft]).find((r) => r.ruleId === 'RC-35')?.indicator).toBe(indicator);
  });

  test('elective: moves the surgery to 6 weeks after the last dose', () => {
    const r = recsFor(onBev(21), 'order-sign', [hep({ plannedDate: daysAgo(-5) })]).find((x) => x.ruleId === 'RC-35');
    expect(actionsOf(r)).toEqual(['reschedule-draft:ServiceRequest/hep']);
    const action = r?.suggestions[0]?.actions[0];
    expect(action?.type === 'reschedule-draft' ? action.occurrence.slice(0, 10) : undefined).toBe(daysAgo(-21).slice(0, 10));
    expect(r?.overrideReasons.length).toBeGreaterThan(0);
  });

  test('emergency: an info note with no suggestion and no override reasons, and never RC-32', () => {
    const recs = recsFor(onBev(10, { curativeIntent: undefined }), 'order-sign', [apr({ emergency: true })]);
    expect(recs.map((r) => [r.ruleId, r.indicator, r.suggestions.length, r.overrideReasons.length])).toEqual([['RC-35', 'info', 0, 0]]);
  });

  test('not on order-select', () => {
    expect(idsFor(onBev(21), 'order-select', [hep()])).not.toContain('RC-35');
  });
});
