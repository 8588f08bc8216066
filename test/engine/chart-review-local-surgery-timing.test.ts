import type { Case } from '../../src/domain/case.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { allRules } from '../../src/engine/rules/index.js';
import type { EvaluationContext } from '../../src/engine/types.js';
import { BEVACIZUMAB_SURGERY_GAP_DAYS, PERIOPERATIVE_MAX_DAYS, POST_LOCAL_THERAPY_DAYS } from '../../src/engine/thresholds.js';
import {
  NOW,
  aStageIvCase,
  daysAgo,
  exposure,
  line,
  onLine,
  procedure,
  radiotherapy,
  withCurativeIntent,
  withEcog,
  withLastBevacizumab,
  withResectability,
} from '../support/case-builder.js';

const ctx: EvaluationContext = { hook: 'patient-view', ruleSet: 'extended', disabledRules: new Set(), now: NOW };
const ids = (c: Case) => evaluate(allRules, c, ctx).map((r) => r.ruleId);
const rec = (c: Case, id: string) => evaluate(allRules, c, ctx).find((r) => r.ruleId === id);

describe(`RC-19 perioperative therapy beyond ${PERIOPERATIVE_MAX_DAYS} days on a curative pathway`, () => {
  /** FOLFOX started `days` ago with curative intent, metastatic diagnosis just before it. */
  const periop = (days: number, opts: { active?: boolean; curative?: boolean } = {}) =>
    aStageIvCase({
      ...(opts.curative === false ? {} : withCurativeIntent(days + 5)),
      ...withResectability('resectable', days + 5),
      metastaticDiagnosisDate: daysAgo(days + 10),
      ...onLine(line(1, 'FOLFOX', ['fluorouracil', 'oxaliplatin'], days, opts.active ?? true), { curative: true }),
    });

  test.each<[string, boolean, Case]>([
    [`${PERIOPERATIVE_MAX_DAYS} days since the first dose, still active`, true, periop(PERIOPERATIVE_MAX_DAYS)],
    ['213 days (7 months), still active', true, periop(213)],
    [`${PERIOPERATIVE_MAX_DAYS - 1} days`, false, periop(PERIOPERATIVE_MAX_DAYS - 1)],
    ['213 days but therapy finished', false, periop(213, { active: false })],
    ['213 days without documented curative intent', false, periop(213, { curative: false })],
  ])('%s -> fires: %s', (_n, fires, c) => {
    expect(ids(c).includes('RC-19')).toBe(fires);
  });

  test('warning naming the first dose and the 6-month limit', () => {
    const r = rec(periop(213), 'RC-19');
    expect(r?.indicator).toBe('warning');
    expect(r?.overrideReasons).toContain('mdt-decision');
    expect(r?.summary).toMatch(/213 days, past the 6-month limit/);
    expect(r?.detail).toContain(`${PERIOPERATIVE_MAX_DAYS} days`);
    expect(r?.detail).toContain(`First dose of the pathway: ${daysAgo(213).slice(0, 10)}`);
  });

  test('adjuvant therapy of the earlier, non-metastatic disease does not start the clock', () => {
    const c = periop(100);
    c.therapy.exposures.push({ ...exposure('capecitabine', 900), curative: true });
    expect(ids(c)).not.toContain('RC-19');
  });

  test('without curative flags on the drugs, the clock starts at the first dose since the metastatic diagnosis', () => {
    const c = aStageIvCase({
      ...withCurativeIntent(200),
      metastaticDiagnosisDate: daysAgo(210),
      ...onLine(line(1, 'CAPOX', ['capecitabine', 'oxaliplatin'], 190)),
    });
    expect(ids(c)).toContain('RC-19');
  });
});

describe(`RC-20 no systemic therapy ${POST_LOCAL_THERAPY_DAYS} days after surgery or RT`, () => {
  const afterSurgery = (days: number, over: Partial<Case> = {}) =>
    aStageIvCase({
      ...withResectability('unresectable', 100),
      metastaticDiagnosisDate: daysAgo(110),
      primaryResected: true,
      procedures: [procedure('primary-resection', 'done', days)],
      ...over,
    });

  test.each<[string, boolean, Case]>([
    ['palliative resection 70 days ago, nothing since', true, afterSurgery(70)],
    [`resection exactly ${POST_LOCAL_THERAPY_DAYS} days ago`, true, afterSurgery(POST_LOCAL_THERAPY_DAYS)],
    [`resection ${POST_LOCAL_THERAPY_DAYS - 1} days ago (still recovering)`, false, afterSurgery(POST_LOCAL_THERAPY_DAYS - 1)],
    ['resectability not documented counts as unresectable', true, afterSurgery(70, { resectabilityHistory: [] })],
    ['resectable disease (curative pathway, other rules)', false, afterSurgery(70, withResectability('resectable'))],
    ['FOLFOX given after the resection', false, afterSurgery(70, { therapy: { exposures: [exposure('oxaliplatin', 30)], lines: [] } })],
    ['an active order placed before the resection', false, afterSurgery(70, { therapy: { exposures: [exposure('capecitabine', 80, 'order', true)], lines: [] } })],
    ['leucovorin alone since is not therapy', true, afterSurgery(70, { therapy: { exposures: [exposure('leucovorin', 30)], lines: [] } })],
    ['palliative pelvic RT finished 9 weeks ago', true, afterSurgery(0, { primaryResected: false, procedures: [], radiotherapy: [radiotherapy('short-course', 'done', 63)] })],
    ['a stent is not surgery', false, afterSurgery(0, { primaryResected: false, procedures: [procedure('rectal-stent', 'done', 70)] })],
    ['surgery before the metastatic diagnosis belongs to the earlier disease', false, afterSurgery(400)],
    ['the latest local treatment was 3 weeks ago', false, afterSurgery(70, { radiotherapy: [radiotherapy('other', 'done', 21, false)] })],
  ])('%s -> fires: %s', (_n, fires, c) => {
    expect(ids(c).includes('RC-20')).toBe(fires);
  });

  test('warning with weeks and the design threshold; never pushes combination therapy at ECOG 3', () => {
    const r = rec(afterSurgery(70), 'RC-20');
    expect(r?.indicator).toBe('warning');
    expect(r?.summary).toBe('No systemic therapy in the 10 weeks since resection of the primary: start or resume it');
    expect(r?.detail).toMatch(/threshold 8 weeks, design/);
    expect(rec(afterSurgery(70, withEcog(3)), 'RC-20')?.detail).toMatch(/ECOG 3: intensive combination therapy is not appropriate/);
    expect(r?.detail).not.toMatch(/ECOG/);
  });
});

describe(`RC-21 bevacizumab within ${BEVACIZUMAB_SURGERY_GAP_DAYS} days of planned elective surgery`, () => {
  const withSurgery = (bevDaysAgo: number | undefined, surgery: ReturnType<typeof procedure>, basis?: 'administration' | 'order-date') =>
    aStageIvCase({
      procedures: [surgery],
      therapy: { exposures: bevDaysAgo !== undefined ? [withLastBevacizumab(bevDaysAgo, basis)] : [], lines: [] },
    });

  test.each<[string, boolean, Case]>([
    ['hepatectomy in 5 days, bevacizumab 21 days ago (26-day gap)', true, withSurgery(21, procedure('liver-resection', 'planned', -5))],
    ['surgery in 21 days, bevacizumab 21 days ago (exactly 42)', false, withSurgery(21, procedure('liver-resection', 'planned', -21))],
    ['surgery in 20 days, bevacizumab 21 days ago (41)', true, withSurgery(21, procedure('primary-resection', 'planned', -20))],
    ['undated request, bevacizumab 35 days ago: measured to now', true, withSurgery(35, procedure('other-major-surgery', 'planned', undefined))],
    ['undated request, bevacizumab 63 days ago', false, withSurgery(63, procedure('other-major-surgery', 'planned', undefined))],
    ['request dated in the past, bevacizumab 10 days ago: measured to now', true, withSurgery(10, procedure('liver-resection', 'planned', 20))],
    ['emergency surgery is not elective', false, withSurgery(10, procedure('primary-resection', 'planned', -2, { emergency: true }))],
    ['an ablation is not surgery', false, withSurgery(10, procedure('ablation', 'planned', -5))],
    ['surgery already done', false, withSurgery(10, procedure('liver-resection', 'done', 2))],
    ['no bevacizumab on record', false, withSurgery(undefined, procedure('liver-resection', 'planned', -5))],
  ])('%s -> fires: %s', (_n, fires, c) => {
    expect(ids(c).includes('RC-21')).toBe(fires);
  });

  test('warning with the gap, the last dose, and the earliest safe date', () => {
    const r = rec(withSurgery(21, procedure('liver-resection', 'planned', -5)), 'RC-21');
    expect(r?.indicator).toBe('warning');
    expect(r?.summary).toBe('Planned liver resection 26 days after the last bevacizumab: keep at least 6 weeks between them');
    expect(r?.detail).toContain(`Reschedule to ${daysAgo(21 - BEVACIZUMAB_SURGERY_GAP_DAYS).slice(0, 10)} or later`);
    expect(r?.detail).not.toMatch(/order date/);
  });

  test('says when the last dose is only an order date', () => {
    const r = rec(withSurgery(21, procedure('liver-resection', 'planned', -5), 'order-date'), 'RC-21');
    expect(r?.detail).toMatch(/This is the order date: the actual last dose may be later/);
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'Last bevacizumab', value: expect.stringMatching(/order date/) }));
  });
});
