import type { Case } from '../../src/domain/case.js';
import {
  aLocalRecurrenceCase,
  aStageIvCase,
  exposure,
  metastasis,
  procedure,
  radiotherapy,
  withTnm,
} from '../support/case-builder.js';
import { ids, rec } from '../support/chart-review.js';


describe('RC-22 / RC-23 local pelvic recurrence after resection (no stage IV needed)', () => {
  test.each<[string, boolean, Case]>([
    ['presacral recurrence 3 years after resection, M0', true, aLocalRecurrenceCase()],
    ['recurrence not local (distant disease at the time of relapse)', false, aLocalRecurrenceCase({ recurrence: { local: false, source: { resourceType: 'Condition', id: 'dx' } } })],
    ['no resection of the primary on record', false, aLocalRecurrenceCase({ primaryResected: false, procedures: [] })],
    ['a current distant metastasis', false, aLocalRecurrenceCase({ metastases: [metastasis('lung', 10)], stageIV: true })],
    ['the latest M category is M1', false, aLocalRecurrenceCase(withTnm('pT3', 'pN0', 'cM1a'))],
    ['no recurrence documented', false, aLocalRecurrenceCase({ recurrence: undefined })],
  ])('%s -> both fire: %s', (_n, fires, c) => {
    const got = ids(c);
    expect([got.includes('RC-22'), got.includes('RC-23')]).toEqual([fires, fires]);
  });

  test('only RC-22 and RC-23 fire for a local recurrence without stage IV: no stage IV card leaks in', () => {
    expect(ids(aLocalRecurrenceCase()).sort()).toEqual(['RC-22', 'RC-23']);
    expect(ids(aLocalRecurrenceCase(), { ruleSet: 'seed-only' }).sort()).toEqual(['RC-22', 'RC-23']);
  });

  test('RC-22 names the operations and rests on the recurrence, the earlier resection and M0', () => {
    const r = rec(aLocalRecurrenceCase(), 'RC-22');
    expect(r?.summary).toMatch(/surgical assessment/);
    expect(r?.detail).toMatch(/coloanal anastomosis.*abdominoperineal resection.*pelvic exenteration/);
    expect(r?.basedOn.map((b) => b.label)).toEqual(['Rectal cancer', 'Previous surgery', 'M category']);
  });

  test.each<[string, Case, RegExp, RegExp]>([
    ['no prior pelvic RT: induction chemoradiation', aLocalRecurrenceCase(), /induction chemoradiation/, /intra-operative/],
    ['prior long-course CRT: intra-operative RT', aLocalRecurrenceCase({ radiotherapy: [radiotherapy('long-course', 'done', 1500)] }), /intra-operative radiotherapy/, /induction/],
    ['prior short course: intra-operative RT', aLocalRecurrenceCase({ radiotherapy: [radiotherapy('short-course', 'done', 1300)] }), /intra-operative radiotherapy/, /induction/],
    ['only non-pelvic RT before: still the induction branch', aLocalRecurrenceCase({ radiotherapy: [radiotherapy('other', 'done', 300, false)] }), /induction chemoradiation/, /intra-operative/],
  ])('RC-23 picks the branch from the RT history: %s', (_n, c, says, not) => {
    const r = rec(c, 'RC-23');
    expect(r?.summary).toMatch(says);
    expect(`${r?.summary}\n${r?.detail}`).not.toMatch(not);
    expect(r?.detail).toMatch(/locally advanced/);
    expect(r?.basedOn).toContainEqual(expect.objectContaining({ label: 'Pelvic radiotherapy' }));
  });
});

describe('RC-25 hepatic arterial infusion', () => {
  test.each<[string, boolean, Partial<Case>]>([
    ['HAI pump placed', true, { procedures: [procedure('hepatic-arterial-infusion', 'done', 30)] }],
    ['HAI planned', true, { procedures: [procedure('hepatic-arterial-infusion', 'planned', -10)] }],
    ['floxuridine given', true, { therapy: { exposures: [exposure('floxuridine', 14)], lines: [] } }],
    ['liver resection only', false, { procedures: [procedure('liver-resection', 'done', 30)] }],
    ['systemic fluorouracil is not HAI', false, { therapy: { exposures: [exposure('fluorouracil', 14)], lines: [] } }],
  ])('%s -> fires: %s', (_n, fires, over) => {
    expect(ids(aStageIvCase(over)).includes('RC-25')).toBe(fires);
  });

  test('states response without consistent survival gain, biliary sclerosis and specialist centres; level 1iiA', () => {
    const r = rec(aStageIvCase({ therapy: { exposures: [exposure('floxuridine', 14)], lines: [] } }), 'RC-25');
    expect(r?.indicator).toBe('info');
    expect(r?.evidence).toEqual({ level: '1iiA', seeds: ['003'] });
    expect(r?.detail).toMatch(/no consistent survival benefit/);
    expect(r?.detail).toMatch(/biliary sclerosis/);
    expect(r?.detail).toMatch(/centres experienced/);
  });
});
