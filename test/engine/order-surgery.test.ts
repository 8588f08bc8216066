import type { Case } from '../../src/domain/case.js';
import { bevacizumabGapToSurgery } from '../../src/engine/facts/treatment-facts.js';
import { factsOf } from '../support/chart-review.js';
import { NOW, aStageIvCase, daysAgo, exposure, procedure, withLastBevacizumab, withSymptom } from '../support/case-builder.js';
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
      therapy: { exposures: [{ drug: 'bevacizumab', kind: 'administration', active: false, date: daysAgo(daysSince), source: { resourceType: 'MedicationAdministration', id: 'bev' } }], lines: [] },
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

  test('a surgery date already past is measured to today, never as negative days', () => {
    const r = recsFor(onBev(10), 'order-sign', [hep({ plannedDate: daysAgo(30) })]).find((x) => x.ruleId === 'RC-35');
    expect(r?.indicator).toBe('critical');
    expect(r?.summary).toContain('10 days after the last bevacizumab');
    expect(r?.detail).toContain(`surgery dated ${daysAgo(30).slice(0, 10)}, already past (measured to today): 10 days.`);
    expect(`${r?.summary} ${r?.detail} ${JSON.stringify(r?.basedOn)}`).not.toMatch(/-\d+ days/);
  });
});

describe('RC-35 (order-sign) and RC-21 (patient-view) measure the bevacizumab gap alike', () => {
  /** The gap each rule reports for the same operation, planned on record (RC-21) or being signed (RC-35). */
  const gaps = (bevDaysAgo: number, plannedIn: number | undefined): [string | undefined, string | undefined] => {
    const lastBevacizumab = withLastBevacizumab(bevDaysAgo);
    const plannedDate = plannedIn === undefined ? undefined : daysAgo(-plannedIn);
    const onRecord = aStageIvCase({ therapy: { exposures: [lastBevacizumab], lines: [] }, procedures: [procedure('liver-resection', 'planned', plannedIn === undefined ? undefined : -plannedIn)] });
    const signing = aStageIvCase({ therapy: { exposures: [lastBevacizumab], lines: [] } });
    const rc21 = recsFor(onRecord, 'patient-view', []).find((r) => r.ruleId === 'RC-21');
    const rc35 = recsFor(signing, 'order-sign', [surgery('hep', 'liver-resection', plannedDate ? { plannedDate } : {})]).find((r) => r.ruleId === 'RC-35');
    const days = (value: string | undefined) => value?.match(/^-?\d+/)?.[0];
    return [days(rc21?.basedOn.find((b) => b.label === 'Interval')?.value), days(rc35?.basedOn.find((b) => b.label === 'Last bevacizumab')?.value)];
  };

  test.each<[string, number, number | undefined, string]>([
    ['surgery in 5 days, last dose 21 days ago', 21, 5, '26'],
    ['undated, last dose 27 days ago', 27, undefined, '27'],
    ['dated 30 days in the past, last dose 10 days ago: measured to today', 10, -30, '10'],
    ['dated yesterday, last dose 35 days ago', 35, -1, '35'],
  ])('%s', (_name, bevDaysAgo, plannedIn, days) => {
    expect(gaps(bevDaysAgo, plannedIn)).toEqual([days, days]);
  });
});

describe('bevacizumabGapToSurgery', () => {
  const c = (bevDaysAgo: number) => factsOf(aStageIvCase({ therapy: { exposures: [withLastBevacizumab(bevDaysAgo)], lines: [] } }));

  test.each<[string, number, string | undefined, number, string]>([
    ['planned date ahead: measured to it', 21, daysAgo(-5), 26, daysAgo(-5)],
    ['undated: measured to now', 21, undefined, 21, NOW.toISOString()],
    ['date already past: measured to now', 10, daysAgo(30), 10, NOW.toISOString()],
    ['a dose dated after the surgery day: 0 days, never negative', -3, daysAgo(-1), 0, daysAgo(-1)],
  ])('%s', (_name, bevDaysAgo, plannedDate, days, measuredTo) => {
    expect(bevacizumabGapToSurgery(c(bevDaysAgo), plannedDate)).toEqual({ days, measuredTo });
  });

  test('no bevacizumab on record, or an unreadable dose date: no gap', () => {
    expect(bevacizumabGapToSurgery(factsOf(aStageIvCase()), undefined)).toBeUndefined();
    const unreadable = aStageIvCase({ therapy: { exposures: [{ ...withLastBevacizumab(3), date: 'soon' }], lines: [] } });
    expect(bevacizumabGapToSurgery(factsOf(unreadable), undefined)).toBeUndefined();
  });
});

describe('lastBevacizumab: the dose the gap is measured from', () => {
  const last = (exposures: Case['therapy']['exposures']) => factsOf(aStageIvCase({ therapy: { exposures, lines: [] } })).lastBevacizumab;

  test('the latest administration, whatever the order of the record', () => {
    const doses = [withLastBevacizumab(40), withLastBevacizumab(12), withLastBevacizumab(26)];
    expect(last(doses)?.date).toBe(daysAgo(12));
    expect(last([...doses].reverse())?.date).toBe(daysAgo(12));
  });

  test('two doses on the same day: the first on record is named', () => {
    const first = withLastBevacizumab(9);
    const second = { ...withLastBevacizumab(9), source: { ...first.source, id: 'bev-9-again' } };
    expect(last([withLastBevacizumab(30), first, second])?.source.id).toBe(first.source.id);
  });

  test('an administration outranks a later order; the end of a past infusion period counts', () => {
    const infusion = { ...withLastBevacizumab(20), endDate: daysAgo(19) };
    expect(last([withLastBevacizumab(5, 'order-date'), infusion])).toMatchObject({ basis: 'administration', date: daysAgo(19) });
    expect(last([withLastBevacizumab(5, 'order-date')])).toMatchObject({ basis: 'order-date', date: daysAgo(5) });
  });
});

test('an active bevacizumab order without administrations counts as given up to today', () => {
  const order = { ...exposure('bevacizumab', 120, 'order', true) };
  const c = aStageIvCase({ therapy: { exposures: [order], lines: [] } });
  expect(bevacizumabGapToSurgery(factsOf(c), undefined)?.days).toBe(0);
  const stopped = { ...order, active: false };
  const old = aStageIvCase({ therapy: { exposures: [stopped], lines: [] } });
  expect(bevacizumabGapToSurgery(factsOf(old), undefined)?.days).toBe(120);
});
