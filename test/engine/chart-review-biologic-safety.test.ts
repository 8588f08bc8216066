import type { Case } from '../../src/domain/case.js';
import { aStageIvCase, procedure, rasWildTypeFindings, withBiomarkers, withGene, withSymptom } from '../support/case-builder.js';
import { rec, recs } from '../support/chart-review.js';
import { DAY_MS } from '../../src/domain/time.js';

/**
 * RC-03 names the biologic to add. It must never advise bevacizumab when another rule forbids it now, nor an
 * anti-EGFR antibody unless RAS is wild-type (in seed-only mode too, when an NRAS mutation is on file).
 */
const addsBevacizumab = /Add \*\*bevacizumab\*\*|bevacizumab \*\*, or|\*\*bevacizumab\*\*, or/;
const offersAntiEgfr = /\*\*cetuximab \/ panitumumab\*\*/;

describe('RC-03 never advises bevacizumab when it is contraindicated now', () => {
  test.each<[string, Partial<Case>]>([
    ['a diversion 10 days ago', { procedures: [procedure('diversion', 'done', 10)] }],
    ['an elective liver resection planned in 14 days', { procedures: [procedure('liver-resection', 'planned', -14)] }],
    ['a bleeding primary', { symptoms: [withSymptom('bleeding')] }],
  ])('%s: the doublet without bevacizumab, and the card says why', (_n, over) => {
    const r = rec(aStageIvCase(over), 'RC-03');
    expect(r?.detail).not.toMatch(addsBevacizumab);
    expect(r?.detail).toMatch(/\*\*Bevacizumab not now\*\*/);
    expect(r?.summary).toMatch(/bevacizumab not now/);
  });

  test('with nothing against it, bevacizumab is the biologic', () => {
    expect(rec(aStageIvCase(), 'RC-03')?.detail).toMatch(addsBevacizumab);
  });

  test('RAS wild-type and bevacizumab blocked: the anti-EGFR antibody remains the option', () => {
    const r = rec(aStageIvCase({ ...withBiomarkers(rasWildTypeFindings()), symptoms: [withSymptom('bleeding')] }), 'RC-03');
    expect(r?.detail).toMatch(offersAntiEgfr);
    expect(r?.detail).not.toMatch(addsBevacizumab);
  });
});

test('seed-only mode never offers an anti-EGFR antibody with an NRAS mutation on file', () => {
  const c = aStageIvCase(withBiomarkers({ kras: withGene('KRAS', 'wild-type'), nras: withGene('NRAS', 'mutant', 'p.Gln61Lys') }));
  expect(rec(c, 'RC-03', { ruleSet: 'seed-only' })?.detail).not.toMatch(offersAntiEgfr);
  expect(rec(c, 'RC-03', { ruleSet: 'seed-only' })?.summary).not.toMatch(/^RAS wild-type/);
});

test('a medication record whose drug cannot be read is never taken for "untreated"', () => {
  const unreadable = { date: new Date(Date.parse(aStageIvCase().now) - 5 * DAY_MS).toISOString(), active: false, source: { resourceType: 'MedicationAdministration', id: 'ma-1' } };
  const c = aStageIvCase({ therapy: { exposures: [], lines: [], unidentified: [unreadable] } });
  const fired = recs(c).map((r) => r.ruleId);
  expect(fired).not.toContain('RC-02');
  expect(fired).not.toContain('RC-05');
  expect(recs(aStageIvCase()).map((r) => r.ruleId)).toContain('RC-02');
});
