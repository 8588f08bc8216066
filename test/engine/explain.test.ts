import { explainEvaluation, type RuleExplanation } from '../../src/engine/explain.js';
import { allRules } from '../../src/engine/rules/index.js';
import { scenarioById } from '../../src/fixtures/scenarios/index.js';
import { assessRecord } from '../../src/hooks/assess-record.js';
import { NOW } from '../support/case-builder.js';

/** "Why did I get no card?" answered on vignettes: each rule's verdict with the first failed condition and its facts. */
function explain(id: string): Map<string, RuleExplanation> {
  const s = scenarioById(id)!;
  const { evaluation } = assessRecord(s.record(NOW), {
    patientId: s.patientId,
    hook: 'patient-view',
    now: NOW,
    settings: { ruleSet: 'extended', disabledRules: [], rectosigmoidInScope: false },
    rules: allRules,
  });
  return new Map(explainEvaluation(allRules, evaluation).map((e) => [e.ruleId, e]));
}

test('every rule gets a verdict, in table order', () => {
  expect([...explain('V01').keys()]).toEqual(allRules.map((r) => r.meta.id));
});

describe('V01 (untreated, KRAS G12D, no obstruction)', () => {
  const v01 = explain('V01');
  test('a firing rule says so', () => {
    expect(v01.get('RC-02')).toMatchObject({ status: 'fired', cards: 1 });
  });
  test('a silent rule names the condition that failed and how its facts read', () => {
    expect(v01.get('RC-06')).toMatchObject({
      status: 'silent',
      condition: 'active obstruction or perforation',
      facts: [{ fact: 'obstructionOrPerforation', reads: ['none'] }],
    });
    const rc12 = v01.get('RC-12');
    expect(rc12?.condition).toBe('one line of therapy so far');
    expect(rc12?.facts).toEqual([{ fact: 'linesGiven', reads: ['0'] }]);
  });
  test('order rules are not run for chart review', () => {
    expect(v01.get('RC-30')).toMatchObject({ status: 'not-run', reason: 'not run: other hook' });
  });
});

describe('V24 (ECOG 3 by Karnofsky 40, untreated)', () => {
  const v24 = explain('V24');
  test('a rule that fired but was outranked says by which rule', () => {
    expect(v24.get('RC-05')).toMatchObject({ status: 'suppressed', suppressedBy: ['RC-15'], cards: 0 });
  });
  test('the first-line card stays silent on fitness, and shows the ECOG it read', () => {
    const rc02 = v24.get('RC-02');
    expect(rc02?.condition).toBe('ECOG 0-2 or not documented');
    expect(rc02?.facts?.[0]?.reads.join(' ')).toMatch(/^ECOG: 3 \(Karnofsky 40\)/);
  });
});

test('V25 (sigmoid colon): every rule is out of scope', () => {
  const verdicts = [...explain('V25').values()];
  const chartReview = verdicts.filter((e) => e.reason !== 'not run: other hook');
  expect(chartReview.length).toBeGreaterThan(0);
  for (const e of chartReview) expect(e).toMatchObject({ status: 'not-run', reason: 'not run: out of scope' });
});
